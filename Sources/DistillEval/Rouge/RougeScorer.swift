import Foundation

/// How ROUGE-1.5.5 with `-m` normalizes a token: tokens of more than three characters are looked
/// up in a morphological exception table (ROUGE's WordNet exception database), and otherwise
/// Porter-stemmed; shorter tokens are left alone.
public struct RougeStemmer: Sendable {
  /// Irregular forms mapped to their base form (`"children": "child"`); the result is not
  /// stemmed further. Empty unless loaded (see ``WordNetExceptions``).
  public var exceptions: [String: String]
  private let stemWord: @Sendable (String) -> String

  /// - Parameters:
  ///   - exceptions: irregular forms, applied before stemming.
  ///   - stem: the word stemmer (Porter's, for ROUGE).
  public init(exceptions: [String: String] = [:], stem: @escaping @Sendable (String) -> String) {
    self.exceptions = exceptions
    self.stemWord = stem
  }

  /// The form ROUGE counts for `token` (already lower-cased).
  public func normalize(_ token: String) -> String {
    // ROUGE-1.5.5 only calls its stemmer on tokens longer than three characters.
    guard token.utf8.count > 3 else { return token }
    return exceptions[token] ?? stemWord(token)
  }
}

/// ROUGE-1, ROUGE-2 and ROUGE-SU4 as ROUGE-1.5.5 computes them with NIST's DUC settings
/// (`-n 2 -x -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -l N`), including its rounding of every
/// score to 5 decimals, model averaging (`-f A`), jackknifing over references and its seeded
/// bootstrap, so averages and intervals match the Perl script's output.
///
/// ```swift
/// let scorer = RougeScorer(settings: .duc(wordLimit: 250))
/// let result = scorer.score(summary: mine, references: [a, b, c, d])
/// result.rouge2.recall
/// ```
public struct RougeScorer: Sendable {
  public var settings: RougeSettings
  public var stemmer: RougeStemmer

  /// - Parameters:
  ///   - settings: the ROUGE options.
  ///   - stemmer: how tokens are normalized when `settings.stemming` is on.
  public init(settings: RougeSettings, stemmer: RougeStemmer) {
    self.settings = settings
    self.stemmer = stemmer
  }

  /// The score of one summary against its references: with jackknifing and two or more
  /// references, the average of its scores against each leave-one-out subset.
  ///
  /// - Precondition: `references` is not empty.
  public func score(summary: String, references: [String]) -> RougeResult {
    Self.mean(instanceScores(summary: summary, references: references))
  }

  /// Scores every item, then averages over all scoring instances (jackknife subsets) as
  /// ROUGE-1.5.5 does, with its bootstrap confidence interval.
  public func evaluate(_ items: [RougeItem]) -> RougeEvaluation {
    var results: [RougeItemResult] = []
    var instances: [(key: [UInt8], scores: RougeResult)] = []
    for item in items {
      let scores = instanceScores(summary: item.summary, references: item.references)
      results.append(
        RougeItemResult(id: item.id, result: Self.mean(scores), instances: scores.count))
      for (index, score) in scores.enumerated() {
        let key = scores.count == 1 ? item.id : "\(item.id)-\(index + 1)"
        instances.append((Array(key.utf8), score))
      }
    }
    // ROUGE sorts its test instances by name before resampling; the order fixes which
    // instance each random draw picks.
    instances.sort { $0.key.lexicographicallyPrecedes($1.key) }
    let bootstrap = RougeBootstrap(
      samples: settings.bootstrapSamples, confidence: settings.confidence)
    func estimate(_ pick: (RougeResult) -> RougeScore) -> RougeScoreEstimate {
      let scores = instances.map { pick($0.scores) }
      return RougeScoreEstimate(
        recall: bootstrap.estimate(scores.map(\.recall)),
        precision: bootstrap.estimate(scores.map(\.precision)),
        f: bootstrap.estimate(scores.map(\.f)))
    }
    return RougeEvaluation(
      items: results,
      average: RougeCorpusResult(
        rouge1: estimate(\.rouge1), rouge2: estimate(\.rouge2), rougeSU: estimate(\.rougeSU)))
  }

  /// The scores against each reference subset (one subset when not jackknifing).
  func instanceScores(summary: String, references: [String]) -> [RougeResult] {
    precondition(!references.isEmpty, "ROUGE needs at least one reference summary")
    var vocabulary = Vocabulary()
    let peer = grams(of: summary, vocabulary: &vocabulary)
    let models = references.map { grams(of: $0, vocabulary: &vocabulary) }
    guard settings.jackknife, models.count > 1 else {
      return [score(peer: peer, models: models)]
    }
    return models.indices.map { left in
      score(peer: peer, models: models.enumerated().filter { $0.offset != left }.map(\.element))
    }
  }

  // MARK: - Counting

  /// Token ids, shared by a summary and its references, plus a cache of normalized forms.
  struct Vocabulary {
    var ids: [String: UInt32] = [:]
    var normalized: [String: String] = [:]

    mutating func id(of token: String) -> UInt32 {
      if let id = ids[token] { return id }
      let id = UInt32(ids.count + 1)  // ids start at 1 so that 0 never appears in a gram key
      ids[token] = id
      return id
    }
  }

  /// Gram counts of one text and their total (ROUGE's `_cn_`).
  struct GramCounts {
    var counts: [UInt64: Int] = [:]
    var total = 0

    mutating func add(_ key: UInt64) {
      counts[key, default: 0] += 1
      total += 1
    }
  }

  struct TextGrams {
    var unigrams: GramCounts
    var bigrams: GramCounts
    var skipBigrams: GramCounts
  }

  func grams(of text: String, vocabulary: inout Vocabulary) -> TextGrams {
    let tokens = RougeTokenizer(wordLimit: settings.wordLimit).tokens(of: text)
    var ids: [UInt64] = []
    ids.reserveCapacity(tokens.count)
    for token in tokens {
      var form = token
      if settings.stemming {
        if let cached = vocabulary.normalized[token] {
          form = cached
        } else {
          form = stemmer.normalize(token)
          vocabulary.normalized[token] = form
        }
      }
      ids.append(UInt64(vocabulary.id(of: form)))
    }
    var unigrams = GramCounts()
    var bigrams = GramCounts()
    var skip = GramCounts()
    for (i, id) in ids.enumerated() {
      unigrams.add(id)
      if i + 1 < ids.count { bigrams.add(id << 32 | ids[i + 1]) }
    }
    // As ROUGE-1.5.5's createSkipBigram: the loop stops before the last token, so the last
    // token's unigram is never counted with -u; a pair may skip at most `skipDistance` tokens.
    if ids.count > 1 {
      for i in 0..<(ids.count - 1) {
        if settings.skipBigramsIncludeUnigrams { skip.add(ids[i]) }
        let last =
          settings.skipDistance < 0
          ? ids.count - 1 : min(ids.count - 1, i + settings.skipDistance + 1)
        for j in (i + 1)...last { skip.add(ids[i] << 32 | ids[j]) }
      }
    }
    return TextGrams(unigrams: unigrams, bigrams: bigrams, skipBigrams: skip)
  }

  // MARK: - Scoring

  func score(peer: TextGrams, models: [TextGrams]) -> RougeResult {
    RougeResult(
      rouge1: score(peer.unigrams, models.map(\.unigrams)),
      rouge2: score(peer.bigrams, models.map(\.bigrams)),
      rougeSU: score(peer.skipBigrams, models.map(\.skipBigrams)))
  }

  /// Model-average scoring (`-f A`): hits, model grams and peer grams are summed over the
  /// models, each model clipping the hits, then every figure is rounded to 5 decimals as the
  /// Perl script's `sprintf("%7.5f")` does (F from the rounded P and R).
  func score(_ peer: GramCounts, _ models: [GramCounts]) -> RougeScore {
    var hits = 0
    var modelTotal = 0
    var peerTotal = 0
    for model in models {
      for (gram, count) in model.counts {
        if let peerCount = peer.counts[gram] { hits += min(count, peerCount) }
      }
      modelTotal += model.total
      peerTotal += peer.total
    }
    let recall = modelTotal == 0 ? 0 : Self.round5(Double(hits) / Double(modelTotal))
    let precision = peerTotal == 0 ? 0 : Self.round5(Double(hits) / Double(peerTotal))
    let alpha = settings.alpha
    let denominator = (1 - alpha) * precision + alpha * recall
    let f = denominator > 0 ? Self.round5((precision * recall) / denominator) : 0
    return RougeScore(recall: recall, precision: precision, f: f)
  }

  /// `sprintf("%7.5f", x)` read back as a number.
  static func round5(_ value: Double) -> Double {
    Double(String(format: "%.5f", value)) ?? value
  }

  static func mean(_ results: [RougeResult]) -> RougeResult {
    guard !results.isEmpty else { return RougeResult(rouge1: .zero, rouge2: .zero, rougeSU: .zero) }
    func average(_ pick: (RougeResult) -> RougeScore) -> RougeScore {
      let n = Double(results.count)
      return RougeScore(
        recall: results.reduce(0) { $0 + pick($1).recall } / n,
        precision: results.reduce(0) { $0 + pick($1).precision } / n,
        f: results.reduce(0) { $0 + pick($1).f } / n)
    }
    return RougeResult(
      rouge1: average(\.rouge1), rouge2: average(\.rouge2), rougeSU: average(\.rougeSU))
  }
}
