/// One word found by ``WordScanner``: where it is and what it looks like, without copying it.
struct ScannedWord {
  /// FNV-1a of the lower-cased word's UTF-8 bytes.
  var hash: UInt64
  var range: Range<String.UnicodeScalarView.Index>
  /// Number of Unicode scalars in the word.
  var length: Int
  /// True when the first letter is upper case.
  var isCapitalized: Bool
  /// True when the word opens a sentence or paragraph (so its capital says nothing).
  var startsSentence: Bool
  /// True when the word has at least one letter (not a bare number).
  var hasLetter: Bool
}

/// Splits text into words (runs of letters and digits) in one pass over its scalars.
///
/// Apostrophes and hyphens split words ("Clinton's" gives "clinton" and "s"), which keeps the
/// vocabulary small and matches how the words are weighed later. Words are hashed while being
/// scanned so that callers can look them up without allocating a string per word.
enum WordScanner {
  static func scan(_ text: String, _ body: (ScannedWord) -> Void) {
    let scalars = text.unicodeScalars
    var index = scalars.startIndex
    var sentenceStart = true
    var newlines = 0
    while index != scalars.endIndex {
      let scalar = scalars[index]
      guard isWordScalar(scalar) else {
        switch scalar {
        case ".", "!", "?": sentenceStart = true
        case "\n":
          newlines += 1
          if newlines >= 2 { sentenceStart = true }
        default: break
        }
        if scalar != "\n" && !isWhitespace(scalar) { newlines = 0 }
        index = scalars.index(after: index)
        continue
      }
      newlines = 0
      let start = index
      var hash = StableHash.fnvOffset
      var length = 0
      var hasLetter = false
      let isCapitalized =
        scalar.isASCII ? (scalar.value >= 65 && scalar.value <= 90) : scalar.properties.isUppercase
      while index != scalars.endIndex {
        let current = scalars[index]
        guard isWordScalar(current) else { break }
        length += 1
        if current.isASCII {
          var byte = UInt8(truncatingIfNeeded: current.value)
          if byte >= 65 && byte <= 90 {
            byte += 32
            hasLetter = true
          } else if byte >= 97 {
            hasLetter = true
          }
          hash = StableHash.fnvStep(hash, byte)
        } else {
          hasLetter = true
          for lowered in current.properties.lowercaseMapping.utf8 {
            hash = StableHash.fnvStep(hash, lowered)
          }
        }
        index = scalars.index(after: index)
      }
      body(
        ScannedWord(
          hash: hash, range: start..<index, length: length, isCapitalized: isCapitalized,
          startsSentence: sentenceStart, hasLetter: hasLetter))
      sentenceStart = false
    }
  }

  @inline(__always)
  static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII { return scalar == " " || (scalar.value >= 9 && scalar.value <= 13) }
    return scalar.properties.isWhitespace
  }

  @inline(__always)
  static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII {
      let v = scalar.value
      return (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122)
    }
    let properties = scalar.properties
    return properties.isAlphabetic || properties.numericType != nil
  }

  /// The lower-cased text of a scanned word.
  static func lowercased(_ text: String, _ word: ScannedWord) -> String {
    String(String.UnicodeScalarView(text.unicodeScalars[word.range])).lowercased()
  }
}
