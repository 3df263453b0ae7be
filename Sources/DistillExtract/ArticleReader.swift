import DistillModel
import Foundation

/// The extract stage: turns the raw bytes of one input into an article, or says why not.
public protocol ArticleReader: Sendable {
  /// Reads `data` that came from `source`. Never throws: failures are ``IngestOutcome/skipped``.
  func read(_ data: Data, from source: SourceRef) -> IngestOutcome
}
