import DistillModel
import DistillStore
import DistillTestSupport
import Foundation
import Testing

/// Behaviour every ``FeedLedger`` shares, checked the same way against each backend.
enum LedgerCheck: String, CaseIterable, Sendable, CustomTestStringConvertible {
  case registeringIsIdempotentAndNewFeedsAreDue
  case aClaimIsExclusiveUntilReleased
  case anExpiredLeaseCanBeClaimedByAnotherOwner
  case completingOrReleasingSomeoneElsesLeaseIsRefused
  case validatorsAndItemsReadArePersisted
  case storesClaimingAtOnceNeverShareAFeed
  case aRenewedLeaseOutlastsItsFirstTerm

  var testDescription: String { rawValue }
}

enum LedgerConformance {
  static let now = StoreConformance.now
  static let feeds = (1...3).map { "https://wire.example/feed/\($0).xml" }

  static func openLedger(_ harness: some StoreHarness, at offset: Double = 0) throws
    -> any FeedLedger
  {
    try #require(try harness.open(now: now.addingTimeInterval(offset)) as? any FeedLedger)
  }

  static func run(_ check: LedgerCheck, on harness: some StoreHarness) throws {
    switch check {
    case .registeringIsIdempotentAndNewFeedsAreDue: try registering(harness)
    case .aClaimIsExclusiveUntilReleased: try exclusiveClaims(harness)
    case .anExpiredLeaseCanBeClaimedByAnotherOwner: try expiredLeases(harness)
    case .completingOrReleasingSomeoneElsesLeaseIsRefused: try othersLeases(harness)
    case .validatorsAndItemsReadArePersisted: try persistence(harness)
    case .storesClaimingAtOnceNeverShareAFeed: try concurrentClaims(harness, stores: 4, feeds: 24)
    case .aRenewedLeaseOutlastsItsFirstTerm: try renewedLeases(harness)
    }
  }

  static func registering(_ harness: some StoreHarness) throws {
    let ledger = try openLedger(harness)
    #expect(try ledger.nextFeedDue(among: feeds) == nil)
    try ledger.registerFeeds(Array(feeds[0...1]))
    try ledger.registerFeeds(Array(feeds[1...2]))
    #expect(try ledger.nextFeedDue(among: feeds) == now)
    // Due at once, oldest first (all registered at the same moment: in registration order).
    var claimed: [String] = []
    while let lease = try ledger.claimFeed(among: feeds, owner: "w1", leaseSeconds: 60) {
      claimed.append(lease.feedURL)
      #expect(lease.owner == "w1")
      #expect(lease.expiresAt == now.addingTimeInterval(60))
      #expect(lease.etag == nil && lease.lastModified == nil && lease.itemsRead.isEmpty)
      #expect(try ledger.completeFeed(lease, with: FeedPollRecord(etag: "e", pollAgainAfter: 600)))
    }
    #expect(claimed == feeds)
    // Registering again keeps each feed's state: none is due before its next poll.
    try ledger.registerFeeds(feeds)
    #expect(try ledger.claimFeed(among: feeds, owner: "w1", leaseSeconds: 60) == nil)
    #expect(try ledger.nextFeedDue(among: feeds) == now.addingTimeInterval(600))
    let later = try openLedger(harness, at: 600)
    #expect(try later.claimFeed(among: feeds, owner: "w1", leaseSeconds: 60)?.etag == "e")
    // Only the feeds asked about are claimed.
    #expect(
      try later.claimFeed(among: ["https://elsewhere.example/"], owner: "w1", leaseSeconds: 60)
        == nil)
    #expect(try later.claimFeed(among: [], owner: "w1", leaseSeconds: 60) == nil)
    #expect(throws: StoreError.self) { try later.registerFeeds([""]) }
    #expect(throws: StoreError.self) {
      try later.claimFeed(among: feeds, owner: "", leaseSeconds: 60)
    }
    #expect(throws: StoreError.self) {
      try later.claimFeed(among: feeds, owner: "w1", leaseSeconds: 0)
    }
  }

  static func exclusiveClaims(_ harness: some StoreHarness) throws {
    let one = try openLedger(harness)
    let two = try openLedger(harness)
    try one.registerFeeds(Array(feeds[0...1]))
    let first = try #require(try one.claimFeed(among: [feeds[0]], owner: "w1", leaseSeconds: 60))
    // The other store, another owner: the leased feed is skipped, the free one taken.
    #expect(try two.claimFeed(among: [feeds[0]], owner: "w2", leaseSeconds: 60) == nil)
    let second = try #require(try two.claimFeed(among: feeds, owner: "w2", leaseSeconds: 60))
    #expect(second.feedURL == feeds[1])
    #expect(try one.claimFeed(among: feeds, owner: "w1", leaseSeconds: 60) == nil)
    // A leased feed is next claimable when its lease runs out.
    #expect(try one.nextFeedDue(among: feeds) == now.addingTimeInterval(60))
    // Released, the feed is due again at once, for anyone.
    #expect(try one.releaseFeed(first))
    #expect(try two.nextFeedDue(among: feeds) == now)
    let again = try #require(try two.claimFeed(among: feeds, owner: "w2", leaseSeconds: 60))
    #expect(again.feedURL == feeds[0])
    #expect(try one.releaseFeed(first) == false)
  }

  static func expiredLeases(_ harness: some StoreHarness) throws {
    let start = try openLedger(harness)
    try start.registerFeeds([feeds[0]])
    let dead = try #require(try start.claimFeed(among: feeds, owner: "w1", leaseSeconds: 60))
    // The lease holds until its last second …
    #expect(
      try openLedger(harness, at: 59).claimFeed(among: feeds, owner: "w2", leaseSeconds: 60) == nil)
    // … then another owner takes the feed over.
    let later = try openLedger(harness, at: 60)
    let taken = try #require(try later.claimFeed(among: feeds, owner: "w2", leaseSeconds: 60))
    #expect(taken.feedURL == feeds[0])
    #expect(taken.expiresAt == now.addingTimeInterval(120))
    // The first owner, back from the dead, can neither record nor release anything.
    #expect(
      try later.completeFeed(dead, with: FeedPollRecord(etag: "stale", pollAgainAfter: 600))
        == false)
    #expect(try later.releaseFeed(dead) == false)
    #expect(try later.completeFeed(taken, with: FeedPollRecord(etag: "fresh", pollAgainAfter: 600)))
    let next = try #require(
      try openLedger(harness, at: 660).claimFeed(among: feeds, owner: "w3", leaseSeconds: 60))
    #expect(next.etag == "fresh")
  }

  static func renewedLeases(_ harness: some StoreHarness) throws {
    let start = try openLedger(harness)
    try start.registerFeeds([feeds[0]])
    let lease = try #require(try start.claimFeed(among: feeds, owner: "w1", leaseSeconds: 60))
    // Renewed at 50 s for another 60: nobody can take the feed at 60 s, nor at 109 s.
    let renewed = try #require(try openLedger(harness, at: 50).renewFeed(lease, leaseSeconds: 60))
    #expect(renewed.expiresAt == now.addingTimeInterval(110))
    #expect(renewed.feedURL == lease.feedURL && renewed.owner == "w1")
    for offset in [60.0, 109] {
      #expect(
        try openLedger(harness, at: offset).claimFeed(among: feeds, owner: "w2", leaseSeconds: 60)
          == nil)
    }
    #expect(try openLedger(harness, at: 60).nextFeedDue(among: feeds) == renewed.expiresAt)
    // Once it runs out another owner takes it, and the first can no longer renew it.
    let later = try openLedger(harness, at: 110)
    let taken = try #require(try later.claimFeed(among: feeds, owner: "w2", leaseSeconds: 60))
    #expect(try later.renewFeed(lease, leaseSeconds: 60) == nil)
    #expect(try later.renewFeed(taken, leaseSeconds: 60)?.expiresAt == now.addingTimeInterval(170))
    #expect(throws: StoreError.self) { try later.renewFeed(taken, leaseSeconds: 0) }
  }

  static func othersLeases(_ harness: some StoreHarness) throws {
    let ledger = try openLedger(harness)
    try ledger.registerFeeds([feeds[0]])
    let lease = try #require(try ledger.claimFeed(among: feeds, owner: "w1", leaseSeconds: 60))
    var forged = lease
    forged.owner = "w2"
    #expect(
      try ledger.completeFeed(
        forged, with: FeedPollRecord(etag: "x", itemsRead: ["k"], pollAgainAfter: 600)) == false)
    #expect(try ledger.releaseFeed(forged) == false)
    // Nothing of the refused completion was stored, and the lease is still w1's.
    #expect(try ledger.claimFeed(among: feeds, owner: "w2", leaseSeconds: 60) == nil)
    #expect(try ledger.releaseFeed(lease))
    let again = try #require(try ledger.claimFeed(among: feeds, owner: "w2", leaseSeconds: 60))
    #expect(again.etag == nil)
    #expect(again.itemsRead.isEmpty)
    #expect(throws: StoreError.self) {
      try ledger.completeFeed(again, with: FeedPollRecord(pollAgainAfter: -1))
    }
  }

  static func persistence(_ harness: some StoreHarness) throws {
    let first = try openLedger(harness)
    try first.registerFeeds([feeds[0]])
    let lease = try #require(try first.claimFeed(among: feeds, owner: "w1", leaseSeconds: 60))
    #expect(
      try first.completeFeed(
        lease,
        with: FeedPollRecord(
          etag: "\"v1\"", lastModified: "Mon, 02 Mar 2026 06:00:00 GMT",
          itemsRead: ["a", "b", "b"], pollAgainAfter: 600)))
    #expect(try first.claimFeed(among: feeds, owner: "w1", leaseSeconds: 60) == nil)
    // A store opened later (a restarted watcher) finds what the poll left.
    let second = try openLedger(harness, at: 600)
    let resumed = try #require(try second.claimFeed(among: feeds, owner: "w2", leaseSeconds: 60))
    #expect(resumed.etag == "\"v1\"")
    #expect(resumed.lastModified == "Mon, 02 Mar 2026 06:00:00 GMT")
    #expect(resumed.itemsRead == ["a", "b"])
    // Items read add up; keys the feed no longer lists are forgotten; validators follow the
    // last full response, even to none.
    #expect(
      try second.completeFeed(
        resumed,
        with: FeedPollRecord(itemsRead: ["c"], itemsListed: ["b", "c", "d"], pollAgainAfter: 30)))
    let third = try openLedger(harness, at: 630)
    let last = try #require(try third.claimFeed(among: feeds, owner: "w3", leaseSeconds: 60))
    #expect(last.itemsRead == ["b", "c"])
    #expect(last.etag == nil)
    #expect(last.lastModified == nil)
    // Without a list of what the feed holds, nothing is forgotten.
    #expect(try third.completeFeed(last, with: FeedPollRecord(itemsRead: ["e"], pollAgainAfter: 0)))
    let fourth = try #require(try third.claimFeed(among: feeds, owner: "w3", leaseSeconds: 60))
    #expect(fourth.itemsRead == ["b", "c", "e"])
  }

  /// Several stores on one database (each its own connections or file handle, as several
  /// watchers have) claim at once, each until nothing is left: every feed goes to exactly one.
  static func concurrentClaims(_ harness: some StoreHarness, stores count: Int, feeds: Int) throws {
    let urls = (0..<feeds).map { "https://wire.example/many/\($0).xml" }
    let stores = try (0..<count).map { _ in try openLedger(harness) }
    try stores[0].registerFeeds(urls)
    let claims = try StoreConformance.onThreads(count) { index -> [FeedLease] in
      var held: [FeedLease] = []
      while let lease = try stores[index].claimFeed(
        among: urls, owner: "w\(index)", leaseSeconds: 60)
      {
        held.append(lease)
      }
      return held
    }
    let all = claims.flatMap { $0 }
    #expect(all.count == feeds)
    #expect(Set(all.map(\.feedURL)) == Set(urls))
    for (index, held) in claims.enumerated() {
      #expect(held.allSatisfy { $0.owner == "w\(index)" })
    }
    // And completing them at once, each by its owner, succeeds for every one.
    let completed = try StoreConformance.onThreads(count) { index -> Int in
      try claims[index].filter {
        try stores[index].completeFeed($0, with: FeedPollRecord(pollAgainAfter: 600))
      }.count
    }
    #expect(completed.reduce(0, +) == feeds)
    #expect(try stores[0].nextFeedDue(among: urls) == now.addingTimeInterval(600))
  }
}

/// The feed ledger against SQLite: several stores on one file.
@Suite struct SQLiteLedgerConformanceTests {
  @Test(arguments: LedgerCheck.allCases) func behavesAsALedger(_ check: LedgerCheck) throws {
    let harness = try SQLiteHarness()
    defer { harness.tearDown() }
    try LedgerConformance.run(check, on: harness)
  }
}

/// The feed ledger against a live PostgreSQL server.
@Suite(.enabled(if: PostgresHarness.url != nil, PostgresHarness.skipReason))
struct PostgresLedgerConformanceTests {
  @Test(arguments: LedgerCheck.allCases) func behavesAsALedger(_ check: LedgerCheck) throws {
    let harness = try PostgresHarness()
    defer { harness.tearDown() }
    try LedgerConformance.run(check, on: harness)
  }
}
