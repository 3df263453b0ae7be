import DistillFeeds
import DistillTestSupport
import Foundation
import Testing

/// Walks the real-world feeds in the shared development data: each parses with at least one
/// item, except the ones known to be broken, which must fail with their one-line reason.
@Suite(
  .enabled(
    if: Fixtures.sharedData != nil,
    "../shared/data is absent: the real-world feed walk is skipped"))
struct SharedFeedsTests {
  /// Files that are not feeds, or are broken, and the start of the reason each must give.
  static let expectedFailures: [String: String] = [
    "rss_2.0_invalid_1.xml": "is truncated XML",
    "xml_sample_1.xml": "is XML but not a feed (its root element is <catalog>",
    "xml_sample_2.xml": "is XML but not a feed (its root element is <catalog>",
  ]

  static var feedFiles: [URL] {
    guard let data = Fixtures.sharedData else { return [] }
    let folder = data.appendingPathComponent("feeds")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.sorted().map { folder.appendingPathComponent($0) }
  }

  @Test func everyFeedParsesOrFailsWithItsReason() throws {
    let files = Self.feedFiles
    #expect(files.count >= 60, "expected the shared feed folder to hold its ~68 files")
    var parsed = 0
    for file in files {
      let data = try Data(contentsOf: file)
      let name = file.lastPathComponent
      let url = URL(string: "https://feeds.example.org/\(name)")
      do {
        let feed = try FeedParser().parse(data, url: url)
        #expect(Self.expectedFailures[name] == nil, "\(name) should have failed")
        #expect(!feed.items.isEmpty, "\(name) parsed with no items")
        for item in feed.items {
          #expect(
            item.title != nil || item.summary != nil || item.content != nil,
            "\(name): an item with neither title nor text")
        }
        parsed += 1
      } catch {
        guard let expected = Self.expectedFailures[name] else {
          Issue.record("\(name) failed: \(error.message)")
          continue
        }
        #expect(error.message.hasPrefix(expected), "\(name): \(error.message)")
      }
    }
    #expect(parsed == files.count - Self.expectedFailures.count)
  }
}
