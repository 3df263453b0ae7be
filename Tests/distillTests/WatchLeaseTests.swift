import DistillTestSupport
import Foundation
import Testing

@testable import DistillStore

/// Several `distill watch` processes sharing one database: each feed polled by one of them,
/// each article stored once, and a dead watcher's feed taken over when its lease runs out.
@Suite struct WatchLeaseTests {
  /// Nine articles of three stories (a crane collapse, a ferry strike, a library fire).
  static let articles: [(path: String, title: String, date: String, paragraphs: [String])] = [
    (
      "/harbor/crane", "Harbor crane collapses during storm", "2026-03-02T06:00:00Z",
      [
        "A container crane at the North Harbor terminal collapsed during a storm on Sunday night, the port authority said.",
        "No one was injured when the harbor crane fell across two empty berths, the port authority said.",
        "Terminal operations were suspended on Monday while engineers inspected the other harbor cranes.",
      ]
    ),
    (
      "/harbor/reopens", "North Harbor terminal reopens after crane collapse",
      "2026-03-03T06:00:00Z",
      [
        "The North Harbor terminal reopened on Tuesday, two days after a container crane collapsed during a storm.",
        "Engineers found cracks in a second harbor crane, which will stay out of service, the port authority said.",
        "Shipping lines said ten container vessels had been diverted to the South Harbor terminal.",
      ]
    ),
    (
      "/harbor/inquiry", "Port authority orders inquiry into harbor crane collapse",
      "2026-03-04T06:00:00Z",
      [
        "The port authority ordered an inquiry on Wednesday into the collapse of a container crane at the North Harbor terminal.",
        "Investigators will examine whether storm warnings reached the terminal before the harbor crane fell.",
        "The crane's maker said it would send engineers to help the inquiry.",
      ]
    ),
    (
      "/ferry/strike", "Ferry crews walk out over schedules", "2026-05-04T08:00:00Z",
      [
        "Ferry crews on the Tidewater route walked off the job on Monday morning, stranding about 3,000 commuters, the operators' union said.",
        "The union says new rosters would force crews to work 14-hour shifts without a full rest day, a claim the ferry company disputes.",
        "Ferry company managers said the rosters meet national safety rules and that talks could resume on Thursday.",
      ]
    ),
    (
      "/ferry/talks", "Ferry strike talks set for Thursday", "2026-05-05T09:30:00Z",
      [
        "Talks between the Tidewater ferry company and its striking crews will resume on Thursday, a mediator said on Tuesday.",
        "About 3,000 commuters have been stranded since ferry crews walked off the job on Monday over new rosters.",
        "The ferry company has chartered two buses to carry stranded passengers around the bay.",
      ]
    ),
    (
      "/ferry/deal", "Ferry strike ends with deal on rosters", "2026-05-07T18:00:00Z",
      [
        "Striking Tidewater ferry crews agreed on Thursday to return to work after the company dropped its new rosters.",
        "Ferries will run again on Friday morning, ending a four-day strike that stranded about 3,000 commuters.",
        "The union said the ferry company would keep a full rest day in every crew's week.",
      ]
    ),
    (
      "/library/fire", "Fire closes Riverside library", "2026-06-10T07:00:00Z",
      [
        "A fire broke out in the basement of the Riverside public library late on Tuesday, the fire brigade said.",
        "Firefighters contained the library fire within an hour; smoke damaged the reading rooms and the children's section.",
        "The library will stay closed while its books are checked for smoke and water damage.",
      ]
    ),
    (
      "/library/books", "Library fire damaged 20,000 books", "2026-06-11T07:00:00Z",
      [
        "About 20,000 books were damaged by smoke and water in Tuesday's fire at the Riverside public library, the city said.",
        "Volunteers began moving the damaged library books to a cold store to stop mould from spreading.",
        "The fire brigade said faulty wiring in the library basement was the likely cause of the fire.",
      ]
    ),
    (
      "/library/reopen", "Riverside library to reopen in September", "2026-06-15T07:00:00Z",
      [
        "The Riverside public library will reopen in September after repairs to fire and smoke damage, the city said on Monday.",
        "Until then a mobile library will visit the town square on weekdays.",
        "The city will replace the library's basement wiring, blamed for last week's fire.",
      ]
    ),
  ]

  /// Feed `k` (0…5) lists articles k, k+3 and k+6 (mod 9): every article is in two feeds and
  /// every feed mixes the three stories.
  static let feedCount = 6
  static func feedPath(_ k: Int) -> String { "/feeds/\(k).xml" }
  static func feedArticles(_ k: Int) -> [Int] { [k, k + 3, k + 6].map { $0 % 9 } }

  static func page(_ title: String, _ date: String, _ paragraphs: [String]) -> StaticSite.Document {
    StaticSite.Document(
      "text/html; charset=utf-8",
      """
      <!DOCTYPE html><html lang="en"><head><title>\(title)</title>
      <meta property="og:site_name" content="County Courier">
      <meta property="article:published_time" content="\(date)"></head>
      <body><article><h1>\(title)</h1>\(paragraphs.map { "<p>\($0)</p>" }.joined())</article></body></html>
      """)
  }

  static func feed(_ k: Int, articles indexes: [Int]) -> StaticSite.Document {
    let items = indexes.map { i in
      let article = articles[i]
      let date = ISO8601DateFormatter().date(from: article.date)!
      let formatter = DateFormatter()
      formatter.locale = Locale(identifier: "en_US_POSIX")
      formatter.timeZone = TimeZone(identifier: "GMT")
      formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
      return """
        <item><title>\(article.title)</title><link>{base}\(article.path)</link>
        <pubDate>\(formatter.string(from: date))</pubDate></item>
        """
    }
    return StaticSite.Document(
      "application/rss+xml",
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <rss version="2.0"><channel><title>County Courier \(k)</title><link>{base}/</link>
      \(items.joined(separator: "\n"))
      </channel></rss>
      """)
  }

  static var site: [String: StaticSite.Document] {
    var site: [String: StaticSite.Document] = [:]
    for article in articles {
      site[article.path] = page(article.title, article.date, article.paragraphs)
    }
    for k in 0..<feedCount { site[feedPath(k)] = feed(k, articles: feedArticles(k)) }
    return site
  }

  // MARK: - Several watchers at once

  @Test func threeWatchersShareSixFeedsInASQLiteFile() async throws {
    let database = try TestDatabase.sqlite()
    defer { database.tearDown() }
    try await threeWatchersShareSixFeeds(database)
  }

  @Test(.enabled(if: TestDatabase.postgresURL != nil, TestDatabase.postgresSkipReason))
  func threeWatchersShareSixFeedsInPostgreSQL() async throws {
    let database = try TestDatabase.postgres()
    defer { database.tearDown() }
    try await threeWatchersShareSixFeeds(database)
  }

  func threeWatchersShareSixFeeds(_ database: TestDatabase) async throws {
    let server = try await StaticSite.start(Self.site)
    defer { Task { await server.stop() } }
    let feeds = (0..<Self.feedCount).map { server.url(Self.feedPath($0)) }
    let watch =
      ["watch", "--once", "--delay", "0", "--lease", "1m", "--db", database.argument, "--feeds"]
      + feeds

    let runs = try await DistillBinary.runAtOnce(Array(repeating: watch, count: 3))
    for run in runs {
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.stdout.hasPrefix("poll 1: "), "\(run.stdout)")
    }
    // Each feed polled by exactly one watcher; each article fetched by one or both of the
    // watchers that polled its two feeds, and stored once.
    for k in 0..<Self.feedCount {
      #expect(server.requests(Self.feedPath(k)) == 1, "\(Self.feedPath(k))")
    }
    for article in Self.articles {
      #expect((1...2).contains(server.requests(article.path)), "\(article.path)")
    }
    let store = try database.open()
    let stored = try store.allArticles()
    #expect(stored.count == Self.articles.count)
    for article in Self.articles {
      #expect(try store.versions(ofArticle: server.url(article.path)).count == 1, "\(article.path)")
    }
    // However the watchers' filings interleaved, each story's articles are in one story, every
    // story is briefed from all of its articles, and nothing is left to file or brief.
    #expect(try store.unfiledArticles().isEmpty)
    #expect(try store.storiesNeedingBrief().isEmpty)
    var topicOf: [String: Int] = [:]
    for article in stored {
      let index = Self.articles.firstIndex { server.url($0.path) == article.metadata.url }
      topicOf[article.id] = index.map { $0 / 3 }
    }
    let stories = try store.stories(updatedSince: .distantPast).filter { !$0.articleIDs.isEmpty }
    #expect(
      Set(stories.map { Set($0.articleIDs.map { topicOf[$0] ?? -1 }) }) == [[0], [1], [2]],
      "\(stories.map(\.articleIDs))")
    #expect(stories.count == 3)
    for story in stories {
      let brief = try #require(try store.latestBrief(forStory: story.id))
      #expect(brief.brief.sources.count == story.articleIDs.count, "\(story.id)")
    }

    // Between them the watchers reported every article as new once, and polled six feeds.
    let added = runs.compactMap { Self.count("new", in: $0.stdout) }.reduce(0, +)
    #expect(added == Self.articles.count)
    let polled = runs.map { Self.feedsPolled(in: $0.stderr) }
    #expect(polled.reduce(0, +) == Self.feedCount, "feeds per watcher: \(polled)")
    print("three watchers on \(database.backend): feeds polled per watcher \(polled)")

    // Started again at once, the watchers find every feed polled and fetch nothing.
    let again = try await DistillBinary.runAtOnce(Array(repeating: watch, count: 3))
    for run in again {
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.stdout == "poll 1: 0 new, 0 updated, 0 skipped; stories changed: none\n")
    }
    for k in 0..<Self.feedCount { #expect(server.requests(Self.feedPath(k)) == 1) }
  }

  /// The feeds a watcher's log says it polled, over all its rounds ("feeds=2 … round done").
  static func feedsPolled(in stderr: String) -> Int {
    stderr.split(separator: "\n").filter { $0.hasSuffix("round done") }.compactMap { line in
      line.split(separator: " ").first { $0.hasPrefix("feeds=") }.flatMap { Int($0.dropFirst(6)) }
    }.reduce(0, +)
  }

  /// Waits until `done()` holds or `seconds` have passed, blocking the thread on purpose: after
  /// a `Task.sleep`, a cooperative pool kept busy by other tests may resume a test only after
  /// the watcher it watches has given up waiting for the server (its read timeout).
  static func block(atMost seconds: Double, until done: () -> Bool) {
    let deadline = Date().addingTimeInterval(seconds)
    while !done(), Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
  }

  /// The number before `word` in a poll line ("poll 1: 3 new, …").
  static func count(_ word: String, in stdout: String) -> Int? {
    guard let range = stdout.range(of: " \(word),") else { return nil }
    let digits = stdout[..<range.lowerBound].reversed().prefix { $0.isNumber }
    return Int(String(digits.reversed()))
  }

  // MARK: - A watcher that stops

  @Test func aWatcherStoppedBySIGTERMReleasesTheFeedItWasPolling() async throws {
    let database = try TestDatabase.sqlite()
    defer { database.tearDown() }
    let hanging = Self.feedPath(0)
    let server = try await StaticSite.start(Self.site, hangingOnce: [hanging])
    defer { Task { await server.stop() } }
    // A lease far longer than the test: only a release can free the feed in time.
    let watch = [
      "watch", "--once", "--delay", "0", "--lease", "1h", "--db", database.argument, "--feeds",
      server.url(hanging),
    ]
    let stopping = Process()
    let binary = try #require(DistillBinary.url)
    stopping.executableURL = binary
    stopping.arguments = watch
    let err = Pipe()
    stopping.standardOutput = FileHandle.nullDevice
    stopping.standardError = err
    try stopping.run()
    Self.block(atMost: 60) { server.requests(hanging) > 0 || !stopping.isRunning }
    #expect(server.requests(hanging) == 1)
    kill(stopping.processIdentifier, SIGTERM)
    Self.block(atMost: 10) { !stopping.isRunning }
    let stopped = !stopping.isRunning
    if !stopped { stopping.terminate() }
    stopping.waitUntilExit()
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(stopped, "the watcher was still running 10 s after SIGTERM")
    #expect(stopping.terminationStatus == 0, "\(stderr)")
    #expect(try database.open().allArticles().isEmpty)

    // The feed is free at once: the next watcher polls it.
    let next = try DistillBinary.run(watch)
    #expect(next.status == 0, "\(next.stderr)")
    #expect(next.stdout.hasPrefix("poll 1: 3 new"), "\(next.stdout)")
    #expect(server.requests(hanging) == 2)
  }

  // MARK: - A watcher that dies

  @Test func aKilledWatchersFeedIsTakenOverWhenItsLeaseRunsOutInSQLite() async throws {
    let database = try TestDatabase.sqlite()
    defer { database.tearDown() }
    try await aKilledWatchersFeedIsTakenOver(database)
  }

  @Test(.enabled(if: TestDatabase.postgresURL != nil, TestDatabase.postgresSkipReason))
  func aKilledWatchersFeedIsTakenOverWhenItsLeaseRunsOutInPostgreSQL() async throws {
    let database = try TestDatabase.postgres()
    defer { database.tearDown() }
    try await aKilledWatchersFeedIsTakenOver(database)
  }

  func aKilledWatchersFeedIsTakenOver(_ database: TestDatabase) async throws {
    // The first request for feed 0 is never answered: its watcher hangs inside its lease.
    let hanging = Self.feedPath(0)
    let server = try await StaticSite.start(Self.site, hangingOnce: [hanging])
    defer { Task { await server.stop() } }
    let feeds = [server.url(hanging), server.url(Self.feedPath(1))]
    let lease = 6.0
    let watch =
      ["watch", "--once", "--delay", "0", "--lease", "\(Int(lease))s", "--db", database.argument]
      + ["--feeds"] + feeds

    let doomed = Process()
    let binary = try #require(DistillBinary.url)
    doomed.executableURL = binary
    doomed.arguments = watch
    doomed.standardOutput = FileHandle.nullDevice
    doomed.standardError = FileHandle.nullDevice
    try doomed.run()
    // Both feeds were registered together; the first listed is claimed first.
    // The kill must come while the watcher still waits for the feed.
    Self.block(atMost: 60) { server.requests(hanging) > 0 || !doomed.isRunning }
    let claimedBy = Date()
    kill(doomed.processIdentifier, SIGKILL)
    doomed.waitUntilExit()
    #expect(doomed.terminationReason == .uncaughtSignal)
    #expect(server.requests(hanging) == 1)

    // While the dead watcher's lease lasts, another watcher polls only the other feed.
    let meanwhile = try DistillBinary.run(watch)
    #expect(Date() < claimedBy.addingTimeInterval(lease), "the lease ran out too early to tell")
    #expect(meanwhile.status == 0, "\(meanwhile.stderr)")
    #expect(meanwhile.stdout.hasPrefix("poll 1: 3 new"), "\(meanwhile.stdout)")
    #expect(server.requests(hanging) == 1)
    #expect(server.requests(Self.feedPath(1)) == 1)

    // Once it has run out, the next watcher takes the feed over and completes it.
    Self.block(atMost: lease + 1) { Date() > claimedBy.addingTimeInterval(lease + 0.2) }
    let successor = try DistillBinary.run(watch)
    #expect(successor.status == 0, "\(successor.stderr)")
    #expect(successor.stdout.hasPrefix("poll 1: 3 new"), "\(successor.stdout)")
    #expect(server.requests(hanging) == 2)
    #expect(server.requests(Self.feedPath(1)) == 1)
    let store = try database.open()
    #expect(try store.allArticles().count == 6)
  }
}

/// The database the watchers share: a SQLite file, or a schema of its own on the PostgreSQL
/// server named by `DISTILL_TEST_POSTGRES_URL`.
struct TestDatabase {
  static let postgresURL = ProcessInfo.processInfo.environment["DISTILL_TEST_POSTGRES_URL"]
    .flatMap { $0.isEmpty ? nil : $0 }
  static let postgresSkipReason: Comment =
    "DISTILL_TEST_POSTGRES_URL is not set (postgres://user:pass@127.0.0.1:port/db); .ci/run sets it"

  /// What `--db` is given.
  let argument: String
  var backend: String { schema == nil ? "SQLite" : "PostgreSQL" }
  private let folder: TemporaryDirectory?
  private let schema: String?

  static func sqlite() throws -> TestDatabase {
    let folder = try TemporaryDirectory()
    return TestDatabase(
      argument: folder.url.appendingPathComponent("watch.sqlite").path, folder: folder,
      schema: nil)
  }

  static func postgres() throws -> TestDatabase {
    let base = try #require(postgresURL)
    let schema = "distill_watch_" + UUID().uuidString.lowercased().filter { $0 != "-" }
    let separator = base.contains("?") ? "&" : "?"
    return TestDatabase(
      argument: "\(base)\(separator)schema=\(schema)", folder: nil, schema: schema)
  }

  func open() throws -> any ArticleStore {
    schema == nil ? try SQLiteStore(path: argument) : try PostgresStore.open(url: argument)
  }

  func tearDown() {
    guard let schema, let store = try? PostgresStore.open(url: argument) else { return }
    try? store.execute("DROP SCHEMA IF EXISTS \(schema) CASCADE")
    store.close()
  }
}
