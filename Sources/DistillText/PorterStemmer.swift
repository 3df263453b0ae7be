/// The Porter (1980) suffix-stripping stemmer, exactly as published in "An algorithm for suffix
/// stripping" (Program 14(3)): steps 1a–5b with the paper's rule lists (including its
/// `ABLI → ABLE` and without the later `LOGI → LOG` addition).
///
/// It is the stemmer ROUGE applies with `-m`, so content weights computed with it line up with
/// the way summaries are scored.
///
/// ```swift
/// PorterStemmer().stem("generalizations")  // "gener"
/// ```
///
/// Input is expected lower-cased; words of one or two letters, and words containing anything but
/// the letters a–z, are returned unchanged.
///
/// - Complexity: O(n) in the length of the word.
public struct PorterStemmer: Sendable {
  public init() {}

  /// The stem of a lower-cased word.
  public func stem(_ word: String) -> String {
    guard word.utf8.count > 2, word.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else {
      return word
    }
    var w = Array(word.utf8)
    step1a(&w)
    step1b(&w)
    step1c(&w)
    step2(&w)
    step3(&w)
    step4(&w)
    step5(&w)
    return String(decoding: w, as: UTF8.self)
  }

  // MARK: - Letter classes and measure

  /// True when `w[i]` is a consonant in Porter's sense (`y` after a consonant is a vowel).
  private func isConsonant(_ w: [UInt8], _ i: Int) -> Bool {
    switch w[i] {
    case 0x61, 0x65, 0x69, 0x6F, 0x75: return false  // a e i o u
    case 0x79: return i == 0 ? true : !isConsonant(w, i - 1)  // y
    default: return true
    }
  }

  /// m in [C](VC)^m[V] for the first `length` letters.
  private func measure(_ w: [UInt8], _ length: Int) -> Int {
    var m = 0
    var i = 0
    while i < length && isConsonant(w, i) { i += 1 }
    while i < length {
      while i < length && !isConsonant(w, i) { i += 1 }
      guard i < length else { break }
      while i < length && isConsonant(w, i) { i += 1 }
      m += 1
    }
    return m
  }

  /// *v*: the first `length` letters contain a vowel.
  private func hasVowel(_ w: [UInt8], _ length: Int) -> Bool {
    (0..<length).contains { !isConsonant(w, $0) }
  }

  /// *d: the first `length` letters end with a double consonant.
  private func endsDoubleConsonant(_ w: [UInt8], _ length: Int) -> Bool {
    length >= 2 && w[length - 1] == w[length - 2] && isConsonant(w, length - 1)
  }

  /// *o: the first `length` letters end consonant–vowel–consonant, the last not w, x or y.
  private func endsCVC(_ w: [UInt8], _ length: Int) -> Bool {
    guard length >= 3 else { return false }
    let last = w[length - 1]
    return isConsonant(w, length - 3) && !isConsonant(w, length - 2) && isConsonant(w, length - 1)
      && last != 0x77 && last != 0x78 && last != 0x79
  }

  private func ends(_ w: [UInt8], _ suffix: String) -> Bool {
    let s = suffix.utf8
    guard w.count >= s.count else { return false }
    var i = w.count - s.count
    for byte in s {
      if w[i] != byte { return false }
      i += 1
    }
    return true
  }

  private func replaceSuffix(_ w: inout [UInt8], _ count: Int, with replacement: String) {
    w.removeLast(count)
    w.append(contentsOf: replacement.utf8)
  }

  /// Applies the first rule whose suffix matches (the lists are ordered longest-first within each
  /// ending); when its condition fails, no other rule of the step is tried — as in the paper.
  private func applyFirstMatch(
    _ w: inout [UInt8], _ rules: [(String, String)], minimumMeasure: Int
  ) {
    for (suffix, replacement) in rules where ends(w, suffix) {
      let stemLength = w.count - suffix.utf8.count
      if measure(w, stemLength) > minimumMeasure {
        replaceSuffix(&w, suffix.utf8.count, with: replacement)
      }
      return
    }
  }

  // MARK: - Steps

  private func step1a(_ w: inout [UInt8]) {
    if ends(w, "sses") {
      w.removeLast(2)
    } else if ends(w, "ies") {
      w.removeLast(2)
    } else if ends(w, "ss") {
      return
    } else if ends(w, "s") {
      w.removeLast()
    }
  }

  private func step1b(_ w: inout [UInt8]) {
    if ends(w, "eed") {
      if measure(w, w.count - 3) > 0 { w.removeLast() }
      return
    }
    var stripped = false
    if ends(w, "ed"), hasVowel(w, w.count - 2) {
      w.removeLast(2)
      stripped = true
    } else if ends(w, "ing"), hasVowel(w, w.count - 3) {
      w.removeLast(3)
      stripped = true
    }
    guard stripped else { return }
    if ends(w, "at") || ends(w, "bl") || ends(w, "iz") {
      w.append(0x65)  // e
    } else if endsDoubleConsonant(w, w.count), ![0x6C, 0x73, 0x7A].contains(w[w.count - 1]) {
      w.removeLast()  // not l, s or z
    } else if measure(w, w.count) == 1 && endsCVC(w, w.count) {
      w.append(0x65)
    }
  }

  private func step1c(_ w: inout [UInt8]) {
    if ends(w, "y"), hasVowel(w, w.count - 1) {
      w[w.count - 1] = 0x69  // i
    }
  }

  private static let step2Rules: [(String, String)] = [
    ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
    ("abli", "able"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"),
    ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"),
    ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"),
  ]

  private func step2(_ w: inout [UInt8]) {
    applyFirstMatch(&w, Self.step2Rules, minimumMeasure: 0)
  }

  private static let step3Rules: [(String, String)] = [
    ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"),
    ("ful", ""), ("ness", ""),
  ]

  private func step3(_ w: inout [UInt8]) {
    applyFirstMatch(&w, Self.step3Rules, minimumMeasure: 0)
  }

  private static let step4Suffixes: [String] = [
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou",
    "ism", "ate", "iti", "ous", "ive", "ize",
  ]

  private func step4(_ w: inout [UInt8]) {
    // Longest matching suffix wins ("ement" before "ment" before "ent").
    guard
      let suffix = Self.step4Suffixes.filter({ ends(w, $0) }).max(by: {
        $0.utf8.count < $1.utf8.count
      })
    else { return }
    let stemLength = w.count - suffix.utf8.count
    guard measure(w, stemLength) > 1 else { return }
    if suffix == "ion" {
      guard stemLength > 0, w[stemLength - 1] == 0x73 || w[stemLength - 1] == 0x74 else { return }
    }
    w.removeLast(suffix.utf8.count)
  }

  private func step5(_ w: inout [UInt8]) {
    if ends(w, "e") {
      let m = measure(w, w.count - 1)
      if m > 1 || (m == 1 && !endsCVC(w, w.count - 1)) { w.removeLast() }
    }
    if measure(w, w.count) > 1 && endsDoubleConsonant(w, w.count) && w[w.count - 1] == 0x6C {
      w.removeLast()
    }
  }
}
