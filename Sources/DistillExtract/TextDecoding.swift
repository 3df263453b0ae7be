import DistillModel
import Foundation

/// Turns the raw bytes of an input into text, guessing the encoding the way browsers and
/// editors do for files that do not declare one.
///
/// Order: a UTF-8 or UTF-16 byte-order mark wins; then strict UTF-8; then Windows-1252 (a
/// superset of Latin-1 for printable text) when the bytes look like Western text. Anything
/// else is ``SkipReason/invalidEncoding``: guessing further would hand mojibake downstream.
public enum TextDecoding {
  /// The encoding ``decode(_:)`` settled on.
  public enum Encoding: String, Sendable, Equatable {
    case utf8, utf8WithBOM, utf16LittleEndian, utf16BigEndian, windows1252
  }

  /// Decoded text and the encoding it was read as.
  public struct Decoded: Sendable, Equatable {
    public var text: String
    public var encoding: Encoding
  }

  /// Decodes `data`; nil means ``SkipReason/invalidEncoding``.
  public static func decode(_ data: Data) -> Decoded? {
    let bytes = [UInt8](data)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      guard let text = String(validating: bytes.dropFirst(3), as: UTF8.self) else {
        return nil
      }
      return Decoded(text: text, encoding: .utf8WithBOM)
    }
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
      let littleEndian = bytes[0] == 0xFF
      let body = bytes.dropFirst(2)
      guard body.count % 2 == 0 else { return nil }
      var units: [UInt16] = []
      units.reserveCapacity(body.count / 2)
      var index = body.startIndex
      while index < body.endIndex {
        let a = UInt16(body[index])
        let b = UInt16(body[index + 1])
        units.append(littleEndian ? (b << 8 | a) : (a << 8 | b))
        index += 2
      }
      guard let text = String(validating: units, as: UTF16.self) else {
        return nil
      }
      return Decoded(text: text, encoding: littleEndian ? .utf16LittleEndian : .utf16BigEndian)
    }
    if let text = String(validating: bytes, as: UTF8.self) {
      return Decoded(text: text, encoding: .utf8)
    }
    guard isPlausibleWindows1252(bytes) else { return nil }
    return Decoded(text: decodeWindows1252(bytes), encoding: .windows1252)
  }

  /// Western text in a single-byte encoding: no control bytes besides whitespace, none of the
  /// five bytes Windows-1252 leaves undefined, and mostly ASCII (accented letters are a
  /// minority in any Western language; many high bytes means another encoding).
  static func isPlausibleWindows1252(_ bytes: [UInt8]) -> Bool {
    var high = 0
    for byte in bytes {
      switch byte {
      case 0x09, 0x0A, 0x0C, 0x0D: continue
      case 0x00..<0x20, 0x7F: return false
      case 0x81, 0x8D, 0x8F, 0x90, 0x9D: return false
      case 0x80...: high += 1
      default: continue
      }
    }
    return high * 3 <= bytes.count
  }

  /// Windows-1252: Latin-1 with printable characters in 0x80–0x9F.
  static func decodeWindows1252(_ bytes: [UInt8]) -> String {
    var scalars = String.UnicodeScalarView()
    for byte in bytes {
      if (0x80...0x9F).contains(byte), let mapped = cp1252High[Int(byte - 0x80)] {
        scalars.append(mapped)
      } else {
        scalars.append(Unicode.Scalar(byte))
      }
    }
    return String(scalars)
  }

  private static let cp1252High: [Unicode.Scalar?] = [
    "\u{20AC}", nil, "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
    "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", nil, "\u{017D}", nil,
    nil, "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
    "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", nil, "\u{017E}", "\u{0178}",
  ]
}
