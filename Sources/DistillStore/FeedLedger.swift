import Foundation

/// A feed handed to one watcher for a limited time, with what earlier polls of it left behind.
public struct FeedLease: Sendable, Hashable {
  /// The feed's URL, as registered.
  public var feedURL: String
  /// Who holds the lease (a watcher's id, such as `host:pid`).
  public var owner: String
  /// When the lease runs out; after that another watcher may claim the feed.
  public var expiresAt: Date
  /// The ETag of the feed's last full response, if it sent one.
  public var etag: String?
  /// The Last-Modified of the feed's last full response, if it sent one.
  public var lastModified: String?
  /// Keys of the feed's items already read (see ``FeedPollRecord/itemsRead``).
  public var itemsRead: Set<String>

  public init(
    feedURL: String, owner: String, expiresAt: Date, etag: String? = nil,
    lastModified: String? = nil, itemsRead: Set<String> = []
  ) {
    self.feedURL = feedURL
    self.owner = owner
    self.expiresAt = expiresAt
    self.etag = etag
    self.lastModified = lastModified
    self.itemsRead = itemsRead
  }
}

/// What a finished poll of a leased feed leaves for the next one.
public struct FeedPollRecord: Sendable, Hashable {
  /// The ETag to send with the feed's next request: the last full response's (after a 304 or
  /// a failed fetch, the lease's own); nil when it had none.
  public var etag: String?
  /// The Last-Modified to send with the feed's next request, as for ``etag``.
  public var lastModified: String?
  /// Keys of items read in this poll, added to those read before.
  public var itemsRead: [String]
  /// When given, every item key the feed still lists: keys read earlier that are not among
  /// them are forgotten, so the set kept per feed stays as small as the feed. Nil keeps all.
  public var itemsListed: [String]?
  /// Seconds from now until the feed is due again.
  public var pollAgainAfter: Double

  public init(
    etag: String? = nil, lastModified: String? = nil, itemsRead: [String] = [],
    itemsListed: [String]? = nil, pollAgainAfter: Double
  ) {
    self.etag = etag
    self.lastModified = lastModified
    self.itemsRead = itemsRead
    self.itemsListed = itemsListed
    self.pollAgainAfter = pollAgainAfter
  }
}

/// Which feeds exist, which are due, and who is polling which: the work list several watchers
/// share through one database.
///
/// Each feed is leased to one owner at a time. A claim takes one due feed that nobody holds
/// (or whose lease ran out, because its watcher died) and leases it for some seconds; the
/// owner then completes the lease (storing the feed's validators and the items read, and when
/// the feed is due again) or releases it untouched. Completing or releasing only works for the
/// owner still named on the feed: once another owner has claimed an expired lease, the first
/// owner's work is refused. Times come from the store's clock, so watchers on several machines
/// need clocks that agree to well within a lease.
///
/// Every method is one transaction.
public protocol FeedLedger: Sendable {
  /// Adds feeds not known yet, due at once; feeds already known keep their state.
  func registerFeeds(_ urls: [String]) throws(StoreError)

  /// Leases one due feed among `urls` to `owner` for `leaseSeconds`, the longest overdue
  /// first, or returns nil when none of them is due and free.
  ///
  /// A feed is due when its next poll time has come; it is free when it has no lease or its
  /// lease has run out. Feeds leased by others are skipped, never waited for.
  func claimFeed(among urls: [String], owner: String, leaseSeconds: Double) throws(StoreError)
    -> FeedLease?

  /// Stores what a poll found and ends the lease. Returns false, storing nothing, when the
  /// lease is no longer `lease.owner`'s (another owner claimed the feed after it ran out).
  @discardableResult
  func completeFeed(_ lease: FeedLease, with record: FeedPollRecord) throws(StoreError) -> Bool

  /// Extends a lease its owner still holds to `leaseSeconds` from now, so a poll that takes
  /// longer than planned keeps its feed. Returns the lease with its new expiry, or nil when
  /// the lease is no longer `lease.owner`'s.
  func renewFeed(_ lease: FeedLease, leaseSeconds: Double) throws(StoreError) -> FeedLease?

  /// Ends the lease without storing anything: the feed stays due. Returns false when the
  /// lease is no longer `lease.owner`'s.
  @discardableResult
  func releaseFeed(_ lease: FeedLease) throws(StoreError) -> Bool

  /// When the next of `urls` can be claimed: its next poll time, or the end of its lease if
  /// later. Nil when none of them is registered.
  func nextFeedDue(among urls: [String]) throws(StoreError) -> Date?
}

extension FeedLedger {
  /// Refuses a claim no backend can honour: no owner, or a lease that is not a positive,
  /// finite number of seconds.
  static func validateClaim(owner: String, leaseSeconds: Double) throws(StoreError) {
    guard !owner.isEmpty else { throw .invalid("a lease needs an owner") }
    guard leaseSeconds > 0, leaseSeconds.isFinite else {
      throw .invalid("a lease lasts a positive number of seconds")
    }
  }
}
