import Testing

@testable import DistillEval

@Suite("ExtractionScore")
struct ExtractionScoreTests {
  @Test("tokens are \\w+ runs: letters, digits, underscore; punctuation dropped, case kept")
  func tokens() {
    #expect(
      ExtractionScore.tokens("Hello, world! it's 2019_v2 — Zürich.") == [
        "Hello", "world", "it", "s", "2019_v2", "Zürich",
      ])
    #expect(ExtractionScore.tokens("北京 ok") == ["北京", "ok"])
    #expect(ExtractionScore.tokens(" ... ").isEmpty)
  }

  @Test("shingles are 4-token windows, a short text is one shingle")
  func shingles() {
    #expect(ExtractionScore.shingles("a b c d e") == ["a b c d": 1, "b c d e": 1])
    #expect(ExtractionScore.shingles("a b a b a b a") == ["a b a b": 2, "b a b a": 2])
    #expect(ExtractionScore.shingles("one two") == ["one two": 1])
    #expect(ExtractionScore.shingles("") == [:])
  }

  @Test("a prediction missing the last word: 1 of 2 truth shingles found")
  func partialRecall() {
    // Truth {abcd, bcde}; prediction {abcd}: TP 1, FN 1, FP 0 → /2.
    let page = ExtractionScore.page(truth: "a b c d e", prediction: "a b c d")
    #expect(page == .init(truePositive: 0.5, falsePositive: 0, falseNegative: 0.5))
    #expect(page.precision == 1)
    #expect(page.recall == 0.5)
  }

  @Test("junk added to the prediction counts as false positives, multisets included")
  func falsePositives() {
    // Truth {abcd}; prediction "a b c d a b c d" = {abcd ×2, bcda, cdab, dabc}.
    // TP 1, FP 4 (one excess abcd + three others), FN 0 → TP 1/5, FP 4/5.
    let page = ExtractionScore.page(truth: "a b c d", prediction: "a b c d a b c d")
    #expect(abs(page.truePositive - 0.2) < 1e-12)
    #expect(abs(page.falsePositive - 0.8) < 1e-12)
    #expect(page.falseNegative == 0)
    #expect(abs(page.precision - 0.2) < 1e-12)
    #expect(page.recall == 1)
  }

  @Test("identical texts score 1 whatever the punctuation and spacing")
  func identical() {
    let page = ExtractionScore.page(
      truth: "Rain, then sun.\n\nWind later!", prediction: "Rain then sun Wind later")
    #expect(page.precision == 1 && page.recall == 1)
  }

  @Test("averages: precision over predicted pages, recall over pages with truth")
  func aggregate() {
    let perfect = ExtractionScore.page(truth: "a b c d e", prediction: "a b c d e")
    let half = ExtractionScore.page(truth: "a b c d e", prediction: "a b c d")
    let missing = ExtractionScore.page(truth: "a b c d e", prediction: "")
    #expect(!missing.hasPrediction && missing.hasTruth)
    let total = ExtractionScore.aggregate([perfect, half, missing])
    // Precision: (1 + 1) / 2 predicted pages. Recall: (1 + 0.5 + 0) / 3.
    #expect(total.precision == 1)
    #expect(abs(total.recall - 0.5) < 1e-12)
    #expect(abs(total.f1 - 2.0 / 3.0) < 1e-12)
  }
}
