/// The article-extraction benchmark's scorer: 4-token shingle overlap between an extracted text
/// and the hand-corrected truth.
///
/// Tokens are the `\w+` runs of the text (Unicode letters, digits and `_`; case kept). Each text
/// becomes the multiset of its 4-token shingles (a text of fewer than 4 tokens is one shingle of
/// all of them). Per page, TP/FP/FN count shingles in both / only in the prediction / only in
/// the truth, then are divided by their sum so that every page weighs the same.
///
/// ```swift
/// let page = ExtractionScore.page(truth: "a b c d e", prediction: "a b c d")
/// // truth shingles {abcd, bcde}, prediction {abcd}: TP 1/2, FN 1/2, precision 1, recall 0.5
/// ```
public enum ExtractionScore {
  /// Normalized shingle counts of one page (TP + FP + FN = 1, or all 0 when both texts are empty).
  public struct Page: Sendable, Equatable, Codable {
    public var truePositive: Double
    public var falsePositive: Double
    public var falseNegative: Double

    public init(truePositive: Double, falsePositive: Double, falseNegative: Double) {
      self.truePositive = truePositive
      self.falsePositive = falsePositive
      self.falseNegative = falseNegative
    }

    /// Whether the prediction had any shingle.
    public var hasPrediction: Bool { truePositive + falsePositive > 0 }
    /// Whether the truth had any shingle.
    public var hasTruth: Bool { truePositive + falseNegative > 0 }

    /// TP / (TP + FP); 1 when there is nothing wrong, 0 when nothing was predicted.
    public var precision: Double {
      if falsePositive == 0 && falseNegative == 0 { return 1 }
      return truePositive + falsePositive == 0 ? 0 : truePositive / (truePositive + falsePositive)
    }

    /// TP / (TP + FN); 1 when there is nothing wrong, 0 when the truth was empty.
    public var recall: Double {
      if falsePositive == 0 && falseNegative == 0 { return 1 }
      return truePositive + falseNegative == 0 ? 0 : truePositive / (truePositive + falseNegative)
    }
  }

  /// The `\w+` tokens of `text`, as Unicode scalar strings.
  public static func tokens(_ text: String) -> [Substring] {
    var result: [Substring] = []
    let scalars = text.unicodeScalars
    var start: String.UnicodeScalarView.Index? = nil
    var index = scalars.startIndex
    while index != scalars.endIndex {
      if isWordScalar(scalars[index]) {
        if start == nil { start = index }
      } else if let s = start {
        result.append(Substring(scalars[s..<index]))
        start = nil
      }
      index = scalars.index(after: index)
    }
    if let s = start { result.append(Substring(scalars[s..<scalars.endIndex])) }
    return result
  }

  /// The multiset of `n`-token shingles of `text`.
  public static func shingles(_ text: String, n: Int = 4) -> [String: Int] {
    let words = tokens(text)
    var counts: [String: Int] = [:]
    if words.isEmpty { return counts }
    if words.count < n {
      counts[words.joined(separator: " "), default: 0] += 1
      return counts
    }
    for i in 0...(words.count - n) {
      counts[words[i..<(i + n)].joined(separator: " "), default: 0] += 1
    }
    return counts
  }

  /// Scores one page.
  public static func page(truth: String, prediction: String) -> Page {
    let t = shingles(truth)
    let p = shingles(prediction)
    var tp = 0
    var fp = 0
    var fn = 0
    for (key, tc) in t {
      let pc = p[key] ?? 0
      tp += min(tc, pc)
      fn += max(0, tc - pc)
    }
    for (key, pc) in p {
      fp += max(0, pc - (t[key] ?? 0))
    }
    let sum = Double(tp + fp + fn)
    if sum == 0 { return Page(truePositive: 0, falsePositive: 0, falseNegative: 0) }
    return Page(
      truePositive: Double(tp) / sum, falsePositive: Double(fp) / sum,
      falseNegative: Double(fn) / sum)
  }

  /// Precision averaged over pages with a prediction, recall over pages with truth.
  public static func aggregate(_ pages: [Page]) -> PrecisionRecall {
    let predicted = pages.filter(\.hasPrediction)
    let truthful = pages.filter(\.hasTruth)
    let precision =
      predicted.isEmpty ? 0 : predicted.map(\.precision).reduce(0, +) / Double(predicted.count)
    let recall = truthful.isEmpty ? 0 : truthful.map(\.recall).reduce(0, +) / Double(truthful.count)
    return PrecisionRecall(precision: precision, recall: recall)
  }

  /// Python's `\w` for `str`: letters (L*), numbers (N*) and the underscore.
  @inline(__always)
  static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    if v < 0x80 {
      return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        || v == 0x5F
    }
    switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
      .decimalNumber, .letterNumber, .otherNumber:
      return true
    default:
      return false
    }
  }
}
