import DistillModel
import DistillTestSupport
import Foundation
import Testing

@testable import DistillStore

/// `distill ingest` killed with SIGKILL at several moments (timed by the work the database
/// shows done: while storing, filing and briefing), then run again: nothing is lost,
/// nothing is stored twice, every article ends up in one story, and every story is briefed
/// from all its articles.
@Suite struct CrashRecoveryTests {
  /// One article of the test corpus.
  struct CorpusArticle {
    /// A file name, also the last part of its web path.
    var name: String
    var title: String
    /// Its day of March 2026.
    var day: Int
    var paragraphs: [String]
    /// Which of the six stories it belongs to.
    var topic: Int
  }

  /// Six unrelated stories of eight articles each. Each story has words of its own; each
  /// article draws its sentences from them in its own way, so articles of one story are alike
  /// but none is a near-copy of another.
  static let corpus: [CorpusArticle] = {
    let stories: [(place: String, words: [String])] = [
      (
        "Harwick",
        "bridge girders engineers collapse river traffic inspectors cables barges detour pylons welders"
      ),
      (
        "Lindqvist",
        "election ballots candidates recount voters mayor precincts turnout pollsters runoff clerks campaign"
      ),
      (
        "Marrowby",
        "wildfire firefighters acres evacuation smoke containment embers ridge helicopters hotspots rangers drought"
      ),
      (
        "Osterfield",
        "vaccine clinic doses measles outbreak nurses pediatricians infections quarantine schools rash immunity"
      ),
      (
        "Quellport",
        "tanker spill coastline cleanup seabirds crude booms skimmers beaches salvage hull refinery"
      ),
      (
        "Varnholt",
        "miners tunnel rescue shaft trapped drilling colliery methane capsule geologists rubble pumps"
      ),
    ].map { ($0.0, $0.1.split(separator: " ").map(String.init)) }
    var seed: UInt64 = 7
    func pick(_ words: [String]) -> String {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return words[Int((seed >> 33) % UInt64(words.count))]
    }
    var corpus: [CorpusArticle] = []
    for (k, story) in stories.enumerated() {
      let w = story.words
      for j in 0..<8 {
        var paragraphs: [String] = []
        for n in 0..<5 {
          // Only stopwords glue the story's words, so nothing but the story is shared.
          paragraphs.append(
            "The \(pick(w)) and the \(pick(w)) of \(story.place) were with the \(pick(w)) "
              + "\(pick(w)) after the \(pick(w)), and the \(pick(w)) was at the \(pick(w)). "
              + "In \(story.place), the \(pick(w)) \(pick(w)) was \(j * 5 + n + 1) from the "
              + "\(pick(w)) and the \(pick(w)).")
        }
        corpus.append(
          CorpusArticle(
            name: "\(story.place.lowercased())-\(j + 1)",
            title: "\(story.place) \(w[j % 12]) and \(w[(j + 5) % 12])", day: 2 + j + k,
            paragraphs: paragraphs, topic: k))
      }
    }
    return corpus
  }()

  /// The corpus as plain-text files in a folder; gold maps each file name to its story.
  static func writeCorpus(in dir: TemporaryDirectory) throws -> (
    folder: String, gold: [String: Int]
  ) {
    let folder = dir.url.appendingPathComponent("articles")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    var gold: [String: Int] = [:]
    for article in corpus {
      let text = """
        \(article.title)

        Published March \(article.day), 2026

        \(article.paragraphs.joined(separator: "\n\n"))
        """
      _ = try dir.write("articles/\(article.name).txt", text)
      gold[article.name] = article.topic
    }
    return (folder.path, gold)
  }

  /// What the database holds, checked for consistency after recovery: `topic` names the
  /// story an article was written for.
  static func checkRecovered(
    _ store: any ArticleStore, gold: [String: Int], topic topicOf: (Article) -> Int?
  ) throws {
    let articles = try store.allArticles()
    #expect(articles.count == gold.count)
    #expect(Set(articles.map(\.id)).count == gold.count)
    for article in articles {
      #expect(try store.versions(ofArticle: article.id).count == 1, "\(article.id)")
    }
    #expect(try store.unfiledArticles().isEmpty)
    #expect(try store.storiesNeedingBrief().isEmpty)
    let stories = try store.stories(updatedSince: .distantPast).filter { !$0.articleIDs.isEmpty }
    let filed = stories.flatMap(\.articleIDs)
    #expect(filed.count == gold.count)
    #expect(Set(filed).count == gold.count)
    for story in stories {
      let brief = try #require(try store.latestBrief(forStory: story.id), "\(story.id)")
      #expect(brief.brief.sources.count == story.articleIDs.count, "\(story.id)")
    }
    // The stories are the six the corpus was written as, however often filing was cut short.
    var topic: [String: Int] = [:]
    for article in articles { topic[article.id] = topicOf(article) }
    let found = Set(stories.map { story in Set(story.articleIDs.map { topic[$0] ?? -1 }) })
    #expect(found == Set((0..<6).map { Set([$0]) }), "\(found)")
    #expect(stories.count == 6)
  }

  /// Whether the database shows work left undone (a kill landed mid-ingest).
  static func interrupted(_ store: any ArticleStore, expected: Int) throws -> Bool {
    try store.allArticles().count < expected || !store.unfiledArticles().isEmpty
      || !store.storiesNeedingBrief().isEmpty
  }

  /// Work the database shows done: articles stored, articles filed, stories briefed. It only
  /// grows, so a kill can be timed to land after a given amount of new work.
  static func progress(_ store: any ArticleStore) throws -> Int {
    let stories = try store.stories(updatedSince: .distantPast)
    let briefed = try stories.filter { try store.latestBrief(forStory: $0.id) != nil }.count
    return try store.allArticles().count + stories.map(\.articleIDs.count).reduce(0, +) + briefed
  }

  /// Blocks until the database shows `delta` more work done than `start`, the process has
  /// ended, or 20 s have passed; then kills the process with SIGKILL.
  static func kill(
    _ run: RunningDistill, after delta: Int, from start: Int, in store: any ArticleStore
  ) throws {
    let deadline = Date().addingTimeInterval(20)
    while run.process.isRunning, Date() < deadline, try progress(store) < start + delta {
      Thread.sleep(forTimeInterval: 0.005)
    }
    run.kill()
  }

  /// The amounts of new work after which the successive runs are killed: early and late in
  /// storing (48 articles), in filing (48 more), in briefing (6 stories).
  static let killPoints = [1, 20, 45, 15, 2]

  static func killAndRecover(db: String, open: () throws -> any ArticleStore) throws {
    let dir = try TemporaryDirectory()
    let (folder, gold) = try writeCorpus(in: dir)
    let store = try open()
    var cutShort = 0
    for delta in killPoints {
      let start = try progress(store)
      let run = try DistillBinary.launch(["ingest", "--db", db, folder])
      try kill(run, after: delta, from: start, in: store)
      if try interrupted(store, expected: gold.count) { cutShort += 1 }
    }
    // A kill that never landed mid-ingest would prove nothing.
    #expect(cutShort > 0, "every kill came after the ingest had finished")
    print("ingest: \(cutShort) of \(killPoints.count) kills left work undone")
    let last = try DistillBinary.run(["ingest", "--db", db, folder])
    #expect(last.status == 0, "\(last.stderr)")
    try checkRecovered(try open(), gold: gold) { article in
      gold[URL(fileURLWithPath: article.source.location).deletingPathExtension().lastPathComponent]
    }
    // A further run finds nothing to do.
    let again = try DistillBinary.run(["ingest", "--db", db, folder])
    #expect(again.stdout.hasPrefix("stored 0 new, 0 updated, \(gold.count) unchanged;"))
    #expect(again.stdout.hasSuffix("0 briefs written\n"), "\(again.stdout)")
  }

  @Test func ingestKilledMidwayIsCompletedByTheNextRunSQLite() throws {
    let dir = try TemporaryDirectory()
    let db = dir.url.appendingPathComponent("desk.sqlite").path
    try Self.killAndRecover(db: db) { try SQLiteStore(path: db) }
  }

  @Test(
    .enabled(
      if: ProcessInfo.processInfo.environment["DISTILL_TEST_POSTGRES_URL"] != nil,
      "DISTILL_TEST_POSTGRES_URL is not set; .ci/run sets it"))
  func ingestKilledMidwayIsCompletedByTheNextRunPostgreSQL() throws {
    let base = try #require(ProcessInfo.processInfo.environment["DISTILL_TEST_POSTGRES_URL"])
    let schema = "distill_crash_" + UUID().uuidString.lowercased().filter { $0 != "-" }
    let db = base + (base.contains("?") ? "&" : "?") + "schema=\(schema)"
    let opened = StoreBox()
    defer { opened.closeAll(dropping: schema) }
    try Self.killAndRecover(db: db) { try opened.open(db) }
  }
}

/// PostgreSQL stores opened by a test, closed (and their schema dropped) at its end.
final class StoreBox: @unchecked Sendable {
  // @unchecked: `stores` is only touched under `lock`.
  private let lock = NSLock()
  private var stores: [PostgresStore] = []

  func open(_ url: String) throws -> any ArticleStore {
    let store = try PostgresStore.open(url: url)
    lock.withLock { stores.append(store) }
    return store
  }

  func closeAll(dropping schema: String) {
    let all = lock.withLock { stores }
    try? all.first?.execute("DROP SCHEMA IF EXISTS \(schema) CASCADE")
    for store in all { store.close() }
  }
}
