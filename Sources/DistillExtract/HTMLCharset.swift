import Foundation

/// Decides the character encoding of an HTML page and decodes it to UTF-8.
///
/// Order of evidence, as browsers do: a byte-order mark, then the HTTP `Content-Type` charset
/// passed in by the caller, then `<meta charset>` / `<meta http-equiv="Content-Type">` in the
/// first 4 KB, else detection: valid UTF-8 stays UTF-8, anything else is read as Windows-1252
/// (the superset of Latin-1 that browsers use for "iso-8859-1").
public enum HTMLCharset {
  /// Where the chosen encoding came from.
  public enum Evidence: String, Sendable, Codable {
    case byteOrderMark = "bom"
    case httpHeader = "http"
    case metaTag = "meta"
    case detected
  }

  /// The decision for one page.
  public struct Decision: Sendable, Equatable {
    /// Canonical lowercase label ("utf-8", "windows-1252", "shift_jis").
    public var label: String
    public var evidence: Evidence
  }

  /// Chooses the encoding of `bytes`.
  public static func detect(_ bytes: [UInt8], contentTypeCharset: String?) -> Decision {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      return Decision(label: "utf-8", evidence: .byteOrderMark)
    }
    if bytes.starts(with: [0xFF, 0xFE]) {
      return Decision(label: "utf-16le", evidence: .byteOrderMark)
    }
    if bytes.starts(with: [0xFE, 0xFF]) {
      return Decision(label: "utf-16be", evidence: .byteOrderMark)
    }
    if let header = contentTypeCharset.flatMap(canonical) {
      return Decision(label: header, evidence: .httpHeader)
    }
    if let meta = metaCharset(bytes).flatMap(canonical) {
      // A page that declares a single-byte charset but is valid UTF-8 with non-ASCII bytes was
      // almost surely re-encoded by its server; UTF-16 declared in a byte-oriented page is a lie.
      if meta.hasPrefix("utf-16") { return Decision(label: "utf-8", evidence: .metaTag) }
      return Decision(label: meta, evidence: .metaTag)
    }
    if isValidUTF8(bytes) { return Decision(label: "utf-8", evidence: .detected) }
    return Decision(label: "windows-1252", evidence: .detected)
  }

  /// Decodes `bytes` to a UTF-8 byte array, or nil when `label` is a charset this decoder does
  /// not handle itself (the caller then hands the bytes and label to libxml2/iconv).
  public static func decodeToUTF8(_ bytes: [UInt8], label: String) -> [UInt8]? {
    switch label {
    case "utf-8":
      let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
      if isValidUTF8(body) { return body }
      // Invalid sequences become U+FFFD rather than derailing the parser.
      return Array(String(decoding: body, as: UTF8.self).utf8)
    case "windows-1252":
      return decodeWindows1252(bytes)
    case "utf-16le", "utf-16be":
      let body = Array(bytes.dropFirst(2))
      var units: [UInt16] = []
      units.reserveCapacity(body.count / 2)
      var i = 0
      while i + 1 < body.count {
        let (a, b) = (UInt16(body[i]), UInt16(body[i + 1]))
        units.append(label == "utf-16le" ? a | b << 8 : a << 8 | b)
        i += 2
      }
      return Array(String(decoding: units, as: UTF16.self).utf8)
    default:
      return nil
    }
  }

  /// Maps a charset label to the canonical name used here; nil for an empty label.
  static func canonical(_ raw: String) -> String? {
    let label = raw.trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'")).lowercased()
    if label.isEmpty { return nil }
    switch label {
    case "utf8", "utf-8", "unicode-1-1-utf-8", "x-unicode20utf8": return "utf-8"
    case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "cp1252",
      "windows-1252", "x-cp1252", "iso_8859-1", "cp819", "ansi_x3.4-1968":
      return "windows-1252"
    case "utf-16", "utf-16le": return "utf-16le"
    case "utf-16be": return "utf-16be"
    default:
      // Only labels made of safe characters are passed on to iconv.
      let ok = label.unicodeScalars.allSatisfy {
        ($0.value < 128)
          && (CharacterSet.alphanumerics.contains($0) || "-_.:".unicodeScalars.contains($0))
      }
      return ok ? label : nil
    }
  }

  /// The charset declared by a `<meta>` tag in the first 4 KB, if any.
  static func metaCharset(_ bytes: [UInt8]) -> String? {
    let head = String(decoding: bytes.prefix(4096), as: UTF8.self).lowercased()
    var searchFrom = head.startIndex
    while let meta = head.range(of: "<meta", range: searchFrom..<head.endIndex) {
      let tagEnd = head[meta.upperBound...].firstIndex(of: ">") ?? head.endIndex
      let tag = head[meta.upperBound..<tagEnd]
      if let charset = tag.range(of: "charset") {
        var rest = tag[charset.upperBound...].drop { $0 == " " }
        if rest.first == "=" {
          rest = rest.dropFirst().drop { $0 == " " || $0 == "\"" || $0 == "'" }
          let value = rest.prefix { !" \"';/>".contains($0) }
          if !value.isEmpty { return String(value) }
        }
      }
      searchFrom = tagEnd
    }
    return nil
  }

  /// Whether `bytes` is well-formed UTF-8.
  static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
    var i = 0
    let n = bytes.count
    while i < n {
      let b = bytes[i]
      if b < 0x80 {
        i += 1
        continue
      }
      let length: Int
      var lower: UInt8 = 0x80
      var upper: UInt8 = 0xBF
      switch b {
      case 0xC2...0xDF: length = 2
      case 0xE0:
        length = 3
        lower = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED:
        length = 3
        upper = 0x9F
      case 0xF0:
        length = 4
        lower = 0x90
      case 0xF1...0xF3: length = 4
      case 0xF4:
        length = 4
        upper = 0x8F
      default: return false
      }
      if i + length > n { return false }
      if bytes[i + 1] < lower || bytes[i + 1] > upper { return false }
      var k = 2
      while k < length {
        if bytes[i + k] & 0xC0 != 0x80 { return false }
        k += 1
      }
      i += length
    }
    return true
  }

  /// The characters Windows-1252 puts at 0x80–0x9F (0 where it leaves a hole; those map to
  /// the C1 control of the same value, as browsers do).
  private static let windows1252High: [UInt32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
    0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
  ]

  static func decodeWindows1252(_ bytes: [UInt8]) -> [UInt8] {
    var scalars = String.UnicodeScalarView()
    scalars.reserveCapacity(bytes.count)
    for b in bytes {
      var value = UInt32(b)
      if (0x80...0x9F).contains(b), windows1252High[Int(b) - 0x80] != 0 {
        value = windows1252High[Int(b) - 0x80]
      }
      scalars.append(Unicode.Scalar(value)!)
    }
    return Array(String(scalars).utf8)
  }
}
