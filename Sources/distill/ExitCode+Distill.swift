import ArgumentParser

/// Exit statuses of `distill`, documented in the README ("Exit status").
extension ExitCode {
  /// The brief was written, but at least one input was skipped (each is named on stderr).
  static let someInputsSkipped = ExitCode(2)
  /// `--check` found a sentence, quote or figure that its cited source does not contain.
  static let checkFailed = ExitCode(1)
  /// No input produced an article, so there is no brief (EX_DATAERR).
  static let noArticles = ExitCode(65)
}
