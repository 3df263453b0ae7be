import DistillEval
import Testing

@Suite struct BCubedTests {
  @Test func perfectClusteringScoresOne() {
    let score = BCubed.score(
      predicted: ["a": "x", "b": "x", "c": "y"], gold: ["a": 1, "b": 1, "c": 2])
    #expect(score.precision == 1)
    #expect(score.recall == 1)
    #expect(score.f1 == 1)
  }

  @Test func handWorkedMixedClusters() {
    // Predicted {a,b} {c}; gold {a} {b,c}.
    // Precision: a 1/2, b 1/2, c 1 → 2/3. Recall: a 1, b 1/2, c 1/2 → 2/3.
    let score = BCubed.score(
      predicted: ["a": "x", "b": "x", "c": "y"], gold: ["a": "1", "b": "2", "c": "2"])
    #expect(abs(score.precision - 2.0 / 3) < 1e-12)
    #expect(abs(score.recall - 2.0 / 3) < 1e-12)
  }

  @Test func oneBigClusterHasFullRecallAndLowPrecision() {
    // Gold: 3 in class 1, 1 in class 2, all predicted together.
    // Precision: three items 3/4, one item 1/4 → (9/4 + 1/4) / 4 = 0.625. Recall 1.
    let gold = ["a": 1, "b": 1, "c": 1, "d": 2]
    let predicted = ["a": 0, "b": 0, "c": 0, "d": 0]
    let score = BCubed.score(predicted: predicted, gold: gold)
    #expect(abs(score.precision - 0.625) < 1e-12)
    #expect(score.recall == 1)
    #expect(abs(score.f1 - 2 * 0.625 / 1.625) < 1e-12)
  }

  @Test func allSingletonsHaveFullPrecisionAndLowRecall() {
    // Gold class of 2 and class of 1, every item alone: recall (1/2 + 1/2 + 1) / 3.
    let score = BCubed.score(
      predicted: ["a": 1, "b": 2, "c": 3], gold: ["a": "g", "b": "g", "c": "h"])
    #expect(score.precision == 1)
    #expect(abs(score.recall - 2.0 / 3) < 1e-12)
  }

  @Test func missingPredictionsCountAsSingletonsAndExtraItemsAreIgnored() {
    let score = BCubed.score(
      predicted: ["a": "x", "z": "x"], gold: ["a": "g", "b": "g"])
    #expect(score.precision == 1)
    #expect(score.recall == 0.5)
  }

  @Test func emptyGoldScoresZero() {
    let score = BCubed.score(predicted: ["a": 1], gold: [String: Int]())
    #expect(score.precision == 0 && score.recall == 0)
  }
}
