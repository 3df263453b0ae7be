/// White space as news text needs it: Unicode white space plus the invisible characters pages
/// use as spaces (zero-width space, byte-order mark), decided per scalar without grapheme
/// breaking, which dominated reading time on large batches.
public enum Whitespace {
  /// True when `scalar` separates words.
  @inline(__always)
  public static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x20, 0x09...0x0D: return true
    case 0..<0x80: return false
    case 0x200B, 0xFEFF: return true
    default: return scalar.properties.isWhitespace
    }
  }

  /// `text` with every run of white space collapsed to one space and the ends trimmed.
  ///
  /// ```swift
  /// Whitespace.collapse("  Harbor\n\t closes ")  // "Harbor closes"
  /// ```
  /// - Complexity: O(n) in the number of scalars.
  public static func collapse(_ text: some StringProtocol) -> String {
    var out = String.UnicodeScalarView()
    var pendingSpace = false
    for scalar in text.unicodeScalars {
      if isSpace(scalar) {
        pendingSpace = !out.isEmpty
      } else {
        if pendingSpace { out.append(" ") }
        pendingSpace = false
        out.append(scalar)
      }
    }
    return String(out)
  }
}
