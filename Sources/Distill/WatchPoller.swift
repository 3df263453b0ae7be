import DistillFeeds
import DistillFetch
import DistillModel
import Foundation
import Logging

/// What a poller remembers between polls: each feed's cache validators and the items already
/// fetched.
///
/// It lives in memory only, so a restarted watcher fetches every feed and item once more (the
/// store then finds the articles unchanged). Keeping it in the store is a later change.
public struct WatchState: Sendable, Equatable {
  /// ETag and Last-Modified of each feed's last full response, by feed URL.
  public var validators: [String: CacheValidators] = [:]
  /// Items fetched and read: link plus the item's own date, so a re-dated item is read again.
  public var seenItems: Set<String> = []
  /// Polls done so far.
  public var polls = 0

  public init() {}
}

/// One poll's outcome.
public struct WatchPoll: Sendable, Equatable {
  /// 1 for the first poll.
  public var number: Int
  public var report: IngestReport
  /// Feeds that answered 304 Not Modified.
  public var notModified: Int
  /// Items fetched in this poll (new or re-dated).
  public var fetchedItems: Int

  /// The line printed per poll: `poll 3: 2 new, 1 updated, 0 skipped; stories changed: s-…`.
  public var summaryLine: String {
    let stories =
      report.changedStories.isEmpty ? "none" : report.changedStories.joined(separator: ", ")
    return
      "poll \(number): \(report.added.count) new, \(report.updated.count) updated, "
      + "\(report.skipped.count) skipped; stories changed: \(stories)"
  }
}

/// Polls feeds and hands what is new to a ``StoryDesk``.
///
/// Each feed is fetched with the validators of its last response (conditional GET), so an
/// unchanged feed costs one 304. Only items not read before are fetched; their pages go
/// through the same ingest stage as files and `distill brief --feed`.
public struct WatchPoller: Sendable {
  public var feeds: [String]
  public var fetcher: Fetcher
  public var reader: any InputReading
  /// How many items of each feed are looked at, newest as the feed lists them.
  public var itemsPerFeed: Int
  public var logger: Logger

  public init(
    feeds: [String], fetcher: Fetcher, reader: any InputReading = StandardInputReader(),
    itemsPerFeed: Int = 20, logger: Logger = Logger(label: "distill.watch")
  ) {
    self.feeds = feeds
    self.fetcher = fetcher
    self.reader = reader
    self.itemsPerFeed = itemsPerFeed
    self.logger = logger
  }

  /// Fetches what is new in every feed and ingests it through `desk`.
  ///
  /// When the task is cancelled the poll stops between fetches and stores nothing; `state` is
  /// then left as it was, so the next watcher run reads the same items again.
  public func poll(into desk: StoryDesk, state: inout WatchState) async throws -> WatchPoll {
    var next = state
    next.polls += 1
    var outcomes: [IngestOutcome] = []
    var notModified = 0
    var fetchedItems = 0
    for feed in feeds {
      try Task.checkCancellation()
      let response: FetchResult
      do {
        response = try await fetcher.fetch(feed, accept: .feed, validators: next.validators[feed])
      } catch {
        try Task.checkCancellation()
        logger.warning("feed fetch failed", metadata: ["feed": "\(feed)", "error": "\(error)"])
        outcomes.append(.skipped(SourceRef(feed), .unreadable(error.message)))
        continue
      }
      if response.isNotModified {
        notModified += 1
        logger.debug("feed not modified", metadata: ["feed": "\(feed)"])
        continue
      }
      let parsed: Feed
      do {
        parsed = try FeedParser().parse(response.body, url: response.finalURL)
      } catch {
        logger.warning("feed unreadable", metadata: ["feed": "\(feed)", "error": "\(error)"])
        outcomes.append(.skipped(SourceRef(feed), .notAnArticle("not a feed: \(error)")))
        continue
      }
      if !response.validators.isEmpty { next.validators[feed] = response.validators }
      let items = parsed.items.filter { $0.link != nil }.prefix(max(0, itemsPerFeed))
        .filter { !next.seenItems.contains(Self.key($0)) }
      logger.debug(
        "feed read",
        metadata: ["feed": "\(feed)", "items": "\(parsed.items.count)", "new": "\(items.count)"])
      guard !items.isEmpty else { continue }
      let pages = await fetcher.fetchArticles(urls: items.map { $0.link! })
      try Task.checkCancellation()
      for (item, page) in zip(items, pages) {
        fetchedItems += 1
        let read = WebReader.outcomes(of: page, with: reader).map {
          WebReader.filling($0, from: item.articleMetadata(in: parsed))
        }
        outcomes += read
        // A page that failed to download is tried again next poll; one that was read is not.
        if case .success = page.result { next.seenItems.insert(Self.key(item)) }
      }
    }
    try Task.checkCancellation()
    let report = try desk.ingest(outcomes)
    state = next
    return WatchPoll(
      number: next.polls, report: report, notModified: notModified, fetchedItems: fetchedItems)
  }

  /// An item's identity across polls.
  static func key(_ item: FeedItem) -> String {
    let date = (item.updated ?? item.published).map { String($0.timeIntervalSince1970) } ?? "-"
    return "\(item.link ?? item.id ?? "")\u{1F}\(date)"
  }
}
