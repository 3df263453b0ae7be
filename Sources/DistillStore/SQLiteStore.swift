import DistillModel
import Foundation
import GRDB

/// The default ``ArticleStore``: one SQLite file in WAL mode (readers never wait for the
/// writer), through GRDB.
///
/// The schema is built by named, ordered migrations written in SQL terms only (never from app
/// types, so old migrations keep meaning what they meant). Integrity lives in the schema: NOT
/// NULL, UNIQUE and foreign keys. Articles and briefs are searchable through FTS5 tables kept
/// in sync by triggers.
///
///     let store = try SQLiteStore(path: "distill.sqlite")
///     let saved = try store.saveArticle(article, inStory: "s-APW19990707.0181")
///     saved.status  // .inserted, then .unchanged when saved again
public final class SQLiteStore: ArticleStore {
  let pool: DatabasePool
  let clock: any Clock
  /// The file whose lock is the filing lock (see ``withFilingLock(_:)``).
  private let filingLockPath: String

  /// Opens (creating if needed) the database at `path` and brings its schema up to date.
  public init(path: String, clock: any Clock = SystemClock()) throws(StoreError) {
    self.clock = clock
    self.filingLockPath = path + "-filing.lock"
    do {
      var configuration = Configuration()
      configuration.foreignKeysEnabled = true
      // Another process (a second watcher, an ingest) may hold the write lock for a moment:
      // wait for it rather than failing with "database is locked".
      configuration.busyMode = .timeout(10)
      pool = try DatabasePool(path: path, configuration: configuration)
      try Self.migrate(pool)
    } catch {
      throw .database("cannot open \(path): \(error)")
    }
  }

  /// Moves everything in the write-ahead log into the database file, then closes the
  /// database's connections (waiting for any write under way). The log file stays (GRDB's
  /// readers close last), but empty: the database file alone holds every committed write.
  public func close() {
    _ = try? pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    try? pool.close()
  }

  /// The names of the migrations applied to the database, in order.
  public func appliedMigrations() throws(StoreError) -> [String] {
    try perform { try pool.read { db in try Self.migrator.appliedMigrations(db) } }
  }

  // MARK: - Schema

  /// Brings the schema up to date, also when other processes open the same new file at once.
  ///
  /// GRDB reads which migrations are applied before it takes the write lock, so two watchers
  /// starting together may both begin the same migration; the second one's transaction then
  /// fails (its table exists) and rolls back whole. Reading again finds the migration applied
  /// and goes on with the next, so a few attempts get through.
  private static func migrate(_ pool: DatabasePool) throws {
    var attempt = 0
    while true {
      attempt += 1
      do {
        return try migrator.migrate(pool)
      } catch {
        let finished = try pool.read { db in try migrator.hasCompletedMigrations(db) }
        if finished { return }
        if attempt >= 10 { throw error }
        Thread.sleep(forTimeInterval: 0.01 * Double(attempt))
      }
    }
  }

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("1 articles") { db in
      try db.create(table: "article") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("articleID", .text).notNull().check(sql: "length(articleID) > 0")
        // The canonical URL, or "id:" + articleID for an article without one.
        t.column("canonicalKey", .text).notNull()
        t.column("version", .integer).notNull().check(sql: "version >= 1")
        t.column("contentHash", .text).notNull()
        t.column("title", .text).notNull()
        t.column("body", .text).notNull()
        t.column("url", .text)
        t.column("outlet", .text)
        t.column("published", .double)
        t.column("storedAt", .double).notNull()
        t.column("json", .text).notNull()
        t.uniqueKey(["canonicalKey", "version"])
        t.uniqueKey(["canonicalKey", "contentHash"])
      }
      try db.create(index: "article_on_articleID", on: "article", columns: ["articleID"])
      try db.create(virtualTable: "articleSearch", using: FTS5()) { t in
        t.synchronize(withTable: "article")
        t.tokenizer = .porter()
        t.column("title")
        t.column("body")
      }
    }
    migrator.registerMigration("2 stories") { db in
      try db.create(table: "story") { t in
        t.primaryKey("id", .text).check(sql: "length(id) > 0")
        t.column("createdAt", .double).notNull()
        t.column("updatedAt", .double).notNull()
      }
      try db.create(table: "storyArticle") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("articleKey", .integer).notNull().unique()
          .references("article", onDelete: .cascade)
        t.column("storyID", .text).notNull().indexed().references("story", onDelete: .cascade)
        t.column("assignedAt", .double).notNull()
      }
    }
    migrator.registerMigration("3 briefs") { db in
      try db.create(table: "brief") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("storyID", .text).notNull().references("story", onDelete: .cascade)
        t.column("version", .integer).notNull().check(sql: "version >= 1")
        t.column("headline", .text).notNull()
        t.column("body", .text).notNull()
        t.column("json", .text).notNull()
        t.column("createdAt", .double).notNull()
        t.uniqueKey(["storyID", "version"])
      }
      try db.create(virtualTable: "briefSearch", using: FTS5()) { t in
        t.synchronize(withTable: "brief")
        t.tokenizer = .porter()
        t.column("headline")
        t.column("body")
      }
    }
    migrator.registerMigration("4 filing") { db in
      // A story's revision grows with each change of its articles; a brief records the
      // revision it was written from, so a story whose brief is older is briefed again, even
      // after a crash between filing and briefing.
      try db.execute(sql: "ALTER TABLE story ADD COLUMN revision INTEGER NOT NULL DEFAULT 0")
      try db.execute(sql: "ALTER TABLE brief ADD COLUMN revision INTEGER NOT NULL DEFAULT 0")
      try db.create(table: "filing") { t in
        t.autoIncrementedPrimaryKey("sequence")
        t.column("articleKey", .integer).notNull().indexed()
          .references("article", onDelete: .cascade)
        t.column("storyID", .text).notNull().references("story", onDelete: .cascade)
        t.column("filedAt", .double).notNull()
      }
      // Stories filed before the log existed: log them in filing order, and count their
      // briefs as current.
      try db.execute(
        sql: """
          INSERT INTO filing (articleKey, storyID, filedAt)
          SELECT articleKey, storyID, assignedAt FROM storyArticle ORDER BY id
          """)
      try db.execute(sql: "UPDATE story SET revision = 1")
      try db.execute(sql: "UPDATE brief SET revision = 1")
    }
    registerFeedsMigration(&migrator)
    migrator.registerMigration("6 clusters") { db in
      // The clusterer's own story of each article, when the story readers see is a
      // consolidation of several (NULL: the same as the story).
      try db.execute(sql: "ALTER TABLE storyArticle ADD COLUMN clusterID TEXT")
      try db.execute(sql: "ALTER TABLE filing ADD COLUMN clusterID TEXT")
    }
    return migrator
  }

  // MARK: - Articles

  public func saveArticle(_ article: Article) throws(StoreError) -> SavedArticle {
    try perform { try pool.write { db in try save(article, db) } }
  }

  public func saveArticle(_ article: Article, inStory storyID: String) throws(StoreError)
    -> SavedArticle
  {
    try perform {
      try pool.write { db in
        let saved = try save(article, db)
        try place(key: saved.key, Placement(storyID: storyID, clusterID: storyID), db)
        return saved
      }
    }
  }

  private func save(_ article: Article, _ db: Database) throws -> SavedArticle {
    guard !article.id.isEmpty else { throw StoreError.invalid("an article needs an id") }
    let key =
      article.metadata.url.flatMap(CanonicalURL.canonical) ?? "id:\(article.id)"
    let hash = ContentHash.of(title: article.title, text: article.text)
    if let row = try Row.fetchOne(
      db,
      sql: "SELECT id, articleID, version FROM article WHERE canonicalKey = ? AND contentHash = ?",
      arguments: [key, hash])
    {
      return SavedArticle(
        key: row["id"], articleID: row["articleID"], version: row["version"], status: .unchanged)
    }
    let previous = try Row.fetchOne(
      db,
      sql: "SELECT id, version FROM article WHERE canonicalKey = ? ORDER BY version DESC LIMIT 1",
      arguments: [key])
    let version = (previous?["version"] as Int? ?? 0) + 1
    let json = String(decoding: try JSONEncoder().encode(article), as: UTF8.self)
    try db.execute(
      sql: """
        INSERT INTO article (articleID, canonicalKey, version, contentHash, title, body, url,
          outlet, published, storedAt, json)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        article.id, key, version, hash, article.title, article.text, article.metadata.url,
        article.metadata.outlet, article.metadata.published?.timeIntervalSince1970,
        clock.now.timeIntervalSince1970, json,
      ])
    let rowKey = db.lastInsertedRowID
    if let previousKey = previous?["id"] as Int64? {
      // A new version stays in the story of the version it replaces, whose brief is now old.
      try db.execute(
        sql: """
          UPDATE story SET revision = revision + 1
          WHERE id = (SELECT storyID FROM storyArticle WHERE articleKey = ?)
          """, arguments: [previousKey])
      try db.execute(
        sql: "UPDATE storyArticle SET articleKey = ? WHERE articleKey = ?",
        arguments: [rowKey, previousKey])
    }
    return SavedArticle(
      key: rowKey, articleID: article.id, version: version,
      status: previous == nil ? .inserted : .updated)
  }

  public func article(id: String) throws(StoreError) -> Article? {
    try perform {
      try pool.read { db in
        try String.fetchOne(
          db,
          sql:
            "SELECT json FROM article WHERE articleID = ? ORDER BY storedAt DESC, id DESC LIMIT 1",
          arguments: [id]
        ).map(decodeArticle)
      }
    }
  }

  public func allArticles() throws(StoreError) -> [Article] {
    try newestVersions(unfiledOnly: false)
  }

  /// The newest version of every stored article (or of those in no story), oldest first.
  private func newestVersions(unfiledOnly: Bool) throws(StoreError) -> [Article] {
    let unfiled =
      unfiledOnly ? "AND NOT EXISTS (SELECT 1 FROM storyArticle s WHERE s.articleKey = a.id)" : ""
    return try perform {
      try pool.read { db in
        try String.fetchAll(
          db,
          sql: """
            SELECT json FROM article a
            WHERE version = (SELECT max(version) FROM article b WHERE b.canonicalKey = a.canonicalKey)
            \(unfiled)
            ORDER BY id
            """
        ).map(decodeArticle)
      }
    }
  }

  public func versions(ofArticle idOrURL: String) throws(StoreError) -> [Article] {
    let key = CanonicalURL.canonical(idOrURL) ?? "id:\(idOrURL)"
    return try perform {
      try pool.read { db in
        try String.fetchAll(
          db, sql: "SELECT json FROM article WHERE canonicalKey = ? ORDER BY version",
          arguments: [key]
        ).map(decodeArticle)
      }
    }
  }

  // MARK: - Stories

  public func assign(article id: String, toStory storyID: String) throws(StoreError) {
    try assign([id: storyID])
  }

  public func file(_ placements: [String: Placement]) throws(StoreError) {
    try perform {
      try pool.write { db in
        // Sorted so that story rows are created in the same order on every run.
        for (id, placement) in placements.sorted(by: { $0.key < $1.key }) {
          guard
            let key = try Int64.fetchOne(
              db, sql: "SELECT id FROM article WHERE articleID = ? ORDER BY id DESC LIMIT 1",
              arguments: [id])
          else { throw StoreError.unknownArticle(id) }
          try place(key: key, placement, db)
        }
      }
    }
  }

  private func place(key: Int64, _ placement: Placement, _ db: Database) throws {
    let storyID = placement.storyID
    guard !storyID.isEmpty, placement.clusterID?.isEmpty != true else {
      throw StoreError.invalid("a story needs an id")
    }
    let row = try Row.fetchOne(
      db,
      sql:
        "SELECT storyID, coalesce(clusterID, storyID) AS cluster FROM storyArticle WHERE articleKey = ?",
      arguments: [key])
    let current: String? = row?["storyID"]
    let cluster = placement.clusterID ?? row?["cluster"] ?? storyID
    // Filing an article where it already is changes nothing, not even the story's date.
    guard current != storyID || row?["cluster"] != cluster else { return }
    let now = clock.now.timeIntervalSince1970
    if current != storyID {
      try db.execute(
        sql: """
          INSERT INTO story (id, createdAt, updatedAt, revision) VALUES (?, ?, ?, 1)
          ON CONFLICT(id) DO UPDATE SET updatedAt = max(updatedAt, excluded.updatedAt),
            revision = revision + 1
          """,
        arguments: [storyID, now, now])
      if let current {
        try db.execute(
          sql: "UPDATE story SET revision = revision + 1 WHERE id = ?", arguments: [current])
      }
    }
    try db.execute(
      sql: """
        INSERT INTO storyArticle (articleKey, storyID, clusterID, assignedAt) VALUES (?, ?, ?, ?)
        ON CONFLICT(articleKey) DO UPDATE SET storyID = excluded.storyID,
          clusterID = excluded.clusterID
        """,
      arguments: [key, storyID, cluster, now])
    try db.execute(
      sql: "INSERT INTO filing (articleKey, storyID, clusterID, filedAt) VALUES (?, ?, ?, ?)",
      arguments: [key, storyID, cluster, now])
  }

  public func counts() throws(StoreError) -> StoreCounts {
    try perform {
      try pool.read { db in
        StoreCounts(
          articles: try Int.fetchOne(db, sql: "SELECT count(DISTINCT canonicalKey) FROM article")
            ?? 0,
          stories: try Int.fetchOne(db, sql: "SELECT count(DISTINCT storyID) FROM storyArticle")
            ?? 0)
      }
    }
  }

  public func stories(updatedSince date: Date) throws(StoreError) -> [StoredStory] {
    try perform {
      try pool.read { db in
        let rows = try Row.fetchAll(
          db,
          sql:
            "SELECT id, createdAt, updatedAt FROM story WHERE updatedAt >= ? ORDER BY updatedAt DESC, id",
          arguments: [date.timeIntervalSince1970])
        return try rows.map { row in
          let id: String = row["id"]
          let articleIDs = try String.fetchAll(
            db,
            sql: """
              SELECT a.articleID FROM storyArticle s JOIN article a ON a.id = s.articleKey
              WHERE s.storyID = ? ORDER BY s.id
              """, arguments: [id])
          return StoredStory(
            id: id, createdAt: Date(timeIntervalSince1970: row["createdAt"]),
            updatedAt: Date(timeIntervalSince1970: row["updatedAt"]), articleIDs: articleIDs)
        }
      }
    }
  }

  public func articles(inStory storyID: String) throws(StoreError) -> [Article] {
    try perform {
      try pool.read { db in
        try String.fetchAll(
          db,
          sql: """
            SELECT a.json FROM storyArticle s JOIN article a ON a.id = s.articleKey
            WHERE s.storyID = ? ORDER BY s.id
            """, arguments: [storyID]
        ).map(decodeArticle)
      }
    }
  }

  // MARK: - Briefs

  @discardableResult
  public func saveBrief(_ brief: Brief, forStory storyID: String, revision: Int?)
    throws(StoreError) -> Int
  {
    try perform {
      try pool.write { db in
        guard
          let current = try Int.fetchOne(
            db, sql: "SELECT revision FROM story WHERE id = ?", arguments: [storyID])
        else {
          throw StoreError.invalid("no story has the id \(storyID); assign articles to it first")
        }
        // Two processes briefing the same change: the second finds it done.
        if let revision,
          let latest = try Row.fetchOne(
            db,
            sql:
              "SELECT version, revision FROM brief WHERE storyID = ? ORDER BY version DESC LIMIT 1",
            arguments: [storyID]),
          (latest["revision"] as Int) >= revision
        {
          return latest["version"] as Int
        }
        let version =
          (try Int.fetchOne(
            db, sql: "SELECT max(version) FROM brief WHERE storyID = ?", arguments: [storyID]) ?? 0)
          + 1
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(brief), as: UTF8.self)
        let body = brief.allSentences.map(\.text).joined(separator: " ")
        try db.execute(
          sql: """
            INSERT INTO brief (storyID, version, headline, body, json, createdAt, revision)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            storyID, version, brief.headline, body, json, clock.now.timeIntervalSince1970,
            min(revision ?? current, current),
          ])
        return version
      }
    }
  }

  public func latestBrief(forStory storyID: String) throws(StoreError) -> StoredBrief? {
    try perform {
      try pool.read { db in
        guard
          let row = try Row.fetchOne(
            db,
            sql:
              "SELECT version, json, createdAt FROM brief WHERE storyID = ? ORDER BY version DESC LIMIT 1",
            arguments: [storyID])
        else { return nil }
        let json: String = row["json"]
        return StoredBrief(
          storyID: storyID, version: row["version"],
          brief: try JSONDecoder().decode(Brief.self, from: Data(json.utf8)),
          createdAt: Date(timeIntervalSince1970: row["createdAt"]))
      }
    }
  }

  // MARK: - Filing

  /// Holds an exclusive `flock` on a file beside the database while `body` runs. The kernel
  /// releases it when the process dies, so a killed filer never blocks the next one.
  public func withFilingLock<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
    let descriptor = open(filingLockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw .database(
        "cannot open the lock file \(filingLockPath): \(String(cString: strerror(errno)))")
    }
    defer { closeDescriptor(descriptor) }
    while flock(descriptor, LOCK_EX) != 0 {
      guard errno == EINTR else {
        throw .database("cannot lock \(filingLockPath): \(String(cString: strerror(errno)))")
      }
    }
    defer { flock(descriptor, LOCK_UN) }
    return try body()
  }

  public func filings(after sequence: Int64, limit: Int) throws(StoreError) -> [Filing] {
    try perform {
      try pool.read { db in
        try Row.fetchAll(
          db,
          sql: """
            SELECT f.sequence, f.storyID, f.clusterID, a.json
            FROM filing f JOIN article a ON a.id = f.articleKey
            WHERE f.sequence > ? ORDER BY f.sequence LIMIT ?
            """, arguments: [sequence, max(0, limit)]
        ).map { row in
          Filing(
            sequence: row["sequence"], article: try decodeArticle(row["json"]),
            storyID: row["storyID"], clusterID: row["clusterID"])
        }
      }
    }
  }

  public func unfiledArticles() throws(StoreError) -> [Article] {
    try newestVersions(unfiledOnly: true)
  }

  public func storiesNeedingBrief() throws(StoreError) -> [StoryRevision] {
    try perform {
      try pool.read { db in
        try Row.fetchAll(
          db,
          sql: """
            SELECT s.id, s.revision FROM story s
            WHERE EXISTS (SELECT 1 FROM storyArticle sa WHERE sa.storyID = s.id)
              AND s.revision > coalesce((SELECT max(b.revision) FROM brief b WHERE b.storyID = s.id), 0)
            ORDER BY s.updatedAt, s.id
            """
        ).map { StoryRevision(storyID: $0["id"], revision: $0["revision"]) }
      }
    }
  }

  public func revision(ofStory storyID: String) throws(StoreError) -> Int {
    try perform {
      try pool.read { db in
        try Int.fetchOne(db, sql: "SELECT revision FROM story WHERE id = ?", arguments: [storyID])
          ?? 0
      }
    }
  }

  // MARK: - Search

  public func search(_ query: String, limit: Int = 20) throws(StoreError) -> [SearchHit] {
    // Every word must match; user punctuation never reaches FTS5's query syntax.
    guard let pattern = FTS5Pattern(matchingAllTokensIn: query), limit > 0 else { return [] }
    return try perform {
      try pool.read { db in
        // Both arms rank with bm25 (lower is better), so one ordering serves articles and briefs.
        let ranked = try Row.fetchAll(
          db,
          sql: """
            SELECT 'article' AS kind, a.articleID AS id, a.title AS title,
              snippet(articleSearch, 1, '[', ']', '…', 12) AS snippet,
              bm25(articleSearch) AS score
            FROM articleSearch JOIN article a ON a.id = articleSearch.rowid
            WHERE articleSearch MATCH ?1
              AND a.version = (SELECT max(version) FROM article b WHERE b.canonicalKey = a.canonicalKey)
            UNION ALL
            SELECT 'brief', b.storyID, b.headline, snippet(briefSearch, 1, '[', ']', '…', 12),
              bm25(briefSearch)
            FROM briefSearch JOIN brief b ON b.id = briefSearch.rowid
            WHERE briefSearch MATCH ?1
              AND b.version = (SELECT max(version) FROM brief c WHERE c.storyID = b.storyID)
            ORDER BY score, id LIMIT ?2
            """, arguments: [pattern, limit])
        return ranked.prefix(limit).map { row in
          SearchHit(
            kind: SearchHit.Kind(rawValue: row["kind"]) ?? .article, id: row["id"],
            title: row["title"], snippet: row["snippet"])
        }
      }
    }
  }

  // MARK: - Helpers

  private func decodeArticle(_ json: String) throws -> Article {
    try JSONDecoder().decode(Article.self, from: Data(json.utf8))
  }

  func perform<T>(_ body: () throws -> T) throws(StoreError) -> T {
    do {
      return try body()
    } catch let error as StoreError {
      throw error
    } catch {
      throw .database("\(error)")
    }
  }
}

/// The C library's `close`, which a method of the same name hides inside ``SQLiteStore``.
private func closeDescriptor(_ descriptor: Int32) { _ = close(descriptor) }
