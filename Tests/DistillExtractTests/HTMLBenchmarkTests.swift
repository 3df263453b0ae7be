import DistillEval
import DistillTestSupport
import Foundation
import Testing

@testable import DistillExtract

/// The extraction-dev pages of the shared data (real news pages with hand-corrected text).
@Suite("HTML extraction on extraction-dev")
struct HTMLBenchmarkTests {
  static let folder = Fixtures.sharedData?.appendingPathComponent("extraction-dev")

  @Test(
    "shingle F1 stays at or above the floor on the 88 development pages",
    .enabled(if: folder != nil, "../shared/data/extraction-dev is absent"))
  func developmentSetF1() throws {
    let folder = try #require(Self.folder)
    let truthData = try Data(contentsOf: folder.appendingPathComponent("ground-truth.json"))
    let truth = try #require(try JSONSerialization.jsonObject(with: truthData) as? [String: Any])
    let extractor = HTMLExtractor()
    var pages: [ExtractionScore.Page] = []
    for key in truth.keys.sorted() {
      let body = (truth[key] as? [String: Any])?["articleBody"] as? String ?? ""
      let file = folder.appendingPathComponent("html/\(key).html.gz")
      let html = try #require(HTMLGzip.decompress(try Data(contentsOf: file)))
      let text = extractor.extract(html, url: nil, contentTypeCharset: nil).text
      pages.append(ExtractionScore.page(truth: body, prediction: text))
    }
    #expect(pages.count == 88)
    let total = ExtractionScore.aggregate(pages)
    #expect(total.f1 >= 0.975, "F1 \(total.f1) (P \(total.precision), R \(total.recall))")
  }
}
