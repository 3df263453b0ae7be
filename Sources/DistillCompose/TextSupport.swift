import DistillModel
import DistillText
import Foundation

/// A word of a text with its place, in Unicode scalar offsets relative to the text it came from.
struct Word: Sendable, Hashable {
  var text: String
  var start: Int
  var end: Int
  /// `text` lower-cased (kept, since every caller compares lower-cased words).
  var lower: String

  init(text: String, start: Int, end: Int) {
    self.text = text
    self.start = start
    self.end = end
    self.lower = text.lowercased()
  }

  /// A word from its scalars. ASCII words, almost every word of English news, are written
  /// byte by byte, text and lower case at once: appending scalars to a string view and the
  /// general Unicode lower-casing were most of the time the composer spent tokenizing.
  init(_ scalars: ArraySlice<Unicode.Scalar>, start: Int, end: Int) {
    self.start = start
    self.end = end
    if scalars.allSatisfy(\.isASCII) {
      let count = scalars.count
      self.text = String(unsafeUninitializedCapacity: count) { buffer in
        var i = 0
        for s in scalars {
          buffer[i] = UInt8(truncatingIfNeeded: s.value)
          i += 1
        }
        return count
      }
      self.lower = String(unsafeUninitializedCapacity: count) { buffer in
        var i = 0
        for s in scalars {
          let v = UInt8(truncatingIfNeeded: s.value)
          buffer[i] = v >= 0x41 && v <= 0x5A ? v + 32 : v
          i += 1
        }
        return count
      }
    } else {
      var text = String.UnicodeScalarView()
      text.append(contentsOf: scalars)
      self.text = String(text)
      self.lower = self.text.lowercased()
    }
  }
  var isCapitalized: Bool { text.unicodeScalars.first.map { $0.properties.isUppercase } ?? false }
  var isNumeric: Bool {
    text.unicodeScalars.first.map(TextSupport.isDigit) ?? false
  }
}

/// Small text routines the composer shares. Offsets are always Unicode scalar offsets, the unit
/// of ``TextSpan``.
enum TextSupport {
  /// Decimal digits of any script. ASCII is answered without a Unicode table lookup: most news
  /// text is ASCII, and this runs for every character the composer reads.
  static func isDigit(_ s: Unicode.Scalar) -> Bool {
    if s.isASCII { return s.value >= 0x30 && s.value <= 0x39 }
    return s.properties.numericType == .decimal
  }

  static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
    if s.isASCII {
      let v = s.value
      return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
    }
    return s.properties.isAlphabetic || s.properties.numericType == .decimal
  }

  /// Words of `text`: runs of letters and digits, keeping inner apostrophes and hyphens
  /// ("port's", "well-known") and digit group marks ("1,200", "2.5").
  static func words(_ text: String, limit: Int = .max) -> [Word] {
    words(Array(text.unicodeScalars), limit: limit)
  }

  /// The words of `scalars`, at most `limit` of them (callers that look only at how a sentence
  /// opens stop early).
  static func words(_ scalars: [Unicode.Scalar], limit: Int = .max) -> [Word] {
    var result: [Word] = []
    var i = 0
    let n = scalars.count
    while i < n && result.count < limit {
      guard isWordScalar(scalars[i]) else {
        i += 1
        continue
      }
      let start = i
      var j = i + 1
      while j < n {
        let s = scalars[j]
        if isWordScalar(s) {
          j += 1
          continue
        }
        if j + 1 < n, isWordScalar(scalars[j + 1]) {
          let prevDigit = isDigit(scalars[j - 1])
          let nextDigit = isDigit(scalars[j + 1])
          if s == "'" || s == "\u{2019}" || s == "-" {
            j += 1
            continue
          }
          if (s == "," || s == "."), prevDigit, nextDigit {
            j += 1
            continue
          }
        }
        break
      }
      var end = j
      // Possessive "'s" belongs to the word but not to its meaning.
      if end - start > 2, scalars[end - 1] == "s" || scalars[end - 1] == "S",
        scalars[end - 2] == "'" || scalars[end - 2] == "\u{2019}"
      {
        end -= 2
      }
      result.append(Word(scalars[start..<end], start: start, end: end))
      i = j
    }
    return result
  }

  /// Stemmed, lower-cased content words (no stopwords, no one-letter words, no bare numbers).
  static func contentTerms(_ text: String, stems: StemCache? = nil) -> [String] {
    words(text).compactMap { word in
      let lower = word.lower
      guard lower.count > 2, !Stopwords.english.contains(lower), !word.isNumeric else {
        return nil
      }
      return stems?.stem(lower) ?? stem(lower)
    }
  }

  /// The Porter stem, so "evacuated" matches "evacuation" and "homes" matches "home".
  static func stem(_ word: String) -> String {
    guard word.unicodeScalars.contains("\u{2019}") else { return PorterStemmer().stem(word) }
    return PorterStemmer().stem(word.replacingOccurrences(of: "\u{2019}", with: "'"))
  }

  /// A bag of content terms for cosine similarity.
  static func termVector(_ text: String, stems: StemCache? = nil) -> [String: Double] {
    termVector(words: words(text), stems: stems)
  }

  static func termVector(words: [Word], stems: StemCache? = nil) -> [String: Double] {
    var v: [String: Double] = [:]
    for word in words {
      let lower = word.lower
      guard lower.count > 2, !Stopwords.english.contains(lower), !word.isNumeric else {
        continue
      }
      v[stems?.stem(lower) ?? stem(lower), default: 0] += 1
    }
    return v
  }

  static func cosine(_ a: [String: Double], _ b: [String: Double]) -> Double {
    guard !a.isEmpty, !b.isEmpty else { return 0 }
    var dot = 0.0
    for (k, x) in a { if let y = b[k] { dot += x * y } }
    let na = a.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
    let nb = b.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
    return dot / (na * nb)
  }

  /// Lower-cased letters and digits only, words separated by single spaces: the form in which
  /// two texts count as "the same" sentence or quote.
  static func normalized(_ text: String) -> String {
    words(text).map(\.lower).joined(separator: " ")
  }

  /// The text of `scalars[start..<end]`.
  static func string(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> String {
    String(String.UnicodeScalarView(scalars[max(0, start)..<min(scalars.count, end)]))
  }

  static func isSpace(_ s: Unicode.Scalar) -> Bool {
    if s.isASCII { return s == " " || s == "\n" || s == "\t" || s == "\r" }
    return s.properties.isWhitespace
  }

  /// Narrows `start..<end` past surrounding whitespace.
  static func trimmed(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> (Int, Int) {
    var lo = start
    var hi = end
    while lo < hi, isSpace(scalars[lo]) { lo += 1 }
    while hi > lo, isSpace(scalars[hi - 1]) { hi -= 1 }
    return (lo, hi)
  }

  /// Shingles of `size` consecutive lower-cased words, for near-duplicate detection.
  static func shingles(_ text: String, size: Int = 5) -> Set<Int> {
    shingles(words: words(text).map(\.lower), size: size)
  }

  /// Hashes of every run of `size` consecutive words (or of all words, when fewer).
  static func shingles(words w: [String], size: Int = 5) -> Set<Int> {
    guard !w.isEmpty else { return [] }
    var result = Set<Int>()
    for i in 0...max(0, w.count - size) {
      var hasher = Hasher()
      for word in w[i..<min(w.count, i + size)] { hasher.combine(word) }
      result.insert(hasher.finalize())
    }
    return result
  }

  static let utc: Calendar = {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar
  }()
}

/// Stems already computed while composing one brief. One cache lives for one `compose` call
/// and is never shared between calls or threads.
final class StemCache {
  private var stems: [String: String] = [:]
  func stem(_ word: String) -> String {
    if let s = stems[word] { return s }
    let s = TextSupport.stem(word)
    stems[word] = s
    return s
  }
}
