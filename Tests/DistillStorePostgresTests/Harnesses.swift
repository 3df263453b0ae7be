import DistillModel
import DistillTestSupport
import Foundation
import Testing

@testable import DistillStore

/// A SQLite file in its own temporary folder.
final class SQLiteHarness: StoreHarness, @unchecked Sendable {
  // @unchecked: immutable after init.
  let folder: URL
  let path: String

  init() throws {
    folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("distill-conformance-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    path = folder.appendingPathComponent("distill.sqlite").path
  }

  /// The conformance check's writers share one store, whose pool queues their writes. (Stores
  /// of their own would wait for each other through SQLite's busy timeout; several processes on
  /// one file are tested end to end in distillTests, WatchLeaseTests.)
  var writersShareOneStore: Bool { true }

  func open(now: Date) throws -> any ArticleStore {
    try SQLiteStore(path: path, clock: FixedClock(now))
  }

  func appliedMigrations(of store: any ArticleStore) throws -> [String] {
    try #require(store as? SQLiteStore).appliedMigrations()
  }

  func tearDown() { try? FileManager.default.removeItem(at: folder) }
}

/// A schema of its own, created for one test and dropped after it, in the database named by
/// `DISTILL_TEST_POSTGRES_URL`.
final class PostgresHarness: StoreHarness, @unchecked Sendable {
  // @unchecked: `opened` is only touched under `lock`; the rest is immutable.
  static let variable = "DISTILL_TEST_POSTGRES_URL"
  /// The test server, or nil when the tests are to be skipped.
  static let url = ProcessInfo.processInfo.environment[variable].flatMap { $0.isEmpty ? nil : $0 }
  static let skipReason: Comment =
    "DISTILL_TEST_POSTGRES_URL is not set (postgres://user:pass@127.0.0.1:port/db); .ci/run sets it"

  let configuration: PostgresStoreConfiguration
  private let lock = NSLock()
  private var opened: [PostgresStore] = []

  init() throws {
    var configuration = try PostgresStoreConfiguration(url: try #require(Self.url))
    configuration.schema =
      "distill_test_"
      + UUID().uuidString.lowercased()
      .replacingOccurrences(of: "-", with: "")
    self.configuration = configuration
  }

  var writersShareOneStore: Bool { false }

  func open(now: Date) throws -> any ArticleStore {
    try openPostgres(now: now)
  }

  func openPostgres(now: Date) throws -> PostgresStore {
    let store = try PostgresStore(configuration: configuration, clock: FixedClock(now))
    lock.withLock { opened.append(store) }
    return store
  }

  func appliedMigrations(of store: any ArticleStore) throws -> [String] {
    try #require(store as? PostgresStore).appliedMigrations()
  }

  /// Exact row counts of the store's tables, straight from the server.
  func rowCounts(_ store: PostgresStore) throws -> [String: Int] {
    var counts: [String: Int] = [:]
    for table in ["article", "story", "story_article", "brief"] {
      counts[table] = try store.transaction { session in
        try session.rows(.init(unsafeSQL: "SELECT count(*) FROM \(table)")).first?
          .decode(Int.self) ?? -1
      }
    }
    return counts
  }

  func tearDown() {
    let stores = lock.withLock { opened }
    if let schema = configuration.schema {
      // Any store still open can drop the schema; a test may have closed some.
      for store in stores {
        if (try? store.execute("DROP SCHEMA IF EXISTS \(schema) CASCADE")) != nil { break }
      }
    }
    for store in stores { store.close() }
  }
}
