import DistillModel
import Foundation

extension DemoCorpus {
  /// The demo articles read through `pipeline`'s ingest stage, exactly as files would be.
  public static func read(with pipeline: Pipeline) -> [Article] {
    articles.flatMap { pipeline.reader.read(Data($0.contents.utf8), name: $0.name) }
      .compactMap {
        if case .article(let article) = $0 { return article }
        return nil
      }
  }
}
