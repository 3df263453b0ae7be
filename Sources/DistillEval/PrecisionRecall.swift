/// Precision, recall and their harmonic mean.
public struct PrecisionRecall: Sendable, Codable, Equatable, Hashable {
  public var precision: Double
  public var recall: Double
  public init(precision: Double, recall: Double) {
    self.precision = precision
    self.recall = recall
  }
  /// F1, or 0 when both are 0.
  public var f1: Double {
    precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
  }
}
