import DistillModel
import DistillTestSupport
import Foundation
import Testing

@testable import DistillStore

/// `distill watch` polling feeds on a local server, killed with SIGKILL at several moments and
/// started again: every article is stored once, filed once, every story is briefed from all
/// its articles, and a poll after recovery finds nothing new.
@Suite struct WatchCrashTests {
  /// Feed `k` (0…5) lists the corpus articles whose position is k modulo 6: every feed mixes
  /// the stories, so each poll files articles into stories other polls started.
  static let feedCount = 6
  static func feedPath(_ k: Int) -> String { "/feeds/\(k).xml" }

  static var site: [String: StaticSite.Document] {
    var site: [String: StaticSite.Document] = [:]
    let corpus = CrashRecoveryTests.corpus
    for article in corpus {
      site["/news/\(article.name)"] = WatchLeaseTests.page(
        article.title, String(format: "2026-03-%02dT08:00:00Z", article.day), article.paragraphs)
    }
    for k in 0..<feedCount {
      let items = corpus.indices.filter { $0 % feedCount == k }.map { i in
        """
        <item><title>\(corpus[i].title)</title><link>{base}/news/\(corpus[i].name)</link>
        <pubDate>\(String(format: "%02d", corpus[i].day)) Mar 2026 08:00:00 GMT</pubDate></item>
        """
      }
      site[feedPath(k)] = StaticSite.Document(
        "application/rss+xml",
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Wire \(k)</title><link>{base}/</link>
        \(items.joined(separator: "\n"))
        </channel></rss>
        """)
    }
    return site
  }

  func killedWatchersLoseNothing(_ database: TestDatabase) async throws {
    let server = try await StaticSite.start(Self.site)
    defer { Task { await server.stop() } }
    let lease = 1.0
    let watch =
      ["watch", "--once", "--delay", "0", "--lease", "\(Int(lease))s", "--db", database.argument]
      + ["--feeds"] + (0..<Self.feedCount).map { server.url(Self.feedPath($0)) }
    let total = CrashRecoveryTests.corpus.count
    let store = try database.open()
    var cutShort = 0
    for delta in CrashRecoveryTests.killPoints {
      let start = try CrashRecoveryTests.progress(store)
      let run = try DistillBinary.launch(watch)
      try CrashRecoveryTests.kill(run, after: delta, from: start, in: store)
      if try CrashRecoveryTests.interrupted(store, expected: total) { cutShort += 1 }
      // The dead watcher's lease runs out before the next one starts.
      try await Task.sleep(for: .seconds(lease + 0.1))
    }
    #expect(cutShort > 0, "every kill came after the watcher had finished")
    print(
      "watch on \(database.backend): \(cutShort) of \(CrashRecoveryTests.killPoints.count) kills"
        + " left work undone")

    let last = try DistillBinary.run(watch)
    #expect(last.status == 0, "\(last.stderr)")
    var gold: [String: Int] = [:]
    var topicOfURL: [String: Int] = [:]
    for article in CrashRecoveryTests.corpus {
      gold[article.name] = article.topic
      topicOfURL[server.url("/news/\(article.name)")] = article.topic
    }
    try CrashRecoveryTests.checkRecovered(try database.open(), gold: gold) { article in
      article.metadata.url.flatMap { topicOfURL[$0] }
    }
    // Each page was fetched at least once and no more often than the watchers were started.
    for article in CrashRecoveryTests.corpus {
      #expect((1...6).contains(server.requests("/news/\(article.name)")), "\(article.name)")
    }
    // Nothing is due any more: a further watcher polls nothing and writes nothing.
    let again = try DistillBinary.run(watch)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stdout == "poll 1: 0 new, 0 updated, 0 skipped; stories changed: none\n")
  }

  @Test func killedWatchersLoseNothingInSQLite() async throws {
    try await killedWatchersLoseNothing(try TestDatabase.sqlite())
  }

  @Test(.enabled(if: TestDatabase.postgresURL != nil, TestDatabase.postgresSkipReason))
  func killedWatchersLoseNothingInPostgreSQL() async throws {
    let database = try TestDatabase.postgres()
    defer { database.tearDown() }
    try await killedWatchersLoseNothing(database)
  }
}
