import Distill
import DistillFetch
import DistillModel
import DistillStore
import DistillTestSupport
import Foundation
import Synchronization
import Testing

/// The feed poller against a real server on 127.0.0.1: what it keeps in the store between
/// polls and restarts, and its leases.
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

  /// A watcher on the SQLite file at `path`: its store (whose clock reads `now`) and poller.
  static func watcher(
    _ path: String, feed: String, owner: String = "w1", now: Date? = nil, interval: Double = 600,
    leaseSeconds: Double = 60, fetcher: Fetcher
  ) throws -> (SQLiteStore, WatchPoller) {
    let store = try SQLiteStore(path: path, clock: now.map(FixedClock.init) ?? SystemClock())
    let poller = WatchPoller(
      feeds: [feed], ledger: store, owner: owner, leaseSeconds: leaseSeconds, interval: interval,
      fetcher: fetcher)
    try poller.register()
    return (store, poller)
  }

  /// A fetcher whose timeouts are far past any test's own wait: a request the server holds
  /// ends only by cancellation.
  static func patientFetcher() -> Fetcher {
    Fetcher(
      configuration: FetchConfiguration(
        readTimeout: .seconds(600), totalTimeout: .seconds(600), politenessDelay: .zero))
  }

  /// The site with its feed's first request never answered, a database beside it and a
  /// fetcher that waits for the feed until the poll is cancelled.
  struct HeldFeed {
    let server: StaticSite
    let folder: TemporaryDirectory
    let fetcher = StoryDeskPollerTests.patientFetcher()
    var path: String { folder.url.appendingPathComponent("poll.sqlite").path }
    var feed: String { server.url("/feed.xml") }

    init() async throws {
      server = try await StaticSite.start(StoryDeskPollerTests.site, hangingOnce: ["/feed.xml"])
      folder = try TemporaryDirectory()
    }
  }

  /// Waits (at most 120 s) until the server has received a request for `path`.
  static func waitForRequest(_ server: StaticSite, _ path: String) async throws {
    let deadline = Date().addingTimeInterval(120)
    while server.requests(path) == 0, Date() < deadline {
      try await Task.sleep(for: .milliseconds(20))
    }
  }

  @Test func aRestartedWatcherReadsOnlyWhatNoPollHasRead() async throws {
    let server = try await StaticSite.start(Self.site)
    defer { Task { await server.stop() } }
    let folder = try TemporaryDirectory()
    let path = folder.url.appendingPathComponent("poll.sqlite").path
    let fetcher = Fetcher(configuration: FetchConfiguration(politenessDelay: .zero))
    let feed = server.url("/feed.xml")
    // interval 0: the feed is due again as soon as a poll of it ends.
    let (store, poller) = try Self.watcher(path, feed: feed, interval: 0, fetcher: fetcher)

    let first = try #require(try await poller.pollNextFeed(into: StoryDesk(store: store)))
    #expect(first.feedURL == feed)
    #expect(first.recorded)
    #expect(first.notModified == false)
    #expect(first.fetchedItems == 3)
    #expect(first.report.added.count == 2)
    #expect(first.report.skipped.map(\.source.location) == [server.url("/missing")])
    #expect(first.report.changedStories.count == 1)
    var round = WatchPoll(number: 1)
    round.add(first)
    #expect(
      round.summaryLine
        == "poll 1: 2 new, 0 updated, 1 skipped; stories changed: \(first.report.changedStories[0])"
    )

    // Another store and poller on the same file, as after a restart: the two pages read are
    // remembered in the database; the missing one is tried again.
    let (again, restarted) = try Self.watcher(
      path, feed: feed, owner: "w2", interval: 0, fetcher: fetcher)
    let second = try #require(try await restarted.pollNextFeed(into: StoryDesk(store: again)))
    #expect(second.fetchedItems == 1)
    #expect(second.report.added.isEmpty)
    #expect(second.report.changedStories.isEmpty)
    #expect(second.report.skipped.count == 1)
    #expect(server.requests("/feed.xml") == 2)
    #expect(server.requests("/a") == 1)
    #expect(server.requests("/b") == 1)
    #expect(server.requests("/missing") == 2)
    try await fetcher.shutdown()
  }

  /// The desk's storm and claims stories as pages at `/<article id>`, listed by one feed.
  static let regroupSite: [String: StaticSite.Document] = {
    let articles =
      StoryDeskTests.stormStory + [StoryDeskTests.earlyClaims] + StoryDeskTests.claimsStory
    var site: [String: StaticSite.Document] = [:]
    var items = ""
    for article in articles {
      let date = article.metadata.published ?? Date(timeIntervalSince1970: 0)
      site["/\(article.id)"] = page(
        article.title ?? article.id, ISO8601DateFormatter().string(from: date),
        article.text.components(separatedBy: "\n\n"))
      items += "<item><title>\(article.id)</title><link>{base}/\(article.id)</link></item>"
    }
    site["/feed.xml"] = StaticSite.Document(
      "application/rss+xml",
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <rss version="2.0"><channel><title>Gulf desk</title><link>{base}/</link>\(items)</channel></rss>
      """)
    return site
  }()

  @Test func aRoundTakesTheConsolidatedViewOnceItsFeedsAreFiled() async throws {
    let server = try await StaticSite.start(Self.regroupSite)
    defer { Task { await server.stop() } }
    let folder = try TemporaryDirectory()
    let path = folder.url.appendingPathComponent("poll.sqlite").path
    let fetcher = Fetcher(configuration: FetchConfiguration(politenessDelay: .zero))
    let (store, poller) = try Self.watcher(path, feed: server.url("/feed.xml"), fetcher: fetcher)
    let desk = StoryDesk(store: store)

    let round = try await poller.pollDueFeeds(into: desk, number: 1)
    #expect(round.report.added.count == 7)
    // Filed in date order, the early claims page joined the storm story, the only one there
    // was; the round's view moved it to the claims story, and the round reports the move.
    var storyOfPage: [String: String] = [:]
    var idOfPage: [String: String] = [:]
    for story in try store.stories(updatedSince: .distantPast) {
      for article in try store.articles(inStory: story.id) {
        let page = String(article.source.location.split(separator: "/").last ?? "")
        storyOfPage[page] = story.id
        idOfPage[page] = article.id
      }
    }
    let claimsStory = try #require(storyOfPage["claims-1"])
    #expect(storyOfPage["early-claims"] == claimsStory)
    #expect(storyOfPage["storm-1"] != claimsStory)
    #expect(round.report.regrouped == [try #require(idOfPage["early-claims"]): claimsStory])
    #expect(try store.articles(inStory: claimsStory).count == 4)
    #expect(round.report.changedStories.count == 2)
    #expect(try store.storiesNeedingBrief().isEmpty)
    // A round that stores nothing takes no view and changes nothing.
    let quiet = try await poller.pollDueFeeds(into: desk, number: 2)
    #expect(quiet.feeds.isEmpty && quiet.report.regrouped.isEmpty)
    try await fetcher.shutdown()
  }

  @Test func storedValidatorsMakeAnUnchangedFeedOne304() async throws {
    let server = try await StaticSite.start(Self.site, etags: true)
    defer { Task { await server.stop() } }
    let folder = try TemporaryDirectory()
    let path = folder.url.appendingPathComponent("poll.sqlite").path
    let fetcher = Fetcher(configuration: FetchConfiguration(politenessDelay: .zero))
    let feed = server.url("/feed.xml")
    // Whole seconds: the SQLite file keeps times as seconds since 1970 in a Double.
    let start = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded())
    let (store, poller) = try Self.watcher(path, feed: feed, now: start, fetcher: fetcher)

    let round = try await poller.pollDueFeeds(into: StoryDesk(store: store), number: 1)
    #expect(round.feeds == [feed])
    #expect(round.report.added.count == 2)
    // Polled, the feed is not due again before its interval has passed.
    let early = try await poller.pollDueFeeds(into: StoryDesk(store: store), number: 2)
    #expect(early.feeds.isEmpty)
    #expect(try poller.nextDue() == start.addingTimeInterval(600))
    #expect(server.requests("/feed.xml") == 1)

    // A watcher started once it is due sends the stored ETag and gets a 304.
    let (later, restarted) = try Self.watcher(
      path, feed: feed, owner: "w2", now: start.addingTimeInterval(600), fetcher: fetcher)
    let poll = try await restarted.pollDueFeeds(into: StoryDesk(store: later), number: 1)
    #expect(poll.feeds == [feed])
    #expect(poll.notModified == 1)
    #expect(poll.fetchedItems == 0)
    #expect(poll.summaryLine == "poll 1: 0 new, 0 updated, 0 skipped; stories changed: none")
    #expect(server.requests("/feed.xml") == 2)
    #expect(server.requests("/a") == 1)
    try await fetcher.shutdown()
  }

  @Test func aCancelledPollStoresNothingAndReleasesItsFeed() async throws {
    let held = try await HeldFeed()
    defer { Task { await held.server.stop() } }
    let (server, path, fetcher, feed) = (held.server, held.path, held.fetcher, held.feed)
    let (store, poller) = try Self.watcher(path, feed: feed, fetcher: fetcher)
    let task = Task {
      do {
        _ = try await poller.pollDueFeeds(into: StoryDesk(store: store), number: 1)
        return false
      } catch is CancellationError {
        return true
      }
    }
    // The server holds the feed's first request: the poller is inside its lease.
    try await Self.waitForRequest(server, "/feed.xml")
    #expect(server.requests("/feed.xml") == 1)
    #expect(try store.claimFeed(among: [feed], owner: "w2", leaseSeconds: 60) == nil)
    task.cancel()
    #expect(try await task.value)
    #expect(try store.allArticles().isEmpty)
    // Released: due at once, and another watcher takes it and reads everything.
    let (other, next) = try Self.watcher(path, feed: feed, owner: "w2", fetcher: fetcher)
    let poll = try await next.pollDueFeeds(into: StoryDesk(store: other), number: 1)
    #expect(poll.feeds == [feed])
    #expect(poll.report.added.count == 2)
    try await fetcher.shutdown()
  }

  @Test func aPollLongerThanItsLeaseKeepsTheFeed() async throws {
    let held = try await HeldFeed()
    defer { Task { await held.server.stop() } }
    let (server, path, fetcher, feed) = (held.server, held.path, held.fetcher, held.feed)
    // Lease times come from a store clock the test moves by hand, so a lease runs out only
    // when the test says so, however slowly this machine runs; renewals come every 0.3 s.
    let start = Date(timeIntervalSince1970: 1_780_000_000)
    let clock = HandClock(start)
    let store = try SQLiteStore(path: path, clock: clock)
    let ledger = RenewalLog(store)
    let poller = WatchPoller(
      feeds: [feed], ledger: ledger, owner: "w1", leaseSeconds: 0.9, fetcher: fetcher)
    try poller.register()
    let task = Task {
      do {
        _ = try await poller.pollDueFeeds(into: StoryDesk(store: store), number: 1)
      } catch is CancellationError {}
    }
    try await Self.waitForRequest(server, "/feed.xml")
    #expect(server.requests("/feed.xml") == 1)
    // The claim holds the feed until start + 0.9. A renewal made at start + 0.6 holds it
    // until start + 1.5.
    clock.advance(by: 0.6)
    try await ledger.waitForRenewal(reaching: start.addingTimeInterval(1.5))
    clock.advance(by: 0.6)
    // Past the claim's term, within the renewal's: the feed is still the first watcher's.
    let other = try SQLiteStore(path: path, clock: clock)
    #expect(try other.claimFeed(among: [feed], owner: "w2", leaseSeconds: 60) == nil)
    task.cancel()
    try await task.value
    // Cancelled, the poll released the feed: now it can be claimed.
    #expect(try other.claimFeed(among: [feed], owner: "w2", leaseSeconds: 60) != nil)
    try await fetcher.shutdown()
  }

}

/// A store clock that moves only when a test moves it.
final class HandClock: DistillModel.Clock {
  private let time: Mutex<Date>
  init(_ start: Date) { time = Mutex(start) }
  var now: Date { time.withLock { $0 } }
  func advance(by seconds: Double) { time.withLock { $0 += seconds } }
}

/// Forwards to a ledger and keeps the expiry of each lease it renewed.
final class RenewalLog: FeedLedger {
  private let ledger: any FeedLedger
  private let expiries = Mutex<[Date]>([])
  init(_ ledger: any FeedLedger) { self.ledger = ledger }

  /// Waits (at most 120 s) until a renewal has extended a lease to `date` or later.
  func waitForRenewal(reaching date: Date) async throws {
    let deadline = Date().addingTimeInterval(120)
    while expiries.withLock({ $0.contains { $0 >= date } }) == false {
      try #require(Date() < deadline, "no renewal reached \(date)")
      try await Task.sleep(for: .milliseconds(20))
    }
  }

  func registerFeeds(_ urls: [String]) throws(StoreError) { try ledger.registerFeeds(urls) }
  func claimFeed(among urls: [String], owner: String, leaseSeconds: Double) throws(StoreError)
    -> FeedLease?
  { try ledger.claimFeed(among: urls, owner: owner, leaseSeconds: leaseSeconds) }
  func completeFeed(_ lease: FeedLease, with record: FeedPollRecord) throws(StoreError) -> Bool {
    try ledger.completeFeed(lease, with: record)
  }
  func renewFeed(_ lease: FeedLease, leaseSeconds: Double) throws(StoreError) -> FeedLease? {
    let renewed = try ledger.renewFeed(lease, leaseSeconds: leaseSeconds)
    if let renewed { expiries.withLock { $0.append(renewed.expiresAt) } }
    return renewed
  }
  func releaseFeed(_ lease: FeedLease) throws(StoreError) -> Bool { try ledger.releaseFeed(lease) }
  func nextFeedDue(among urls: [String]) throws(StoreError) -> Date? {
    try ledger.nextFeedDue(among: urls)
  }
}
