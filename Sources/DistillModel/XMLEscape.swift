/// Escaping for XML and HTML output (renderers, Atom entries, OPML), in one place so every
/// format drops and encodes the same characters.
public enum XMLEscape {
  /// `text` safe inside an element or a quoted attribute value: `& < > " '` become references;
  /// characters XML 1.0 cannot carry (C0 controls other than tab and line breaks, U+FFFE,
  /// U+FFFF) are dropped. With `attribute`, tab and line breaks become character references so
  /// that attribute-value normalization keeps them.
  ///
  /// ```swift
  /// XMLEscape.escape("Ortega & \"Sons\"")  // "Ortega &amp; &quot;Sons&quot;"
  /// ```
  public static func escape(_ text: some StringProtocol, attribute: Bool = false) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\t" where attribute: out += "&#9;"
      case "\n" where attribute: out += "&#10;"
      case "\r" where attribute: out += "&#13;"
      case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
