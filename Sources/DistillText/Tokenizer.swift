/// Word tokenization shared by the summarizer, the composer and the evaluators.
public enum Tokenizer {
  /// Lower-cased word tokens: runs of letters and digits. An apostrophe or hyphen between two
  /// word characters stays inside the word ("don't", "well-known"), as does a `.` or `,` between
  /// two digits ("3.5", "1,000"). Curly apostrophes become `'`.
  ///
  /// ```swift
  /// Tokenizer.words("The U.S. lost $3.5 million, officials' data shows — it's well-known.")
  /// // ["the", "u", "s", "lost", "3.5", "million", "officials", "data", "shows", "it's",
  /// //  "well-known"]
  /// ```
  ///
  /// - Complexity: O(n) in the length of the text.
  public static func words(_ text: some StringProtocol) -> [String] {
    var result: [String] = []
    var current = String.UnicodeScalarView()
    let scalars = Array(text.unicodeScalars)
    func flush() {
      if !current.isEmpty {
        result.append(String(current).lowercased())
        current = String.UnicodeScalarView()
      }
    }
    for (i, scalar) in scalars.enumerated() {
      if isWordScalar(scalar) {
        current.append(scalar)
        continue
      }
      let previous = i > 0 ? scalars[i - 1] : nil
      let next = i + 1 < scalars.count ? scalars[i + 1] : nil
      if !current.isEmpty, let previous, let next, isWordScalar(previous), isWordScalar(next) {
        switch scalar {
        case "'", "\u{2019}":
          current.append("'")
          continue
        case "-", "\u{2010}", "\u{2011}":
          current.append("-")
          continue
        case ".", ",":
          if isDigit(previous) && isDigit(next) {
            current.append(scalar)
            continue
          }
        default: break
        }
      }
      flush()
    }
    flush()
    return result
  }

  /// Lower-cased runs of letters and digits only: every other character separates words
  /// ("well-known" → "well", "known"; "it's" → "it", "s"). This is how ROUGE tokenizes.
  public static func alphanumericWords(_ text: some StringProtocol) -> [String] {
    var result: [String] = []
    var current: [UInt8] = []
    current.reserveCapacity(32)
    for scalar in text.unicodeScalars {
      let v = scalar.value
      if v < 0x80 {
        switch v {
        case 0x30...0x39, 0x61...0x7A: current.append(UInt8(v))
        case 0x41...0x5A: current.append(UInt8(v + 0x20))
        default:
          if !current.isEmpty {
            result.append(String(decoding: current, as: UTF8.self))
            current.removeAll(keepingCapacity: true)
          }
        }
      } else if isWordScalar(scalar) {
        current.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
      } else if !current.isEmpty {
        result.append(String(decoding: current, as: UTF8.self))
        current.removeAll(keepingCapacity: true)
      }
    }
    if !current.isEmpty { result.append(String(decoding: current, as: UTF8.self)) }
    return result
  }

  /// Words as the word budget counts them: whitespace-separated tokens.
  public static func whitespaceWordCount(_ text: some StringProtocol) -> Int {
    var count = 0
    var inWord = false
    for scalar in text.unicodeScalars {
      if scalar.isSpace {
        inWord = false
      } else if !inWord {
        inWord = true
        count += 1
      }
    }
    return count
  }

  /// True for letters and digits.
  public static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    if v < 0x80 {
      return (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
    }
    return scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal
  }

  static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.numericType == .decimal
  }
}
