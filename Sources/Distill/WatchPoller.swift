import DistillFeeds
import DistillFetch
import DistillModel
import DistillStore
import Foundation
import Logging

/// One feed polled under a lease.
public struct FeedPoll: Sendable, Equatable {
  public var feedURL: String
  /// What the feed's new items did to the store (skips include a feed that failed).
  public var report: IngestReport
  /// Whether the feed answered 304 Not Modified to the stored validators.
  public var notModified: Bool
  /// Items fetched (new or re-dated).
  public var fetchedItems: Int
  /// False when the lease ran out and another watcher claimed the feed before this poll was
  /// recorded: its articles are stored, but not what it read or the validators.
  public var recorded: Bool
}

/// One round of a watcher: every feed it could claim until none was due.
public struct WatchPoll: Sendable, Equatable {
  /// 1 for the first round.
  public var number: Int
  /// The feeds' reports, merged.
  public var report: IngestReport
  /// Feeds polled in this round, in order.
  public var feeds: [String]
  /// Feeds that answered 304 Not Modified.
  public var notModified: Int
  /// Items fetched in this round (new or re-dated).
  public var fetchedItems: Int

  public init(number: Int) {
    self.number = number
    report = IngestReport()
    feeds = []
    notModified = 0
    fetchedItems = 0
  }

  /// Adds one feed's poll to the round.
  public mutating func add(_ poll: FeedPoll) {
    feeds.append(poll.feedURL)
    if poll.notModified { notModified += 1 }
    fetchedItems += poll.fetchedItems
    report.added += poll.report.added
    report.updated += poll.report.updated
    report.unchanged += poll.report.unchanged
    report.skipped += poll.report.skipped
    report.changedStories = Array(Set(report.changedStories).union(poll.report.changedStories))
      .sorted()
    report.briefVersions.merge(poll.report.briefVersions) { max($0, $1) }
  }

  /// Adds what taking the consolidated view at the end of the round did.
  public mutating func addRegrouping(_ report: IngestReport) {
    self.report.regrouped.merge(report.regrouped) { $1 }
    self.report.changedStories = Array(
      Set(self.report.changedStories).union(report.changedStories)
    ).sorted()
    self.report.briefVersions.merge(report.briefVersions) { max($0, $1) }
  }

  /// The line printed per round: `poll 3: 2 new, 1 updated, 0 skipped; stories changed: s-…`.
  public var summaryLine: String {
    let stories =
      report.changedStories.isEmpty ? "none" : report.changedStories.joined(separator: ", ")
    return
      "poll \(number): \(report.added.count) new, \(report.updated.count) updated, "
      + "\(report.skipped.count) skipped; stories changed: \(stories)"
  }
}

/// Polls feeds one lease at a time and hands what is new to a ``StoryDesk``.
///
/// Several pollers (in several processes, on several machines) can share one store: each
/// claims a due feed from the ``FeedLedger``, polls it, ingests what it found and completes
/// the lease, so a feed is polled by one of them at a time and once per interval. A feed is
/// fetched with the validators stored by its last poll (conditional GET), so an unchanged
/// feed costs one 304, and only items no poll of it has read are fetched. Their pages go
/// through the same ingest stage as files and `distill brief --feed`.
public struct WatchPoller: Sendable {
  public var feeds: [String]
  public var ledger: any FeedLedger
  /// This poller's name on the leases it takes; unique among the pollers sharing a store.
  public var owner: String
  /// How long a claimed feed stays this poller's. While a feed is polled its lease is renewed
  /// every third of this, so a slow feed stays this poller's; if the poller dies, the feed is
  /// free again at most this long after.
  public var leaseSeconds: Double
  /// Seconds from a feed's poll to its next.
  public var interval: Double
  public var fetcher: Fetcher
  public var reader: any InputReading
  /// How many items of each feed are looked at, newest as the feed lists them.
  public var itemsPerFeed: Int
  public var logger: Logger

  public init(
    feeds: [String], ledger: any FeedLedger, owner: String, leaseSeconds: Double = 300,
    interval: Double = 600, fetcher: Fetcher, reader: any InputReading = StandardInputReader(),
    itemsPerFeed: Int = 20, logger: Logger = Logger(label: "distill.watch")
  ) {
    self.feeds = feeds
    self.ledger = ledger
    self.owner = owner
    self.leaseSeconds = leaseSeconds
    self.interval = interval
    self.fetcher = fetcher
    self.reader = reader
    self.itemsPerFeed = itemsPerFeed
    self.logger = logger
  }

  /// Adds this poller's feeds to the ledger (feeds already there keep their state).
  public func register() throws {
    try ledger.registerFeeds(feeds)
  }

  /// When the next of this poller's feeds can be claimed; nil when none is registered.
  public func nextDue() throws -> Date? {
    try ledger.nextFeedDue(among: feeds)
  }

  /// Claims, polls and completes due feeds until none is left that is due and free, then,
  /// when the round stored anything, takes the consolidated view of the stories once
  /// (``StoryDesk/regroup()``): each feed's articles are filed as they come, but the view
  /// weighs every article remembered, so it is taken per round, not per feed.
  ///
  /// When the task is cancelled the feed being polled is released with nothing of it stored
  /// (it stays due) and `CancellationError` is thrown; feeds completed before stay completed,
  /// and the view is left to the next round that stores something.
  public func pollDueFeeds(into desk: StoryDesk, number: Int) async throws -> WatchPoll {
    var round = WatchPoll(number: number)
    while let poll = try await pollNextFeed(into: desk) { round.add(poll) }
    if !round.report.added.isEmpty || !round.report.updated.isEmpty {
      round.addRegrouping(try desk.regroup())
    }
    return round
  }

  /// Claims one due feed, polls it, ingests its new items (filed, without taking the
  /// consolidated view: see ``pollDueFeeds(into:number:)``) and completes the lease; nil when
  /// no feed is due and free.
  ///
  /// A feed that cannot be fetched or parsed is reported as skipped and completed all the
  /// same (it is tried again after ``interval``). When the task is cancelled, or the store
  /// fails, the lease is released before the error is thrown.
  public func pollNextFeed(into desk: StoryDesk) async throws -> FeedPoll? {
    try Task.checkCancellation()
    guard
      let lease = try ledger.claimFeed(among: feeds, owner: owner, leaseSeconds: leaseSeconds)
    else { return nil }
    logger.debug("feed claimed", metadata: ["feed": "\(lease.feedURL)", "owner": "\(owner)"])
    do {
      let (result, record) = try await keepingLease(lease) {
        try await work(on: lease, into: desk)
      }
      var poll = result
      poll.recorded = try ledger.completeFeed(lease, with: record)
      if !poll.recorded {
        logger.warning(
          "lease ran out before the poll ended; another watcher has the feed",
          metadata: ["feed": "\(lease.feedURL)"])
      }
      return poll
    } catch {
      do {
        try ledger.releaseFeed(lease)
      } catch let releaseError {
        // The lease then runs out on its own.
        logger.warning(
          "could not release the feed",
          metadata: ["feed": "\(lease.feedURL)", "error": "\(releaseError)"])
      }
      throw error
    }
  }

  /// Runs `body` while a side task renews the lease every third of its term; the renewals
  /// have stopped when this returns. A lease lost meanwhile (renewal refused, or the store
  /// failing) is logged; the completion then says whether the poll was recorded.
  private func keepingLease<T: Sendable>(
    _ lease: FeedLease, _ body: () async throws -> T
  ) async throws -> T {
    let (ledger, seconds, logger) = (self.ledger, leaseSeconds, self.logger)
    let renewals = Task {
      var current = lease
      while true {
        do {
          try await Task.sleep(for: .seconds(seconds / 3))
        } catch {
          return  // cancelled: the poll is over
        }
        do {
          guard let renewed = try ledger.renewFeed(current, leaseSeconds: seconds) else {
            logger.warning(
              "lease lost while polling; another watcher has the feed",
              metadata: ["feed": "\(lease.feedURL)"])
            return
          }
          current = renewed
        } catch {
          logger.warning(
            "could not renew the lease",
            metadata: ["feed": "\(lease.feedURL)", "error": "\(error)"])
          return
        }
      }
    }
    let outcome: Result<T, any Error>
    do { outcome = .success(try await body()) } catch { outcome = .failure(error) }
    renewals.cancel()
    await renewals.value
    return try outcome.get()
  }

  /// Fetches and ingests one leased feed; returns the poll and what to record for it.
  private func work(on lease: FeedLease, into desk: StoryDesk) async throws -> (
    FeedPoll, FeedPollRecord
  ) {
    let feed = lease.feedURL
    let stored = CacheValidators(etag: lease.etag, lastModified: lease.lastModified)
    var poll = FeedPoll(
      feedURL: feed, report: IngestReport(), notModified: false, fetchedItems: 0, recorded: false)
    // After a 304 or a failure the stored validators stay; nothing new was read.
    var record = FeedPollRecord(
      etag: lease.etag, lastModified: lease.lastModified, pollAgainAfter: interval)

    // A web page that advertises a feed (`<link rel="alternate" …>`) is followed to it, once;
    // items read on earlier polls are not fetched again.
    let result = await fetcher.fetchFeedItems(
      feedURL: feed, maxItems: itemsPerFeed, validators: stored.isEmpty ? nil : stored,
      skip: { lease.itemsRead.contains(Self.key($0)) })
    try Task.checkCancellation()
    let fetched: FeedArticles
    switch result {
    case .failure(let error):
      logger.warning("feed unreadable", metadata: ["feed": "\(feed)", "error": "\(error)"])
      let reason: SkipReason
      switch error {
      case .fetch(let failure): reason = .unreadable(failure.message)
      case .parse(let failure): reason = .notAnArticle("not a feed: \(failure)")
      }
      poll.report = try desk.ingest([.skipped(SourceRef(feed), reason)], regroup: false)
      return (poll, record)
    case .success(let success):
      fetched = success
    }
    if fetched.feedFetch.isNotModified {
      logger.debug("feed not modified", metadata: ["feed": "\(feed)"])
      poll.notModified = true
      return (poll, record)
    }
    // Validators of a feed reached through a page belong to that feed, not to the page the
    // lease names: keep none, so the page is fetched in full each time.
    let discovered = fetched.discoveredFrom != nil
    record.etag = discovered ? nil : fetched.feedFetch.validators.etag
    record.lastModified = discovered ? nil : fetched.feedFetch.validators.lastModified
    record.itemsListed = fetched.feed.items.filter { $0.link != nil }.map(Self.key)
    logger.debug(
      "feed read",
      metadata: [
        "feed": "\(feed)", "items": "\(fetched.feed.items.count)",
        "new": "\(fetched.articles.count)",
      ])
    var outcomes: [IngestOutcome] = []
    for (item, page) in fetched.articles {
      poll.fetchedItems += 1
      outcomes += WebReader.outcomes(of: page, with: reader).map {
        WebReader.filling($0, from: item.articleMetadata(in: fetched.feed))
      }
      // A page that failed to download is tried again next poll; one that was read is not.
      if case .success = page.result { record.itemsRead.append(Self.key(item)) }
    }
    poll.report = try desk.ingest(outcomes, regroup: false)
    return (poll, record)
  }

  /// An item's identity across polls: link plus the item's own date, so a re-dated item is
  /// read again.
  static func key(_ item: FeedItem) -> String {
    let date = (item.updated ?? item.published).map { String($0.timeIntervalSince1970) } ?? "-"
    return "\(item.link ?? item.id ?? "")\u{1F}\(date)"
  }
}
