import Foundation
import GRDB

/// The feed ledger in SQLite. A claim is one IMMEDIATE write transaction (GRDB's default for
/// writes): it takes the database's single write lock before reading, so two watchers on one
/// file, in one process or several, claim one after the other and never see the same feed
/// free.
extension SQLiteStore: FeedLedger {
  /// Migration "5 feeds": the feeds, their validators and leases, and the items read.
  static func registerFeedsMigration(_ migrator: inout DatabaseMigrator) {
    migrator.registerMigration("5 feeds") { db in
      try db.create(table: "feed") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("url", .text).notNull().unique().check(sql: "length(url) > 0")
        t.column("etag", .text)
        t.column("lastModified", .text)
        t.column("nextPollAt", .double).notNull()
        t.column("leasedBy", .text)
        t.column("leasedUntil", .double)
        t.column("polledAt", .double)
        t.check(sql: "(leasedBy IS NULL) = (leasedUntil IS NULL)")
      }
      try db.create(index: "feed_on_nextPollAt", on: "feed", columns: ["nextPollAt"])
      try db.create(table: "feedItem", options: .withoutRowID) { t in
        t.column("feedID", .integer).notNull().references("feed", onDelete: .cascade)
        t.column("itemKey", .text).notNull()
        t.column("readAt", .double).notNull()
        t.primaryKey(["feedID", "itemKey"])
      }
    }
  }

  public func registerFeeds(_ urls: [String]) throws(StoreError) {
    guard !urls.contains(where: \.isEmpty) else { throw .invalid("a feed needs a URL") }
    let now = clock.now.timeIntervalSince1970
    try perform {
      try pool.write { db in
        for url in urls {
          try db.execute(
            sql: "INSERT INTO feed (url, nextPollAt) VALUES (?, ?) ON CONFLICT(url) DO NOTHING",
            arguments: [url, now])
        }
      }
    }
  }

  public func claimFeed(among urls: [String], owner: String, leaseSeconds: Double)
    throws(StoreError) -> FeedLease?
  {
    try Self.validateClaim(owner: owner, leaseSeconds: leaseSeconds)
    guard !urls.isEmpty else { return nil }
    let now = clock.now
    let until = now.addingTimeInterval(leaseSeconds)
    return try perform {
      try pool.write { db -> FeedLease? in
        let marks = Array(repeating: "?", count: urls.count).joined(separator: ", ")
        var arguments = StatementArguments(urls)
        arguments += [now.timeIntervalSince1970, now.timeIntervalSince1970]
        guard
          let row = try Row.fetchOne(
            db,
            sql: """
              SELECT id, url, etag, lastModified FROM feed
              WHERE url IN (\(marks)) AND nextPollAt <= ?
                AND (leasedUntil IS NULL OR leasedUntil <= ?)
              ORDER BY nextPollAt, id LIMIT 1
              """, arguments: arguments)
        else { return nil }
        let id: Int64 = row["id"]
        try db.execute(
          sql: "UPDATE feed SET leasedBy = ?, leasedUntil = ? WHERE id = ?",
          arguments: [owner, until.timeIntervalSince1970, id])
        let items = try String.fetchAll(
          db, sql: "SELECT itemKey FROM feedItem WHERE feedID = ?", arguments: [id])
        return FeedLease(
          feedURL: row["url"], owner: owner, expiresAt: until, etag: row["etag"],
          lastModified: row["lastModified"], itemsRead: Set(items))
      }
    }
  }

  @discardableResult
  public func completeFeed(_ lease: FeedLease, with record: FeedPollRecord) throws(StoreError)
    -> Bool
  {
    guard record.pollAgainAfter >= 0, record.pollAgainAfter.isFinite else {
      throw .invalid("the next poll must be 0 or more seconds away")
    }
    let now = clock.now.timeIntervalSince1970
    return try perform {
      try pool.write { db -> Bool in
        guard let id = try heldFeed(lease, db) else { return false }
        try db.execute(
          sql: """
            UPDATE feed SET etag = ?, lastModified = ?,
              nextPollAt = ?, polledAt = ?, leasedBy = NULL, leasedUntil = NULL
            WHERE id = ?
            """,
          arguments: [record.etag, record.lastModified, now + record.pollAgainAfter, now, id])
        if let listed = record.itemsListed {
          // Keys the feed no longer lists will not come back: forget them. A temporary table
          // keeps a long list clear of SQLite's limit on bound parameters.
          let kept = Set(listed).union(record.itemsRead)
          let stored = try String.fetchAll(
            db, sql: "SELECT itemKey FROM feedItem WHERE feedID = ?", arguments: [id])
          for key in stored where !kept.contains(key) {
            try db.execute(
              sql: "DELETE FROM feedItem WHERE feedID = ? AND itemKey = ?", arguments: [id, key])
          }
        }
        for key in record.itemsRead {
          try db.execute(
            sql: """
              INSERT INTO feedItem (feedID, itemKey, readAt) VALUES (?, ?, ?)
              ON CONFLICT(feedID, itemKey) DO NOTHING
              """, arguments: [id, key, now])
        }
        return true
      }
    }
  }

  @discardableResult
  public func renewFeed(_ lease: FeedLease, leaseSeconds: Double) throws(StoreError)
    -> FeedLease?
  {
    try Self.validateClaim(owner: lease.owner, leaseSeconds: leaseSeconds)
    let until = clock.now.addingTimeInterval(leaseSeconds)
    return try perform {
      try pool.write { db -> FeedLease? in
        guard let id = try heldFeed(lease, db) else { return nil }
        try db.execute(
          sql: "UPDATE feed SET leasedUntil = ? WHERE id = ?",
          arguments: [until.timeIntervalSince1970, id])
        var renewed = lease
        renewed.expiresAt = until
        return renewed
      }
    }
  }

  public func releaseFeed(_ lease: FeedLease) throws(StoreError) -> Bool {
    try perform {
      try pool.write { db -> Bool in
        guard let id = try heldFeed(lease, db) else { return false }
        try db.execute(
          sql: "UPDATE feed SET leasedBy = NULL, leasedUntil = NULL WHERE id = ?", arguments: [id])
        return true
      }
    }
  }

  public func nextFeedDue(among urls: [String]) throws(StoreError) -> Date? {
    guard !urls.isEmpty else { return nil }
    return try perform {
      try pool.read { db -> Date? in
        let marks = Array(repeating: "?", count: urls.count).joined(separator: ", ")
        return try Double.fetchOne(
          db,
          sql: """
            SELECT min(max(nextPollAt, coalesce(leasedUntil, nextPollAt))) FROM feed
            WHERE url IN (\(marks))
            """, arguments: StatementArguments(urls)
        ).map { Date(timeIntervalSince1970: $0) }
      }
    }
  }

  /// The feed's row id when `lease.owner` still holds it.
  private func heldFeed(_ lease: FeedLease, _ db: Database) throws -> Int64? {
    try Int64.fetchOne(
      db, sql: "SELECT id FROM feed WHERE url = ? AND leasedBy = ?",
      arguments: [lease.feedURL, lease.owner])
  }
}
