import DistillModel
import DistillTestSupport
import Foundation
import Testing

@testable import DistillStore

/// The shared behaviour, against SQLite: the reference the PostgreSQL store must match.
@Suite struct SQLiteConformanceTests {
  @Test(arguments: StoreCheck.allCases) func behavesAsAStore(_ check: StoreCheck) throws {
    let harness = try SQLiteHarness()
    defer { harness.tearDown() }
    try StoreConformance.run(check, on: harness)
  }
}

/// The shared behaviour, against a live PostgreSQL server.
@Suite(.enabled(if: PostgresHarness.url != nil, PostgresHarness.skipReason))
struct PostgresConformanceTests {
  @Test(arguments: StoreCheck.allCases) func behavesAsAStore(_ check: StoreCheck) throws {
    let harness = try PostgresHarness()
    defer { harness.tearDown() }
    try StoreConformance.run(check, on: harness)
  }
}

/// What only the PostgreSQL store has: URL parsing, its schema, its row counts under load.
@Suite struct PostgresStoreTests {
  @Test func migrationPositionsComeFromTheirNamesAndRise() {
    let positions = PostgresSchema.migrations.map(\.position)
    #expect(positions.allSatisfy { $0 >= 1 })
    // Strictly rising: a migration merged in takes its place by number, never a used one.
    #expect(zip(positions, positions.dropFirst()).allSatisfy { $0 < $1 }, "\(positions)")
    #expect(PostgresSchema.feedsMigration.position == 5)
    #expect(PostgresSchema.Migration(name: "feeds", statements: []).position == 0)
  }

  @Test func readsTheDatabaseURL() throws {
    let c = try PostgresStoreConfiguration(
      url: "postgres://news%20desk:p%40ss@db.example:6543/distill?schema=wire&pool=2")
    #expect(c.host == "db.example")
    #expect(c.port == 6543)
    #expect(c.username == "news desk")
    #expect(c.password == "p@ss")
    #expect(c.database == "distill")
    #expect(c.schema == "wire")
    #expect(c.maxConnections == 2)
    #expect(c.tls == .disable)
    let plain = try PostgresStoreConfiguration(url: "postgresql://me@localhost/news")
    #expect(plain.port == 5432)
    #expect(plain.password == nil)
    #expect(plain.schema == nil)
  }

  @Test func rejectsBadURLsWithAReasonAndNoPassword() {
    for (url, reason) in [
      ("mysql://me:pw@host/db", "is not a postgres://"),
      ("postgres://me:pw@host", "names no database"),
      ("postgres://host/db", "names no user"),
      ("postgres://me:pw@host/db?schema=x;drop", "schema must be"),
      ("postgres://me:pw@host/db?sslmode=maybe", "sslmode must be"),
      ("postgres://me:pw@host/db?pool=0", "pool must be"),
      ("postgres://me:pw@host/db?timeout=3", "unknown option timeout"),
    ] {
      do {
        _ = try PostgresStoreConfiguration(url: url)
        Issue.record("\(url) was accepted")
      } catch {
        #expect(error.description.contains(reason), "\(url): \(error)")
        #expect(!error.description.contains(":pw@"), "\(url): \(error)")
      }
    }
  }

  @Test func anUnreachableServerIsADatabaseError() {
    // Port 1 on loopback refuses at once.
    #expect(throws: StoreError.self) {
      try PostgresStore.open(url: "postgres://distill:pw@127.0.0.1:1/distill")
    }
  }

  @Test(.enabled(if: PostgresHarness.url != nil, PostgresHarness.skipReason))
  func concurrentWritersLeaveExactRowCounts() throws {
    let harness = try PostgresHarness()
    defer { harness.tearDown() }
    let writers = 6
    let tally = try StoreConformance.concurrentWriters(harness, writers: writers)
    let counts = try harness.rowCounts(harness.openPostgres(now: StoreConformance.now))
    // 30 shared articles once each, 3 live URLs with one version per writer.
    #expect(counts["article"] == 30 + 3 * writers)
    #expect(counts["story"] == 6)
    // One assignment per article, moved (not copied) to each new version.
    #expect(counts["story_article"] == 33)
    #expect(counts["brief"] == 3 * writers)
    #expect(tally.inserted == 33)
    print(
      "postgres concurrent writers: \(writers) writers, saves inserted \(tally.inserted)"
        + " unchanged \(tally.unchanged) updated \(tally.updated); rows \(counts.sorted { $0.key < $1.key })"
    )
  }

  @Test(.enabled(if: PostgresHarness.url != nil, PostgresHarness.skipReason))
  func storesOpeningAtOnceMigrateOnce() throws {
    let harness = try PostgresHarness()
    defer { harness.tearDown() }
    let stores = try StoreConformance.onThreads(4) { _ in
      try harness.openPostgres(now: StoreConformance.now)
    }
    for store in stores {
      #expect(
        try store.appliedMigrations() == [
          "1 articles", "2 stories", "3 briefs", "4 filing", "5 feeds", "6 clusters",
        ])
    }
  }

  @Test(.enabled(if: PostgresHarness.url != nil, PostgresHarness.skipReason))
  func aDatabaseFromANewerBuildIsRefused() throws {
    let harness = try PostgresHarness()
    defer { harness.tearDown() }
    let store = try harness.openPostgres(now: StoreConformance.now)
    try store.execute("INSERT INTO distill_migration (position, name) VALUES (7, '7 later')")
    #expect(
      throws: StoreError.database(
        "the database has migration 7 (7 later), newer than this build knows; use a newer distill")
    ) { try harness.openPostgres(now: StoreConformance.now) }
  }

  @Test(.enabled(if: PostgresHarness.url != nil, PostgresHarness.skipReason))
  func theSchemaRefusesInconsistentRows() throws {
    let harness = try PostgresHarness()
    defer { harness.tearDown() }
    let store = try harness.openPostgres(now: StoreConformance.now)
    _ = try store.saveArticle(StoreConformance.article("a1", url: "https://ledger.example/a"))
    // Constraints hold even against writes that bypass the store's own checks.
    for sql in [
      "INSERT INTO story_article (article_key, story_id, assigned_at) VALUES (1, 'nowhere', now())",
      """
      INSERT INTO article (article_id, canonical_key, version, content_hash, title, body,
        stored_at, json) SELECT article_id, canonical_key, 1, 'other', title, body, stored_at, json
        FROM article
      """,
      "INSERT INTO brief (story_id, version, headline, body, json, created_at) VALUES ('x', 0, '', '', '', now())",
      "UPDATE article SET title = NULL",
    ] {
      #expect(throws: StoreError.self, "\(sql)") { try store.execute(sql) }
    }
    #expect(try store.versions(ofArticle: "https://ledger.example/a").count == 1)
  }

  @Test(.enabled(if: PostgresHarness.url != nil, PostgresHarness.skipReason))
  func serverErrorsCarryTheServerMessage() throws {
    let harness = try PostgresHarness()
    defer { harness.tearDown() }
    let store = try harness.openPostgres(now: StoreConformance.now)
    #expect(throws: StoreError.database("relation \"nowhere\" does not exist (SQLSTATE 42P01)")) {
      try store.execute("SELECT * FROM nowhere")
    }
    // The failed statement did not spoil the pooled connection.
    #expect(try store.saveArticle(StoreConformance.article("a1")).status == .inserted)
  }

  @Test(.enabled(if: PostgresHarness.url != nil, PostgresHarness.skipReason))
  func aClosedStoreSaysSo() throws {
    let harness = try PostgresHarness()
    defer { harness.tearDown() }
    let store = try harness.openPostgres(now: StoreConformance.now)
    let other = try harness.openPostgres(now: StoreConformance.now)
    store.close()
    #expect(throws: StoreError.database("the store is closed")) {
      try store.article(id: "a1")
    }
    #expect(try other.article(id: "a1") == nil)
  }
}
