import Testing

@testable import DistillEval

/// A stemmer that marks what it touched, so tests see exactly which tokens ROUGE stems.
let markingStemmer = RougeStemmer { "<\($0)>" }

func scorer(
  wordLimit: Int? = nil, stemming: Bool = false, jackknife: Bool = true,
  stemmer: RougeStemmer = markingStemmer
) -> RougeScorer {
  var settings = RougeSettings.duc(wordLimit: wordLimit ?? 1)
  settings.wordLimit = wordLimit
  settings.stemming = stemming
  settings.jackknife = jackknife
  return RougeScorer(settings: settings, stemmer: stemmer)
}

func tokens(_ text: String, _ scorer: RougeScorer) -> [String] {
  var vocabulary = RougeScorer.Vocabulary()
  let ids = scorer.grams(of: text, vocabulary: &vocabulary).unigrams.counts
  let names = Dictionary(uniqueKeysWithValues: vocabulary.ids.map { (UInt64($0.value), $0.key) })
  return ids.flatMap { id, count in Array(repeating: names[id]!, count: count) }.sorted()
}

@Suite struct RougeScorerTests {
  @Test func stemsOnlyTokensLongerThanThreeCharacters() {
    let s = scorer(stemming: true)
    #expect(tokens("Cats ran far away", s) == ["<away>", "<cats>", "far", "ran"])
  }

  @Test func exceptionsComeBeforeStemmingAndAreNotStemmedAgain() {
    let s = scorer(
      stemming: true,
      stemmer: RougeStemmer(exceptions: ["children": "child", "men": "man"]) {
        "<\($0)>"
      })
    // "men" has three characters: never looked up.
    #expect(tokens("children men women", s) == ["<women>", "child", "men"])
  }

  @Test func noStemmingWithoutDashM() {
    #expect(tokens("Cats ran", scorer(stemming: false)) == ["cats", "ran"])
  }

  @Test func rouge1AndRouge2ByHand() {
    let result = scorer().score(
      summary: "The cat sat on the mat.", references: ["The cat lay on the mat."])
    // Unigrams: the×2, cat, on, mat match → 5 of 6 each way.
    #expect(result.rouge1 == RougeScore(recall: 0.83333, precision: 0.83333, f: 0.83333))
    // Bigrams: "the cat", "on the", "the mat" match → 3 of 5.
    #expect(result.rouge2 == RougeScore(recall: 0.6, precision: 0.6, f: 0.6))
  }

  @Test func clipsRepeatedGramsAtTheReferenceCount() {
    let result = scorer().score(summary: "police police police", references: ["police said"])
    #expect(result.rouge1.recall == 0.5)
    #expect(result.rouge1.precision == 0.33333)
    // F from the rounded P and R: 0.33333 × 0.5 / (0.5 × 0.33333 + 0.5 × 0.5) = 0.39999…
    #expect(result.rouge1.f == 0.4)
  }

  @Test func skipBigramsSpanAtMostFourSkippedWords() {
    let s = scorer()
    // "a … b" with four words between is a skip-bigram; with five it is not.
    let near = s.score(summary: "a 1 2 3 4 b", references: ["a b"])
    let far = s.score(summary: "a 1 2 3 4 5 b", references: ["a b"])
    // Reference "a b": the pair (a, b) plus the unigram "a" (the last token's unigram is not
    // counted) → 2 grams.
    #expect(near.rougeSU.recall == 1)
    #expect(far.rougeSU.recall == 0.5)
  }

  @Test func skipBigramCountFollowsROUGE155() {
    var vocabulary = RougeScorer.Vocabulary()
    let grams = scorer().grams(of: "a b c d e f g", vocabulary: &vocabulary)
    // Pairs (i, j) with j - i ≤ 5: 5 + 5 + 4 + 3 + 2 + 1 = 20, plus unigrams of all tokens
    // but the last: 6.
    #expect(grams.skipBigrams.total == 26)
    #expect(grams.unigrams.total == 7)
    #expect(grams.bigrams.total == 6)
  }

  @Test func modelAveragingSumsHitsAndCountsOverReferences() {
    let result = scorer(jackknife: false).score(
      summary: "storm hits coast", references: ["storm hits town", "the coast"])
    // Hits 2 + 1 over model unigrams 3 + 2; peer unigrams counted once per model: 3 + 3.
    #expect(result.rouge1.recall == 0.6)
    #expect(result.rouge1.precision == 0.5)
  }

  @Test func jackknifeAveragesOverLeaveOneOutSubsets() {
    let refs = ["storm hits town", "the coast", "storm coast"]
    let s = scorer(jackknife: false)
    let subsets = [[refs[1], refs[2]], [refs[0], refs[2]], [refs[0], refs[1]]]
    let expected = subsets.map {
      s.score(summary: "storm hits coast", references: $0).rouge1.recall
    }
    let jackknifed = scorer(jackknife: true).score(summary: "storm hits coast", references: refs)
    #expect(abs(jackknifed.rouge1.recall - expected.reduce(0, +) / 3) < 1e-12)
    #expect(expected == [0.75, 0.8, 0.6])
  }

  @Test func oneReferenceIsNotJackknifed() {
    let s = scorer(jackknife: true)
    #expect(s.instanceScores(summary: "a b", references: ["a b c"]).count == 1)
    #expect(s.instanceScores(summary: "a b", references: ["a", "b"]).count == 2)
  }

  @Test func truncatesSummaryAndReferencesAlike() {
    let s = scorer(wordLimit: 2)
    // Only "storm hits" of each text is scored.
    let result = s.score(summary: "storm hits coast", references: ["storm hits town hard"])
    #expect(result.rouge2 == RougeScore(recall: 1, precision: 1, f: 1))
  }

  @Test func emptySummaryScoresZero() {
    let result = scorer().score(summary: "", references: ["a b c"])
    #expect(result.all == [.zero, .zero, .zero])
  }

  @Test func roundsLikeSprintf() {
    #expect(RougeScorer.round5(1.0 / 3) == 0.33333)
    #expect(RougeScorer.round5(2.0 / 3) == 0.66667)
    #expect(RougeScorer.round5(0.000004) == 0)
  }

  @Test func evaluateAveragesOverInstancesWithBootstrap() {
    let items = [
      RougeItem(id: "D0001", summary: "a b c", references: ["a b c"]),
      RougeItem(id: "D0002", summary: "a b c", references: ["x y z"]),
    ]
    let evaluation = scorer().evaluate(items)
    #expect(evaluation.items.map(\.result.rouge1.recall) == [1, 0])
    let recall = evaluation.average.rouge1.recall
    // The resample mean of two instances, one 1 and one 0, is near 0.5; the interval spans
    // the resamples of all ones and all zeros.
    #expect(abs(recall.average - 0.5) < 0.05)
    #expect(recall.lower == 0)
    #expect(recall.upper == 1)
  }
}
