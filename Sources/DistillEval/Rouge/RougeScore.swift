/// Recall, precision and F of one ROUGE measure.
public struct RougeScore: Sendable, Codable, Equatable, Hashable {
  public var recall: Double
  public var precision: Double
  public var f: Double

  public init(recall: Double, precision: Double, f: Double) {
    self.recall = recall
    self.precision = precision
    self.f = f
  }

  public static let zero = RougeScore(recall: 0, precision: 0, f: 0)
}

/// The three DUC measures for one summary.
public struct RougeResult: Sendable, Codable, Equatable, Hashable {
  /// ROUGE-1: unigram overlap.
  public var rouge1: RougeScore
  /// ROUGE-2: bigram overlap (the DUC headline measure, as recall).
  public var rouge2: RougeScore
  /// ROUGE-SU*d*: skip-bigrams spanning at most `skipDistance` skipped words, plus unigrams
  /// (ROUGE-SU4 with the DUC settings).
  public var rougeSU: RougeScore

  public init(rouge1: RougeScore, rouge2: RougeScore, rougeSU: RougeScore) {
    self.rouge1 = rouge1
    self.rouge2 = rouge2
    self.rougeSU = rougeSU
  }

  /// The measures in printing order.
  public var all: [RougeScore] { [rouge1, rouge2, rougeSU] }
}

/// An average with its bootstrap confidence interval.
public struct RougeEstimate: Sendable, Codable, Equatable, Hashable {
  /// What ROUGE-1.5.5 prints as `Average_X`: the mean over bootstrap resamples, to 5 decimals
  /// (the plain mean, to 5 decimals, when no resampling is asked for).
  public var average: Double
  public var lower: Double
  public var upper: Double

  public init(average: Double, lower: Double, upper: Double) {
    self.average = average
    self.lower = lower
    self.upper = upper
  }
}

/// Recall, precision and F of one measure, averaged over a corpus.
public struct RougeScoreEstimate: Sendable, Codable, Equatable, Hashable {
  public var recall: RougeEstimate
  public var precision: RougeEstimate
  public var f: RougeEstimate

  public init(recall: RougeEstimate, precision: RougeEstimate, f: RougeEstimate) {
    self.recall = recall
    self.precision = precision
    self.f = f
  }
}

/// The DUC measures averaged over a corpus of summaries.
public struct RougeCorpusResult: Sendable, Codable, Equatable, Hashable {
  public var rouge1: RougeScoreEstimate
  public var rouge2: RougeScoreEstimate
  public var rougeSU: RougeScoreEstimate

  public init(rouge1: RougeScoreEstimate, rouge2: RougeScoreEstimate, rougeSU: RougeScoreEstimate) {
    self.rouge1 = rouge1
    self.rouge2 = rouge2
    self.rougeSU = rougeSU
  }
}

/// One summary to score against its references, named by `id` (a DUC topic, say).
public struct RougeItem: Sendable, Codable, Equatable, Hashable {
  public var id: String
  /// The summary, one sentence per line (ROUGE's SPL format).
  public var summary: String
  /// The reference summaries, one sentence per line.
  public var references: [String]

  public init(id: String, summary: String, references: [String]) {
    self.id = id
    self.summary = summary
    self.references = references
  }
}

/// The score of one item: the average over its jackknife subsets.
public struct RougeItemResult: Sendable, Codable, Equatable, Hashable {
  public var id: String
  public var result: RougeResult
  /// How many scoring instances were averaged (the jackknife subsets, or 1).
  public var instances: Int

  public init(id: String, result: RougeResult, instances: Int) {
    self.id = id
    self.result = result
    self.instances = instances
  }
}

/// A whole evaluation: every item's score and the corpus averages.
public struct RougeEvaluation: Sendable, Codable, Equatable, Hashable {
  public var items: [RougeItemResult]
  public var average: RougeCorpusResult

  public init(items: [RougeItemResult], average: RougeCorpusResult) {
    self.items = items
    self.average = average
  }
}
