/// The Porter (1980) suffix-stripping stemmer, exactly as published in "An algorithm for suffix
/// stripping" (Program 14(3)): steps 1a–5b with the paper's rule lists (including its
/// `ABLI → ABLE` and without the later `LOGI → LOG` addition).
///
/// ROUGE-1.5.5 applies a later edition with `-m`; ``Variant/rouge155`` reproduces it, and the
/// ROUGE scorer uses that one.
///
/// ```swift
/// PorterStemmer().stem("generalizations")  // "gener"
/// ```
///
/// Input is expected lower-cased; words of one or two letters, and words containing anything but
/// the letters a–z (digits too, in the ``Variant/rouge155`` variant), are returned unchanged.
///
/// - Complexity: O(n) in the length of the word.
public struct PorterStemmer: Sendable {
  /// Which edition of the algorithm to run.
  public enum Variant: Sendable, Hashable {
    /// The algorithm as published in 1980.
    case original1980
    /// The edition inside ROUGE-1.5.5 (Porter's later Perl release with a 2004 change to step
    /// 4): step 2 has `BLI → BLE` instead of `ABLI → ABLE` and adds `LOGI → LOG`; step 4 strips
    /// `-MENT` and then `-ENT` after its other suffixes rather than only the longest of them;
    /// `Y` never counts as a double consonant in step 1b; digits are letters (consonants).
    /// Use it to reproduce ROUGE's `-m` scores.
    case rouge155
  }

  public let variant: Variant

  public init(variant: Variant = .original1980) {
    self.variant = variant
  }

  /// The stem of a lower-cased word.
  public func stem(_ word: String) -> String {
    let digitsAllowed = variant == .rouge155
    guard word.utf8.count > 2,
      word.utf8.allSatisfy({ byte in
        (0x61...0x7A).contains(byte) || (digitsAllowed && (0x30...0x39).contains(byte))
      })
    else {
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

  /// m = 1 and *o, the condition of step 1b's final rule and step 5a. ROUGE's edition tests it
  /// as a pattern over the whole word — consonants, one vowel, one consonant other than w, x or
  /// y — which also requires the word to start with a consonant.
  private func isShortCVC(_ w: [UInt8], _ length: Int) -> Bool {
    switch variant {
    case .original1980:
      return measure(w, length) == 1 && endsCVC(w, length)
    case .rouge155:
      guard length >= 3, isConsonant(w, 0) else { return false }
      var i = 1
      while i < length && isConsonant(w, i) { i += 1 }
      // Exactly one vowel, then the last letter.
      guard i == length - 2, !isConsonant(w, i) else { return false }
      let last = w[length - 1]
      return isConsonant(w, length - 1) && last != 0x77 && last != 0x78 && last != 0x79
    }
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

  /// Applies the rule with the longest matching suffix; when its condition fails, no other
  /// rule of the step is tried — as in the paper.
  private func applyLongestMatch(
    _ w: inout [UInt8], _ rules: [(String, String)], minimumMeasure: Int
  ) {
    var best: (String, String)?
    for rule in rules where ends(w, rule.0) {
      if best == nil || rule.0.utf8.count > best!.0.utf8.count { best = rule }
    }
    guard let (suffix, replacement) = best else { return }
    let stemLength = w.count - suffix.utf8.count
    if measure(w, stemLength) > minimumMeasure {
      replaceSuffix(&w, suffix.utf8.count, with: replacement)
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
    } else if endsDoubleConsonant(w, w.count), ![0x6C, 0x73, 0x7A].contains(w[w.count - 1]),
      variant == .original1980 || w[w.count - 1] != 0x79
    {
      w.removeLast()  // not l, s or z (nor y, in ROUGE's edition)
    } else if isShortCVC(w, w.count) {
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

  /// Step 2 as ROUGE-1.5.5 has it.
  private static let step2RulesROUGE: [(String, String)] =
    step2Rules.filter { $0.0 != "abli" } + [("bli", "ble"), ("logi", "log")]

  private func step2(_ w: inout [UInt8]) {
    applyLongestMatch(
      &w, variant == .rouge155 ? Self.step2RulesROUGE : Self.step2Rules, minimumMeasure: 0)
  }

  private static let step3Rules: [(String, String)] = [
    ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"),
    ("ful", ""), ("ness", ""),
  ]

  private func step3(_ w: inout [UInt8]) {
    applyLongestMatch(&w, Self.step3Rules, minimumMeasure: 0)
  }

  private static let step4Suffixes: [String] = [
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou",
    "ism", "ate", "iti", "ous", "ive", "ize",
  ]

  private func step4(_ w: inout [UInt8]) {
    if variant == .rouge155 {
      step4ROUGE(&w)
      return
    }
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

  /// ROUGE's step 4: the other suffixes first, then `-ment`, then `-ent` or `-(s|t)ion`, each
  /// removed when the stem left has m > 1.
  private func step4ROUGE(_ w: inout [UInt8]) {
    let first = Self.step4Suffixes.filter { $0 != "ment" && $0 != "ent" && $0 != "ion" }
    if let suffix = first.filter({ ends(w, $0) }).max(by: { $0.utf8.count < $1.utf8.count }),
      measure(w, w.count - suffix.utf8.count) > 1
    {
      w.removeLast(suffix.utf8.count)
    }
    if ends(w, "ment"), measure(w, w.count - 4) > 1 {
      w.removeLast(4)
    }
    if ends(w, "ent") {
      if measure(w, w.count - 3) > 1 { w.removeLast(3) }
    } else if ends(w, "ion"), w.count > 3, w[w.count - 4] == 0x73 || w[w.count - 4] == 0x74,
      measure(w, w.count - 3) > 1
    {
      w.removeLast(3)
    }
  }

  private func step5(_ w: inout [UInt8]) {
    if ends(w, "e") {
      let m = measure(w, w.count - 1)
      if m > 1 || (m == 1 && !isShortCVC(w, w.count - 1)) { w.removeLast() }
    }
    if measure(w, w.count) > 1 && endsDoubleConsonant(w, w.count) && w[w.count - 1] == 0x6C {
      w.removeLast()
    }
  }
}
