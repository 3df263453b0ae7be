import CZlib
import Foundation

/// Reads gzip-compressed pages (`page.html.gz`) through zlib.
public enum HTMLGzip {
  /// Whether `data` starts with the gzip magic bytes.
  public static func isGzip(_ data: Data) -> Bool {
    data.count >= 2 && data[data.startIndex] == 0x1F && data[data.startIndex + 1] == 0x8B
  }

  /// Inflates gzip (or zlib) `data`; nil when it is corrupt or would exceed `limit` bytes.
  public static func decompress(_ data: Data, limit: Int = 256 << 20) -> Data? {
    if data.isEmpty { return nil }
    var stream = z_stream()
    // 15 window bits + 32: detect gzip or zlib headers automatically.
    guard inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
    else { return nil }
    defer { inflateEnd(&stream) }
    var input = [UInt8](data)
    var output = Data()
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    var status: Int32 = Z_OK
    input.withUnsafeMutableBufferPointer { inBuffer in
      stream.next_in = inBuffer.baseAddress
      stream.avail_in = uInt(inBuffer.count)
      repeat {
        chunk.withUnsafeMutableBufferPointer { outBuffer in
          stream.next_out = outBuffer.baseAddress
          stream.avail_out = uInt(outBuffer.count)
          status = inflate(&stream, Z_NO_FLUSH)
          let produced = outBuffer.count - Int(stream.avail_out)
          output.append(outBuffer.baseAddress!, count: produced)
        }
        if output.count > limit { status = Z_MEM_ERROR }
      } while status == Z_OK && (stream.avail_in > 0 || stream.avail_out == 0)
    }
    return status == Z_STREAM_END ? output : nil
  }
}
