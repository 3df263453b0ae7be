/// The rules that decide whether source text carries a sentence of the brief. The composer uses
/// them to choose citations and the verifier to check them, so both apply the same standard.
public enum Grounding {
  /// A further citation (the same sentence in another outlet) must contain at least this share
  /// of the sentence's distinct words.
  public static let minimumCopyCoverage = 0.8

  /// Words for comparison: runs of letters and digits, case kept.
  public static func words(_ text: some StringProtocol) -> [Substring] {
    Substring(text).split { !($0.isLetter || $0.isNumber) }
  }

  /// True when every word of `sentence` occurs in `source` in the same order: words may have
  /// been deleted from the source (light compression), none added or reordered. The first word
  /// may differ in case only ("But the rate…" may become "The rate…").
  public static func isWordSubsequence(_ sentence: String, of source: String) -> Bool {
    if source.contains(sentence) { return true }
    let needed = words(sentence)
    guard !needed.isEmpty else { return false }
    var next = needed.startIndex
    for word in words(source) where next < needed.endIndex {
      let matches =
        next == needed.startIndex
        ? word.lowercased() == needed[next].lowercased() : word == needed[next]
      if matches { next += 1 }
    }
    return next == needed.endIndex
  }

  /// Share of the sentence's distinct lower-cased words that `source` contains.
  public static func coverage(of sentence: String, in source: String) -> Double {
    let needed = Set(words(sentence).map { $0.lowercased() })
    guard !needed.isEmpty else { return 0 }
    let have = Set(words(source).map { $0.lowercased() })
    return Double(needed.intersection(have).count) / Double(needed.count)
  }

  /// True when `source` carries `sentence` well enough to be cited for it as a copy.
  public static func isCopy(_ source: String, of sentence: String) -> Bool {
    isWordSubsequence(sentence, of: source)
      || coverage(of: sentence, in: source) >= minimumCopyCoverage
  }
}
