import DistillModel
import Foundation
import PostgresNIO

/// An ``ArticleStore`` in a PostgreSQL database, for several processes writing at once.
///
/// Same behaviour as ``SQLiteStore``: idempotent saves by canonical URL and content hash, a
/// new version when the content changes, stories, versioned briefs, full-text search (here
/// with `tsvector` columns, GIN indexes and the `english` stemmer). Integrity lives in the
/// schema (NOT NULL, UNIQUE, foreign keys, CHECKs); every method is one transaction.
///
/// Concurrent writers neither lose nor duplicate articles: a save takes a transaction-scoped
/// advisory lock on the article's canonical key, so two saves of the same URL run one after
/// the other while saves of different URLs run in parallel; `INSERT … ON CONFLICT` settles
/// stories and assignments that several writers create at once.
///
///     let store = try PostgresStore.open(url: "postgres://distill:pw@127.0.0.1:5432/distill")
///     let saved = try store.saveArticle(article, inStory: "s-APW19990707.0181")
///
/// The methods are synchronous: each blocks its calling thread until the server answers (see
/// ``PostgresConnections``). Do not call them on a SwiftNIO event loop; from Swift
/// concurrency, call them off the cooperative pool (a dedicated thread or dispatch queue).
public final class PostgresStore: ArticleStore {
  private let connections: PostgresConnections
  let clock: any Clock
  /// The configuration the store was opened with.
  public let configuration: PostgresStoreConfiguration

  /// Opens the database named by a `postgres://user:pass@host:port/db` URL and brings its
  /// schema up to date (see ``PostgresStoreConfiguration/init(url:)`` for the options).
  public static func open(url: String, clock: any Clock = SystemClock()) throws(StoreError)
    -> PostgresStore
  {
    try PostgresStore(configuration: PostgresStoreConfiguration(url: url), clock: clock)
  }

  /// Connects and brings the schema up to date.
  public init(
    configuration: PostgresStoreConfiguration, clock: any Clock = SystemClock(),
    logger: Logger = Logger(label: "distill.store.postgres")
  ) throws(StoreError) {
    self.configuration = configuration
    self.clock = clock
    var quiet = logger
    if quiet.logLevel < .warning { quiet.logLevel = .warning }
    connections = PostgresConnections(
      configuration: try configuration.connectionConfiguration(),
      maxConnections: configuration.maxConnections, logger: quiet)
    if let schema = configuration.schema {
      try transaction { session in
        // Two stores creating the schema at once would otherwise race on the catalog.
        try session.rows(
          "SELECT pg_advisory_xact_lock(hashtextextended('distill schema ' || \(schema), 0))")
        // The name passed isPlainIdentifier, so splicing it cannot inject anything.
        try session.rows(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(schema)"))
      }
    }
    try migrate()
  }

  /// Closes the store's connections. Calls after this fail with ``StoreError/database(_:)``.
  public func close() { connections.close() }

  // MARK: - Schema

  /// The names of the migrations applied to the database, in order.
  public func appliedMigrations() throws(StoreError) -> [String] {
    try transaction { session in
      try session.rows("SELECT name FROM distill_migration ORDER BY position")
        .map { try $0.decode(String.self) }
    }
  }

  private func migrate() throws(StoreError) {
    for migration in PostgresSchema.migrations {
      let position = migration.position
      try transaction { session in
        // Stores opening at once migrate one at a time; the loser then sees the row.
        try session.rows(
          "SELECT pg_advisory_xact_lock(hashtextextended('distill migrate ' || coalesce(current_schema(), ''), 0))"
        )
        try session.rows(PostgresQuery(unsafeSQL: PostgresSchema.migrationTable))
        let done = try session.rows(
          "SELECT name FROM distill_migration WHERE position = \(position)")
        if let name = try done.first?.decode(String.self) {
          guard name == migration.name else {
            throw StoreError.database(
              "migration \(position) of this database is \(name), expected \(migration.name)")
          }
          return
        }
        for statement in migration.statements {
          try session.rows(PostgresQuery(unsafeSQL: statement))
        }
        try session.rows(
          "INSERT INTO distill_migration (position, name) VALUES (\(position), \(migration.name))"
        )
      }
    }
    // A database migrated by a newer build has tables this build does not know to keep
    // consistent: refuse it rather than write around them.
    let known = PostgresSchema.migrations.map(\.position)
    let newer = try transaction { session in
      try session.rows(
        """
        SELECT position, name FROM distill_migration
        WHERE NOT (position = ANY(\(known))) ORDER BY position LIMIT 1
        """
      ).first.map { try $0.decode((Int, String).self) }
    }
    if let newer {
      throw .database(
        "the database has migration \(newer.0) (\(newer.1)), newer than this build knows;"
          + " use a newer distill")
    }
  }

  // MARK: - Articles

  public func saveArticle(_ article: Article) throws(StoreError) -> SavedArticle {
    try transaction { session in try save(article, session) }
  }

  public func saveArticle(_ article: Article, inStory storyID: String) throws(StoreError)
    -> SavedArticle
  {
    try transaction { session in
      let saved = try save(article, session)
      try place(key: saved.key, Placement(storyID: storyID, clusterID: storyID), session)
      return saved
    }
  }

  private func save(_ article: Article, _ session: Session) throws -> SavedArticle {
    guard !article.id.isEmpty else { throw StoreError.invalid("an article needs an id") }
    let key = article.metadata.url.flatMap(CanonicalURL.canonical) ?? "id:\(article.id)"
    let hash = ContentHash.of(title: article.title, text: article.text)
    // Saves of the same canonical key queue here until the holder commits, so the lookups
    // below see every committed version and the next version number is free.
    try session.rows(
      "SELECT pg_advisory_xact_lock(hashtextextended('distill article ' || \(key), 0))")
    if let row = try session.rows(
      "SELECT id, article_id, version FROM article WHERE canonical_key = \(key) AND content_hash = \(hash)"
    ).first {
      let (rowKey, articleID, version) = try row.decode((Int64, String, Int).self)
      return SavedArticle(key: rowKey, articleID: articleID, version: version, status: .unchanged)
    }
    let previous = try session.rows(
      "SELECT id, version FROM article WHERE canonical_key = \(key) ORDER BY version DESC LIMIT 1"
    ).first.map { try $0.decode((Int64, Int).self) }
    let version = (previous?.1 ?? 0) + 1
    let json = String(decoding: try JSONEncoder().encode(article), as: UTF8.self)
    let inserted = try session.rows(
      """
      INSERT INTO article (article_id, canonical_key, version, content_hash, title, body, url,
        outlet, published, stored_at, json)
      VALUES (\(article.id), \(key), \(version), \(hash), \(article.title), \(article.text),
        \(article.metadata.url), \(article.metadata.outlet), \(article.metadata.published),
        \(clock.now), \(json))
      ON CONFLICT (canonical_key, content_hash) DO NOTHING
      RETURNING id
      """)
    guard let rowKey = try inserted.first?.decode(Int64.self) else {
      // Unreachable while the advisory lock is held; kept so a bug cannot duplicate rows.
      throw StoreError.database("article \(article.id) was saved by another writer meanwhile")
    }
    if let previousKey = previous?.0 {
      // A new version stays in the story of the version it replaces, whose brief is now old.
      try session.rows(
        """
        UPDATE story SET revision = revision + 1
        WHERE id = (SELECT story_id FROM story_article WHERE article_key = \(previousKey))
        """)
      try session.rows(
        "UPDATE story_article SET article_key = \(rowKey) WHERE article_key = \(previousKey)")
    }
    return SavedArticle(
      key: rowKey, articleID: article.id, version: version,
      status: previous == nil ? .inserted : .updated)
  }

  public func article(id: String) throws(StoreError) -> Article? {
    try transaction { session in
      try session.rows(
        "SELECT json FROM article WHERE article_id = \(id) ORDER BY stored_at DESC, id DESC LIMIT 1"
      ).first.map { try Self.decodeArticle($0.decode(String.self)) }
    }
  }

  public func versions(ofArticle idOrURL: String) throws(StoreError) -> [Article] {
    let key = CanonicalURL.canonical(idOrURL) ?? "id:\(idOrURL)"
    return try transaction { session in
      try session.rows("SELECT json FROM article WHERE canonical_key = \(key) ORDER BY version")
        .map { try Self.decodeArticle($0.decode(String.self)) }
    }
  }

  public func allArticles() throws(StoreError) -> [Article] {
    try transaction { session in
      try session.rows(
        """
        SELECT json FROM article a
        WHERE version = (SELECT max(version) FROM article b WHERE b.canonical_key = a.canonical_key)
        ORDER BY id
        """
      ).map { try Self.decodeArticle($0.decode(String.self)) }
    }
  }

  // MARK: - Stories

  public func assign(article id: String, toStory storyID: String) throws(StoreError) {
    try assign([id: storyID])
  }

  public func file(_ placements: [String: Placement]) throws(StoreError) {
    try transaction { session in
      // A fixed order keeps lock acquisition the same in every writer.
      for (id, placement) in placements.sorted(by: { $0.key < $1.key }) {
        guard
          let key = try session.rows(
            "SELECT id FROM article WHERE article_id = \(id) ORDER BY id DESC LIMIT 1"
          ).first?.decode(Int64.self)
        else { throw StoreError.unknownArticle(id) }
        try place(key: key, placement, session)
      }
    }
  }

  private func place(key: Int64, _ placement: Placement, _ session: Session) throws {
    let storyID = placement.storyID
    guard !storyID.isEmpty, placement.clusterID?.isEmpty != true else {
      throw StoreError.invalid("a story needs an id")
    }
    // The article's row is locked so that two writers filing it at once do so in turn.
    try session.rows("SELECT id FROM article WHERE id = \(key) FOR UPDATE")
    let row = try session.rows(
      "SELECT story_id, coalesce(cluster_id, story_id) FROM story_article WHERE article_key = \(key)"
    ).first.map { try $0.decode((String, String).self) }
    let current = row?.0
    let cluster = placement.clusterID ?? row?.1 ?? storyID
    // Filing an article where it already is changes nothing, not even the story's date.
    guard current != storyID || row?.1 != cluster else { return }
    let now = clock.now
    if current != storyID {
      try session.rows(
        """
        INSERT INTO story (id, created_at, updated_at, revision) VALUES (\(storyID), \(now), \(now), 1)
        ON CONFLICT (id) DO UPDATE SET updated_at = greatest(story.updated_at, excluded.updated_at),
          revision = story.revision + 1
        """)
      if let current {
        try session.rows("UPDATE story SET revision = revision + 1 WHERE id = \(current)")
      }
    }
    try session.rows(
      """
      INSERT INTO story_article (article_key, story_id, cluster_id, assigned_at)
      VALUES (\(key), \(storyID), \(cluster), \(now))
      ON CONFLICT (article_key) DO UPDATE SET story_id = excluded.story_id,
        cluster_id = excluded.cluster_id
      """)
    try session.rows(
      """
      INSERT INTO filing (article_key, story_id, cluster_id, filed_at)
      VALUES (\(key), \(storyID), \(cluster), \(now))
      """)
  }

  public func counts() throws(StoreError) -> StoreCounts {
    try transaction { session in
      let (articles, stories) = try session.rows(
        """
        SELECT (SELECT count(DISTINCT canonical_key) FROM article),
          (SELECT count(DISTINCT story_id) FROM story_article)
        """
      ).first!.decode((Int, Int).self)
      return StoreCounts(articles: articles, stories: stories)
    }
  }

  public func stories(updatedSince date: Date) throws(StoreError) -> [StoredStory] {
    try transaction { session in
      try session.rows(
        """
        SELECT s.id, s.created_at, s.updated_at,
          coalesce(array_agg(a.article_id ORDER BY sa.id) FILTER (WHERE a.id IS NOT NULL),
            '{}'::text[])
        FROM story s
          LEFT JOIN story_article sa ON sa.story_id = s.id
          LEFT JOIN article a ON a.id = sa.article_key
        WHERE s.updated_at >= \(date)
        GROUP BY s.id
        ORDER BY s.updated_at DESC, s.id COLLATE "C"
        """
      ).map { row in
        let (id, created, updated, articleIDs) = try row.decode((String, Date, Date, [String]).self)
        return StoredStory(id: id, createdAt: created, updatedAt: updated, articleIDs: articleIDs)
      }
    }
  }

  public func articles(inStory storyID: String) throws(StoreError) -> [Article] {
    try transaction { session in
      try session.rows(
        """
        SELECT a.json FROM story_article sa JOIN article a ON a.id = sa.article_key
        WHERE sa.story_id = \(storyID) ORDER BY sa.id
        """
      ).map { try Self.decodeArticle($0.decode(String.self)) }
    }
  }

  // MARK: - Briefs

  @discardableResult
  public func saveBrief(_ brief: Brief, forStory storyID: String, revision: Int?)
    throws(StoreError) -> Int
  {
    try transaction { session in
      // Locking the story row numbers concurrent briefs of one story one after the other.
      guard
        let current = try session.rows(
          "SELECT revision FROM story WHERE id = \(storyID) FOR UPDATE"
        ).first.map({ try $0.decode(Int.self) })
      else {
        throw StoreError.invalid("no story has the id \(storyID); assign articles to it first")
      }
      let covered = min(revision ?? current, current)
      // Two processes briefing the same change: the second finds it done.
      if let revision,
        let latest = try session.rows(
          "SELECT version, revision FROM brief WHERE story_id = \(storyID) ORDER BY version DESC LIMIT 1"
        ).first.map({ try $0.decode((Int, Int).self) }), latest.1 >= revision
      {
        return latest.0
      }
      let version =
        try session.rows("SELECT coalesce(max(version), 0) FROM brief WHERE story_id = \(storyID)")
        .first.map { try $0.decode(Int.self) }.map { $0 + 1 } ?? 1
      let encoder = JSONEncoder()
      encoder.outputFormatting = .sortedKeys
      let json = String(decoding: try encoder.encode(brief), as: UTF8.self)
      let body = brief.allSentences.map(\.text).joined(separator: " ")
      try session.rows(
        """
        INSERT INTO brief (story_id, version, headline, body, json, created_at, revision)
        VALUES (\(storyID), \(version), \(brief.headline), \(body), \(json), \(clock.now),
          \(covered))
        """)
      return version
    }
  }

  public func latestBrief(forStory storyID: String) throws(StoreError) -> StoredBrief? {
    try transaction { session in
      guard
        let row = try session.rows(
          """
          SELECT version, json, created_at FROM brief WHERE story_id = \(storyID)
          ORDER BY version DESC LIMIT 1
          """
        ).first
      else { return nil }
      let (version, json, created) = try row.decode((Int, String, Date).self)
      return StoredBrief(
        storyID: storyID, version: version,
        brief: try JSONDecoder().decode(Brief.self, from: Data(json.utf8)), createdAt: created)
    }
  }

  // MARK: - Filing

  /// Holds a session-level advisory lock on a connection of its own while `body` runs (so the
  /// pool's connections stay free for `body`'s own queries). The server releases the lock when
  /// the connection ends, so a killed filer never blocks the next one.
  public func withFilingLock<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
    let result: Result<T, StoreError>
    do {
      result = try connections.withDedicated { connection in
        let lock: PostgresQuery =
          "SELECT pg_advisory_lock(hashtextextended('distill filing ' || coalesce(current_schema(), ''), 0))"
        _ = try connections.run(lock, on: connection)
        defer {
          _ = try? connections.run(
            "SELECT pg_advisory_unlock(hashtextextended('distill filing ' || coalesce(current_schema(), ''), 0))",
            on: connection)
        }
        do throws(StoreError) {
          return .success(try body())
        } catch {
          return .failure(error)
        }
      }
    } catch {
      throw Self.storeError(error)
    }
    return try result.get()
  }

  public func filings(after sequence: Int64, limit: Int) throws(StoreError) -> [Filing] {
    try transaction { session in
      try session.rows(
        """
        SELECT f.sequence, f.story_id, coalesce(f.cluster_id, f.story_id), a.json
        FROM filing f JOIN article a ON a.id = f.article_key
        WHERE f.sequence > \(sequence) ORDER BY f.sequence LIMIT \(max(0, limit))
        """
      ).map { row in
        let (number, story, cluster, json) = try row.decode((Int64, String, String, String).self)
        return Filing(
          sequence: number, article: try Self.decodeArticle(json), storyID: story,
          clusterID: cluster)
      }
    }
  }

  public func unfiledArticles() throws(StoreError) -> [Article] {
    try transaction { session in
      try session.rows(
        """
        SELECT json FROM article a
        WHERE version = (SELECT max(version) FROM article b WHERE b.canonical_key = a.canonical_key)
          AND NOT EXISTS (SELECT 1 FROM story_article s WHERE s.article_key = a.id)
        ORDER BY id
        """
      ).map { try Self.decodeArticle($0.decode(String.self)) }
    }
  }

  public func storiesNeedingBrief() throws(StoreError) -> [StoryRevision] {
    try transaction { session in
      try session.rows(
        """
        SELECT s.id, s.revision FROM story s
        WHERE EXISTS (SELECT 1 FROM story_article sa WHERE sa.story_id = s.id)
          AND s.revision > coalesce((SELECT max(b.revision) FROM brief b WHERE b.story_id = s.id), 0)
        ORDER BY s.updated_at, s.id COLLATE "C"
        """
      ).map { row in
        let (id, revision) = try row.decode((String, Int).self)
        return StoryRevision(storyID: id, revision: revision)
      }
    }
  }

  public func revision(ofStory storyID: String) throws(StoreError) -> Int {
    try transaction { session in
      try session.rows("SELECT revision FROM story WHERE id = \(storyID)").first
        .map { try $0.decode(Int.self) } ?? 0
    }
  }

  // MARK: - Search

  /// Articles (newest versions only) and latest briefs containing every word of `query`,
  /// best first (`ts_rank_cd`, title and headline words weighted above body words). The query
  /// is read as plain words: punctuation and operators are never interpreted.
  public func search(_ query: String, limit: Int = 20) throws(StoreError) -> [SearchHit] {
    guard limit > 0, query.contains(where: { $0.isLetter || $0.isNumber }) else { return [] }
    return try transaction { session in
      try session.rows(
        """
        WITH q AS (SELECT plainto_tsquery('english', \(query)) AS query),
        hits AS (
          SELECT 'article' AS kind, a.article_id AS id, a.title AS title, a.body AS body,
            ts_rank_cd(a.search, q.query) AS rank, a.id AS row_key
          FROM article a, q
          WHERE numnode(q.query) > 0 AND a.search @@ q.query
            AND a.version = (SELECT max(version) FROM article b WHERE b.canonical_key = a.canonical_key)
          UNION ALL
          SELECT 'brief', b.story_id, b.headline, b.body, ts_rank_cd(b.search, q.query), b.id
          FROM brief b, q
          WHERE numnode(q.query) > 0 AND b.search @@ q.query
            AND b.version = (SELECT max(version) FROM brief c WHERE c.story_id = b.story_id)
        )
        SELECT kind, id, title,
          ts_headline('english', body, q.query,
            'StartSel=[, StopSel=], MaxWords=16, MinWords=6, MaxFragments=1, FragmentDelimiter=…')
        FROM hits, q
        ORDER BY rank DESC, id COLLATE "C", row_key
        LIMIT \(limit)
        """
      ).map { row in
        let (kind, id, title, snippet) = try row.decode((String, String, String, String).self)
        return SearchHit(
          kind: SearchHit.Kind(rawValue: kind) ?? .article, id: id, title: title, snippet: snippet)
      }
    }
  }

  // MARK: - Plumbing

  /// One connection inside one transaction.
  struct Session {
    let connection: PostgresConnection
    let connections: PostgresConnections

    @discardableResult
    func rows(_ query: PostgresQuery) throws -> [PostgresRow] {
      try connections.run(query, on: connection)
    }
  }

  /// Runs `body` in one READ COMMITTED transaction on a pooled connection: committed when it
  /// returns, rolled back when it throws. Serialization failures and deadlocks, which the
  /// server resolves by aborting one party, are retried a few times.
  func transaction<T>(_ body: (Session) throws -> T) throws(StoreError) -> T {
    var attempt = 0
    while true {
      attempt += 1
      do {
        return try connections.with { connection in
          let session = Session(connection: connection, connections: connections)
          try session.rows("BEGIN ISOLATION LEVEL READ COMMITTED")
          do {
            let result = try body(session)
            try session.rows("COMMIT")
            return result
          } catch {
            do {
              try session.rows("ROLLBACK")
            } catch {
              // A connection in an unknown state never goes back to the pool.
              try? connection.close().wait()
            }
            throw error
          }
        }
      } catch {
        let mapped = Self.storeError(error)
        if attempt < 5, Self.isTransient(error) { continue }
        throw mapped
      }
    }
  }

  /// Runs one statement outside any explicit transaction (for DDL that must stand alone).
  func execute(_ sql: String) throws(StoreError) {
    do {
      try connections.with { connection in
        _ = try connections.run(PostgresQuery(unsafeSQL: sql), on: connection)
      }
    } catch {
      throw Self.storeError(error)
    }
  }

  private static func isTransient(_ error: any Error) -> Bool {
    guard let error = error as? PSQLError, let state = error.serverInfo?[.sqlState] else {
      return false
    }
    return state == "40001" || state == "40P01"
  }

  /// A ``StoreError`` with the server's own message (postgres-nio hides it by default).
  static func storeError(_ error: any Error) -> StoreError {
    if let error = error as? StoreError { return error }
    if let error = error as? PSQLError {
      if let info = error.serverInfo {
        let message = info[.message] ?? "an error"
        let state = info[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
        return .database(message + state)
      }
      let underlying = error.underlying.map { ": \($0)" } ?? ""
      return .database("\(error.code)\(underlying)")
    }
    return .database("\(error)")
  }

  private static func decodeArticle(_ json: String) throws -> Article {
    try JSONDecoder().decode(Article.self, from: Data(json.utf8))
  }
}
