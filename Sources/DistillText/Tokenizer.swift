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
    var current = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if isWordScalar(scalar) {
        current.append(scalar)
      } else if !current.isEmpty {
        result.append(String(current).lowercased())
        current = String.UnicodeScalarView()
      }
    }
    if !current.isEmpty { result.append(String(current).lowercased()) }
    return result
  }

  /// Words as the word budget counts them: whitespace-separated tokens.
  public static func whitespaceWordCount(_ text: some StringProtocol) -> Int {
    text.split(whereSeparator: \.isWhitespace).count
  }

  /// True for letters and digits.
  public static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal
  }

  static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.numericType == .decimal
  }
}
