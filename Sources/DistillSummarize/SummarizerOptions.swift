/// Tunable settings of ``StorySummarizer``. The defaults are the ones measured on the DUC
/// development sets (docs/BENCHMARKS.md, "Summarizer").
public struct SummarizerOptions: Sendable, Codable, Hashable {
  /// Sentences shorter than this (in words) are never picked: too little to stand alone.
  public var minimumWords: Int
  /// Sentences longer than this are never picked: they crowd out everything else.
  public var maximumWords: Int
  /// A concept (stemmed bigram) counts only if at least this many articles mention it; with
  /// fewer articles than `minimumDocumentFrequency * 3` the threshold drops to 2, and for one
  /// article to in-article repetition.
  public var minimumDocumentFrequency: Int
  /// Selection divides a sentence's new concept weight by its length raised to this power.
  public var lengthExponent: Double
  /// Extra weight (as a multiple) for concepts that contain a word of the focus question.
  public var focusBoost: Double
  /// Weight of each word of the focus question, per article that uses it: a sentence that
  /// answers the question earns this once per focus word the summary does not yet contain.
  public var focusTermWeight: Double
  /// Weight kept by concepts the reader has already seen (update mode), as a fraction.
  public var alreadyReadWeight: Double
  /// Sentences whose word sets overlap at least this much (Jaccard) count as the same sentence.
  public var duplicateSimilarity: Double
  /// An article counts as a copy of an earlier one (and its concepts are counted once, for
  /// the earlier one) when at least this share of its sentences duplicate that article's;
  /// above 1, copies count as separate articles.
  public var copyShare: Double
  /// Also treat a sentence as leaning on an antecedent when a third-person pronoun comes
  /// before any name in it ("Police tried to block them…"), not only when it opens with one.
  public var strictPronouns: Bool
  /// Delete leading datelines ("PINE RIDGE, S.D. (AP) -- ") from picked sentences.
  public var removeDatelines: Bool
  /// Delete trailing attributions (", officials said.") from picked sentences that quote
  /// nobody.
  public var removeAttributions: Bool

  public init(
    minimumWords: Int = 8, maximumWords: Int = 60, minimumDocumentFrequency: Int = 2,
    lengthExponent: Double = 1.0, focusBoost: Double = 1.0, focusTermWeight: Double = 1.0,
    alreadyReadWeight: Double = 0.3,
    duplicateSimilarity: Double = 0.75, copyShare: Double = 0.5, strictPronouns: Bool = true,
    removeDatelines: Bool = true,
    removeAttributions: Bool = false
  ) {
    self.minimumWords = minimumWords
    self.maximumWords = maximumWords
    self.minimumDocumentFrequency = minimumDocumentFrequency
    self.lengthExponent = lengthExponent
    self.focusBoost = focusBoost
    self.focusTermWeight = focusTermWeight
    self.alreadyReadWeight = alreadyReadWeight
    self.duplicateSimilarity = duplicateSimilarity
    self.copyShare = copyShare
    self.strictPronouns = strictPronouns
    self.removeDatelines = removeDatelines
    self.removeAttributions = removeAttributions
  }
}
