import Distill
import DistillFetch
import DistillStore
import DistillTestSupport
import Foundation
import Testing

/// The feed poller against a real server on 127.0.0.1: what it remembers between polls.
@Suite struct StoryDeskPollerTests {
  static func page(_ title: String, _ date: String, _ paragraphs: [String]) -> StaticSite.Document {
    StaticSite.Document(
      "text/html; charset=utf-8",
      """
      <!DOCTYPE html><html lang="en"><head><title>\(title)</title>
      <meta property="og:site_name" content="Harbor Ledger">
      <meta property="article:published_time" content="\(date)"></head>
      <body><article><h1>\(title)</h1>\(paragraphs.map { "<p>\($0)</p>" }.joined())</article></body></html>
      """)
  }

  static let site: [String: StaticSite.Document] = [
    "/a": page(
      "Harbor crane collapses during storm", "2026-03-02T06:00:00Z",
      [
        "A container crane at the North Harbor terminal collapsed during a storm on Sunday night, the port authority said.",
        "No one was injured when the harbor crane fell across two empty berths, the port authority said.",
        "Terminal operations were suspended on Monday while engineers inspected the other harbor cranes.",
      ]),
    "/b": page(
      "North Harbor terminal reopens after crane collapse", "2026-03-03T06:00:00Z",
      [
        "The North Harbor terminal reopened on Tuesday, two days after a container crane collapsed during a storm.",
        "Engineers found cracks in a second harbor crane, which will stay out of service, the port authority said.",
        "Shipping lines said ten container vessels had been diverted to the South Harbor terminal.",
      ]),
    "/feed.xml": StaticSite.Document(
      "application/rss+xml",
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <rss version="2.0"><channel><title>Harbor Ledger</title><link>{base}/</link>
      <item><title>Terminal reopens</title><link>{base}/b</link>
      <pubDate>Tue, 03 Mar 2026 06:00:00 GMT</pubDate></item>
      <item><title>Crane collapses</title><link>{base}/a</link>
      <pubDate>Mon, 02 Mar 2026 06:00:00 GMT</pubDate></item>
      <item><title>Missing</title><link>{base}/missing</link></item>
      </channel></rss>
      """),
  ]

  @Test func aSecondPollReadsOnlyWhatItHasNotRead() async throws {
    let server = try await StaticSite.start(Self.site)
    defer { Task { await server.stop() } }
    let folder = try TemporaryDirectory()
    let desk = StoryDesk(
      store: try SQLiteStore(path: folder.url.appendingPathComponent("poll.sqlite").path))
    let fetcher = Fetcher(configuration: FetchConfiguration(politenessDelay: .zero))
    let poller = WatchPoller(feeds: [server.url("/feed.xml")], fetcher: fetcher)
    var state = WatchState()

    let first = try await poller.poll(into: desk, state: &state)
    #expect(first.number == 1)
    #expect(first.fetchedItems == 3)
    #expect(first.report.added.count == 2)
    #expect(first.report.skipped.map(\.source.location) == [server.url("/missing")])
    #expect(first.report.changedStories.count == 1)
    #expect(
      first.summaryLine
        == "poll 1: 2 new, 0 updated, 1 skipped; stories changed: \(first.report.changedStories[0])"
    )

    // The two pages read are remembered; the missing one is tried again.
    let second = try await poller.poll(into: desk, state: &state)
    #expect(second.number == 2)
    #expect(second.fetchedItems == 1)
    #expect(second.report.added.isEmpty)
    #expect(second.report.changedStories.isEmpty)
    #expect(second.summaryLine == "poll 2: 0 new, 0 updated, 1 skipped; stories changed: none")
    #expect(state.polls == 2)
    try await fetcher.shutdown()
  }

  @Test func aCancelledPollStoresNothingAndKeepsItsState() async throws {
    let server = try await StaticSite.start(Self.site)
    defer { Task { await server.stop() } }
    let folder = try TemporaryDirectory()
    let store = try SQLiteStore(path: folder.url.appendingPathComponent("poll.sqlite").path)
    let desk = StoryDesk(store: store)
    let fetcher = Fetcher(configuration: FetchConfiguration(politenessDelay: .zero))
    let poller = WatchPoller(feeds: [server.url("/feed.xml")], fetcher: fetcher)
    let task = Task {
      withUnsafeCurrentTask { $0?.cancel() }
      var state = WatchState()
      do {
        _ = try await poller.poll(into: desk, state: &state)
        return (state, false)
      } catch is CancellationError {
        return (state, true)
      }
    }
    let (state, cancelled) = try await task.value
    #expect(cancelled)
    #expect(state == WatchState())
    #expect(try store.allArticles().isEmpty)
    try await fetcher.shutdown()
  }
}
