/// Turns a summary into the tokens ROUGE-1.5.5 counts, the way its `readText` (SPL input, one
/// sentence per line) and `createNGram` do it.
///
/// 1. Lines are the sentences; empty lines are skipped; ASCII letters are lower-cased.
/// 2. With a word limit, whole lines are kept while the running word count stays below the
///    limit, and the line that reaches it is cut to fill the limit exactly. Words here are the
///    fields of Perl's `split(/\s+/, line)`: runs of ASCII whitespace, where a line starting with
///    whitespace contributes one extra, empty field (a Perl quirk the word count keeps).
/// 3. Every byte other than an ASCII letter or digit becomes a space (ROUGE reads bytes, so a
///    non-ASCII letter separates words; a hyphen becomes a token "-", which is then dropped).
/// 4. Tokens are the remaining runs of `[a-z0-9]`.
///
/// Example: `"U.S.-led talks\nresumed"` → `["u", "s", "led", "talks", "resumed"]`.
///
/// - Complexity: O(n) in the length of the text.
public struct RougeTokenizer: Sendable {
  /// `-l N`, or nil for no limit.
  public var wordLimit: Int?

  public init(wordLimit: Int? = nil) {
    self.wordLimit = wordLimit
  }

  /// The unstemmed tokens of `text`.
  public func tokens(of text: String) -> [String] {
    var tokens: [String] = []
    for field in keptFields(of: Array(text.utf8)) {
      var current: [UInt8] = []
      for byte in field {
        if let folded = Self.alphanumeric(byte) {
          current.append(folded)
        } else if !current.isEmpty {
          tokens.append(String(decoding: current, as: UTF8.self))
          current.removeAll(keepingCapacity: true)
        }
      }
      if !current.isEmpty { tokens.append(String(decoding: current, as: UTF8.self)) }
    }
    return tokens
  }

  /// The whitespace-separated fields that survive the word limit, in order.
  func keptFields(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
    var kept: [ArraySlice<UInt8>] = []
    var words = 0
    for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: true) {
      let fields = Self.perlFields(line)
      guard let limit = wordLimit, limit > 0 else {
        kept.append(contentsOf: fields)
        continue
      }
      if words + fields.count < limit {
        kept.append(contentsOf: fields)
        words += fields.count
      } else {
        kept.append(contentsOf: fields.prefix(limit - words))
        break
      }
    }
    return kept
  }

  /// Perl's `split(/\s+/, line)` on a byte string: a leading empty field when the line starts
  /// with whitespace (unless the line is all whitespace), no trailing empty fields.
  static func perlFields(_ line: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
    let fields = line.split(omittingEmptySubsequences: true, whereSeparator: isPerlSpace)
    guard let first = line.first, isPerlSpace(first), !fields.isEmpty else { return fields }
    return [line[line.startIndex..<line.startIndex]] + fields
  }

  /// `\s` for a non-UTF-8 Perl string: ASCII whitespace only.
  static func isPerlSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
  }

  /// The lower-cased byte for an ASCII letter or digit, nil for anything else.
  static func alphanumeric(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 0x61...0x7A, 0x30...0x39: return byte
    case 0x41...0x5A: return byte + 0x20
    default: return nil
    }
  }
}
