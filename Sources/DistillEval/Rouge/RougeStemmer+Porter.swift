import DistillText

extension RougeStemmer {
  /// ROUGE's `-m` normalization with Distill's ``PorterStemmer`` in its ROUGE-1.5.5 edition
  /// (``PorterStemmer/Variant/rouge155``), so scores match the Perl script's.
  ///
  /// - Parameter exceptions: ROUGE's morphological exception table (see
  ///   ``WordNetExceptions``); empty reproduces ROUGE-1.5.5 with an empty exception database.
  public static func porter(exceptions: [String: String] = [:]) -> RougeStemmer {
    let porter = PorterStemmer(variant: .rouge155)
    return RougeStemmer(exceptions: exceptions) { porter.stem($0) }
  }
}

extension RougeScorer {
  /// A scorer that stems with ``RougeStemmer/porter(exceptions:)``.
  public init(settings: RougeSettings) {
    self.init(settings: settings, stemmer: .porter())
  }
}
