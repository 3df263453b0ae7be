import DistillText
import Foundation

/// Small text helpers shared by the readers.
enum NewswireText {
  /// Decodes SGML/HTML character references and drops the typesetting codes of wire feeds
  /// (`&QL;`, `&HT;`, `&UR;`, `&Cx1f;` …), which mark layout, not text.
  static func decodeEntities(_ s: String) -> String {
    guard s.contains("&") else { return s }
    var out = ""
    out.reserveCapacity(s.count)
    var i = s.startIndex
    while i < s.endIndex {
      let c = s[i]
      guard c == "&", let semi = s[i...].prefix(12).firstIndex(of: ";") else {
        out.append(c)
        i = s.index(after: i)
        continue
      }
      let name = String(s[s.index(after: i)..<semi])
      if let replacement = entity(name) {
        out += replacement
        i = s.index(after: semi)
      } else {
        out.append(c)
        i = s.index(after: i)
      }
    }
    return out
  }

  private static let named: [String: String] = [
    "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "mdash": "—",
    "ndash": "–", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "hellip": "…",
    "eacute": "é", "egrave": "è", "aacute": "á", "oacute": "ó", "iacute": "í", "uacute": "ú",
    "ntilde": "ñ", "ccedil": "ç", "uuml": "ü", "ouml": "ö", "auml": "ä", "copy": "©",
    "deg": "°", "frac12": "½", "cent": "¢", "pound": "£", "euro": "€", "middot": "·",
    "bull": "•", "shy": "",
  ]
  /// Wire typesetting codes: quad left/center/right, rails, tabs, control characters.
  private static let layoutCodes: Set<String> = [
    "QL", "QC", "QR", "UR", "LR", "HT", "MD", "TF", "TS",
  ]

  private static func entity(_ name: String) -> String? {
    if let v = named[name] ?? named[name.lowercased()] { return v }
    if layoutCodes.contains(name) || name.hasPrefix("Cx") { return " " }
    if name.hasPrefix("#x") || name.hasPrefix("#X"), let v = UInt32(name.dropFirst(2), radix: 16),
      let scalar = Unicode.Scalar(v)
    {
      return String(Character(scalar))
    }
    if name.hasPrefix("#"), let v = UInt32(name.dropFirst()), let scalar = Unicode.Scalar(v) {
      return String(Character(scalar))
    }
    return nil
  }

  /// Collapses runs of whitespace to one space and trims the ends.
  static func collapseWhitespace(_ s: String) -> String { Whitespace.collapse(s) }

  @inline(__always) static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    Whitespace.isSpace(scalar)
  }

  /// `WILLIAM K. STEVENS` → `William K. Stevens`; mixed-case names are left alone.
  static func nameCase(_ s: String) -> String {
    guard s.contains(where: \.isLetter), !s.contains(where: \.isLowercase) else { return s }
    return s.split(separator: " ").map { word in
      word.split(separator: "-", omittingEmptySubsequences: false).map { part in
        guard let first = part.first else { return String(part) }
        return String(first) + part.dropFirst().lowercased()
      }.joined(separator: "-")
    }.joined(separator: " ")
  }

  /// An all-capitals headline in title case, small words lowercased.
  static func headlineCase(_ s: String) -> String {
    let letters = s.filter(\.isLetter)
    guard letters.count > 8, !letters.contains(where: \.isLowercase) else { return s }
    let small: Set<String> = [
      "a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to", "up",
      "with", "over", "from", "into",
    ]
    return s.split(separator: " ").enumerated().map { index, word in
      let lower = word.lowercased()
      if index > 0 && small.contains(lower) { return lower }
      guard let first = lower.first else { return lower }
      return first.uppercased() + lower.dropFirst()
    }.joined(separator: " ")
  }

  /// Whitespace-separated tokens in `s`.
  static func wordCount(_ s: String) -> Int {
    var count = 0
    var inWord = false
    for scalar in s.unicodeScalars {
      if isSpace(scalar) {
        inWord = false
      } else if !inWord {
        inWord = true
        count += 1
      }
    }
    return count
  }

  /// A stable 64-bit FNV-1a hash, hex: ids for inputs that carry none.
  static func contentHash(_ s: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in s.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }

  static func matches(_ regex: NSRegularExpression, _ s: String) -> Bool {
    regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
  }

  static func captures(_ regex: NSRegularExpression, _ s: String) -> [String?]? {
    guard let m = regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) else {
      return nil
    }
    return (0..<m.numberOfRanges).map { Range(m.range(at: $0), in: s).map { String(s[$0]) } }
  }
}
