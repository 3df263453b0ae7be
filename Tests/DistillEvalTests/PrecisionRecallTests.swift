import DistillEval
import Testing

@Test func f1IsTheHarmonicMean() {
  #expect(PrecisionRecall(precision: 0.5, recall: 1).f1 == 2.0 / 3.0)
  #expect(PrecisionRecall(precision: 0, recall: 0).f1 == 0)
}
