/// The options of a ROUGE run, named after the ROUGE-1.5.5 flags they mirror.
///
/// ```swift
/// let settings = RougeSettings.duc(wordLimit: 250)
/// // -n 2 -x -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -l 250, jackknifed over the references
/// ```
public struct RougeSettings: Sendable, Codable, Equatable, Hashable {
  /// `-l N`: only the first N words of every summary (peer and reference) are scored; nil
  /// scores whole texts. Words are counted as ROUGE-1.5.5 counts them: whitespace-separated
  /// fields of each line, before punctuation is removed.
  public var wordLimit: Int?
  /// `-m`: Porter-stem tokens longer than three characters.
  public var stemming: Bool
  /// `-2 d`: the largest number of words a skip-bigram may skip over (negative: no limit).
  public var skipDistance: Int
  /// `-u`: count unigrams along with skip-bigrams (ROUGE-SU rather than ROUGE-S).
  public var skipBigramsIncludeUnigrams: Bool
  /// `-p`: the weight of recall in the F measure, `F = PR / ((1 - α)P + αR)`.
  public var alpha: Double
  /// Score a summary against each leave-one-out subset of its references and average, as NIST
  /// did for DUC so that system and human scores are comparable. Ignored with one reference.
  public var jackknife: Bool
  /// `-r`: bootstrap resamples for the confidence interval (0 for none).
  public var bootstrapSamples: Int
  /// `-c`: the confidence level of the interval, in percent.
  public var confidence: Double

  public init(
    wordLimit: Int? = nil, stemming: Bool = true, skipDistance: Int = 4,
    skipBigramsIncludeUnigrams: Bool = true, alpha: Double = 0.5, jackknife: Bool = true,
    bootstrapSamples: Int = 1000, confidence: Double = 95
  ) {
    self.wordLimit = wordLimit
    self.stemming = stemming
    self.skipDistance = skipDistance
    self.skipBigramsIncludeUnigrams = skipBigramsIncludeUnigrams
    self.alpha = alpha
    self.jackknife = jackknife
    self.bootstrapSamples = bootstrapSamples
    self.confidence = confidence
  }

  /// NIST's DUC 2005–2007 settings: `-n 2 -x -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -l N`,
  /// jackknifed over the references.
  public static func duc(wordLimit: Int) -> RougeSettings {
    RougeSettings(wordLimit: wordLimit)
  }

  /// The ROUGE-1.5.5 command-line flags these settings correspond to (jackknifing is set up in
  /// the evaluation file, not by a flag).
  public var perlFlags: String {
    var flags = "-n 2 -x"
    if stemming { flags += " -m" }
    flags += " -2 \(skipDistance)"
    if skipBigramsIncludeUnigrams { flags += " -u" }
    flags +=
      " -c \(Self.format(confidence)) -r \(bootstrapSamples) -f A -p \(Self.format(alpha)) -t 0"
    if let wordLimit { flags += " -l \(wordLimit)" }
    return flags
  }

  /// The name ROUGE-1.5.5 prints for the skip-bigram measure ("ROUGE-SU4").
  public var skipBigramName: String {
    let distance = skipDistance < 0 ? "*" : String(skipDistance)
    return (skipBigramsIncludeUnigrams ? "ROUGE-SU" : "ROUGE-S") + distance
  }

  private static func format(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
  }
}
