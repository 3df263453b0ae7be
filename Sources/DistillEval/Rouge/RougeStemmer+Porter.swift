import DistillText

extension RougeStemmer {
  /// ROUGE's `-m` normalization with Distill's ``PorterStemmer``.
  ///
  /// - Parameter exceptions: ROUGE's morphological exception table (see
  ///   ``WordNetExceptions``); empty reproduces ROUGE-1.5.5 with an empty exception database.
  public static func porter(exceptions: [String: String] = [:]) -> RougeStemmer {
    let porter = PorterStemmer()
    return RougeStemmer(exceptions: exceptions) { porter.stem($0) }
  }
}

extension RougeScorer {
  /// A scorer that stems with ``RougeStemmer/porter(exceptions:)``.
  public init(settings: RougeSettings) {
    self.init(settings: settings, stemmer: .porter())
  }
}
