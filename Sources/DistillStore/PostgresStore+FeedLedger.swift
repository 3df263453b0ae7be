import Foundation
import PostgresNIO

extension PostgresSchema {
  /// Migration "5 feeds": the feeds several watchers share, their validators and leases, and
  /// the items read. It references no other table, so it commutes with migration 4.
  static let feedsMigration = Migration(
    name: "5 feeds",
    statements: [
      """
      CREATE TABLE feed (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        url text NOT NULL UNIQUE CHECK (length(url) > 0),
        etag text,
        last_modified text,
        next_poll_at timestamptz NOT NULL,
        leased_by text CHECK (length(leased_by) > 0),
        leased_until timestamptz,
        polled_at timestamptz,
        CHECK ((leased_by IS NULL) = (leased_until IS NULL))
      )
      """,
      "CREATE INDEX feed_on_next_poll_at ON feed (next_poll_at)",
      """
      CREATE TABLE feed_item (
        feed_id bigint NOT NULL REFERENCES feed (id) ON DELETE CASCADE,
        item_key text NOT NULL,
        read_at timestamptz NOT NULL,
        PRIMARY KEY (feed_id, item_key)
      )
      """,
    ])
}

/// The feed ledger in PostgreSQL, for watchers on several machines.
///
/// A claim locks one due, free feed row with `SELECT … FOR UPDATE SKIP LOCKED` and writes the
/// lease into it in the same transaction: a watcher claiming at the same moment skips the
/// locked row instead of waiting for it, and once the claim commits the lease itself keeps
/// everyone else off the feed until it is completed, released or runs out.
extension PostgresStore: FeedLedger {
  public func registerFeeds(_ urls: [String]) throws(StoreError) {
    guard !urls.contains(where: \.isEmpty) else { throw .invalid("a feed needs a URL") }
    guard !urls.isEmpty else { return }
    // Sorted: watchers registering overlapping lists insert in one order and cannot deadlock.
    let sorted = Array(Set(urls)).sorted()
    let now = clock.now
    try transaction { session -> Void in
      try session.rows(
        """
        INSERT INTO feed (url, next_poll_at)
        SELECT u, \(now) FROM unnest(\(sorted)::text[]) WITH ORDINALITY AS t (u, n) ORDER BY n
        ON CONFLICT (url) DO NOTHING
        """)
    }
  }

  public func claimFeed(among urls: [String], owner: String, leaseSeconds: Double)
    throws(StoreError) -> FeedLease?
  {
    try Self.validateClaim(owner: owner, leaseSeconds: leaseSeconds)
    guard !urls.isEmpty else { return nil }
    let now = clock.now
    let until = now.addingTimeInterval(leaseSeconds)
    return try transaction { session -> FeedLease? in
      guard
        let row = try session.rows(
          """
          SELECT id, url, etag, last_modified FROM feed
          WHERE url = ANY(\(urls)::text[]) AND next_poll_at <= \(now)
            AND (leased_until IS NULL OR leased_until <= \(now))
          ORDER BY next_poll_at, id
          LIMIT 1
          FOR UPDATE SKIP LOCKED
          """
        ).first
      else { return nil }
      let (id, url, etag, lastModified) = try row.decode((Int64, String, String?, String?).self)
      try session.rows(
        "UPDATE feed SET leased_by = \(owner), leased_until = \(until) WHERE id = \(id)")
      let items = try session.rows("SELECT item_key FROM feed_item WHERE feed_id = \(id)")
        .map { try $0.decode(String.self) }
      return FeedLease(
        feedURL: url, owner: owner, expiresAt: until, etag: etag, lastModified: lastModified,
        itemsRead: Set(items))
    }
  }

  @discardableResult
  public func completeFeed(_ lease: FeedLease, with record: FeedPollRecord) throws(StoreError)
    -> Bool
  {
    guard record.pollAgainAfter >= 0, record.pollAgainAfter.isFinite else {
      throw .invalid("the next poll must be 0 or more seconds away")
    }
    let now = clock.now
    let next = now.addingTimeInterval(record.pollAgainAfter)
    return try transaction { session -> Bool in
      guard let id = try heldFeed(lease, session) else { return false }
      try session.rows(
        """
        UPDATE feed SET etag = \(record.etag), last_modified = \(record.lastModified),
          next_poll_at = \(next), polled_at = \(now), leased_by = NULL, leased_until = NULL
        WHERE id = \(id)
        """)
      if let listed = record.itemsListed {
        // Keys the feed no longer lists will not come back: forget them.
        let kept = Array(Set(listed).union(record.itemsRead))
        try session.rows(
          "DELETE FROM feed_item WHERE feed_id = \(id) AND NOT (item_key = ANY(\(kept)::text[]))")
      }
      if !record.itemsRead.isEmpty {
        try session.rows(
          """
          INSERT INTO feed_item (feed_id, item_key, read_at)
          SELECT \(id), k, \(now) FROM unnest(\(record.itemsRead)::text[]) AS k
          ON CONFLICT (feed_id, item_key) DO NOTHING
          """)
      }
      return true
    }
  }

  @discardableResult
  public func renewFeed(_ lease: FeedLease, leaseSeconds: Double) throws(StoreError)
    -> FeedLease?
  {
    try Self.validateClaim(owner: lease.owner, leaseSeconds: leaseSeconds)
    let until = clock.now.addingTimeInterval(leaseSeconds)
    return try transaction { session -> FeedLease? in
      guard let id = try heldFeed(lease, session) else { return nil }
      try session.rows("UPDATE feed SET leased_until = \(until) WHERE id = \(id)")
      var renewed = lease
      renewed.expiresAt = until
      return renewed
    }
  }

  public func releaseFeed(_ lease: FeedLease) throws(StoreError) -> Bool {
    try transaction { session -> Bool in
      guard let id = try heldFeed(lease, session) else { return false }
      try session.rows("UPDATE feed SET leased_by = NULL, leased_until = NULL WHERE id = \(id)")
      return true
    }
  }

  public func nextFeedDue(among urls: [String]) throws(StoreError) -> Date? {
    guard !urls.isEmpty else { return nil }
    return try transaction { session -> Date? in
      try session.rows(
        """
        SELECT min(greatest(next_poll_at, leased_until)) FROM feed
        WHERE url = ANY(\(urls)::text[])
        """
      ).first?.decode(Date?.self) ?? nil
    }
  }

  /// The feed's row id, locked, when `lease.owner` still holds it.
  private func heldFeed(_ lease: FeedLease, _ session: Session) throws -> Int64? {
    try session.rows(
      """
      SELECT id FROM feed WHERE url = \(lease.feedURL) AND leased_by = \(lease.owner)
      FOR UPDATE
      """
    ).first?.decode(Int64.self)
  }
}
