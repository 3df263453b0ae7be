import DistillModel
import DistillTestSupport
import Foundation
import Testing

@testable import DistillStore

/// `distill ingest` killed with SIGKILL at several moments, then run again: nothing is lost,
/// nothing is stored twice, every article ends up in one story, and every story is briefed
/// from all its articles.
@Suite struct CrashRecoveryTests {
  /// Six unrelated stories of eight articles each, as plain-text files. Each story has words
  /// of its own; each article draws its sentences from them in its own way, so articles of
  /// one story are alike but none is a near-copy of another.
  static func writeCorpus(in dir: TemporaryDirectory) throws -> (
    folder: String, gold: [String: Int]
  ) {
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
    let folder = dir.url.appendingPathComponent("articles")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    var gold: [String: Int] = [:]
    var seed: UInt64 = 7
    func pick(_ words: [String]) -> String {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return words[Int((seed >> 33) % UInt64(words.count))]
    }
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
        let text = """
          \(story.place) \(w[j % 12]) and \(w[(j + 5) % 12])

          Published March \(2 + j + k), 2026

          \(paragraphs.joined(separator: "\n\n"))
          """
        let name = "\(story.place.lowercased())-\(j + 1).txt"
        _ = try dir.write("articles/\(name)", text)
        gold[name] = k
      }
    }
    return (folder.path, gold)
  }

  /// What the database holds, checked for consistency after recovery.
  static func checkRecovered(_ store: any ArticleStore, gold: [String: Int]) throws {
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
    for article in articles {
      topic[article.id] = gold[URL(fileURLWithPath: article.source.location).lastPathComponent]
    }
    let found = Set(stories.map { story in Set(story.articleIDs.map { topic[$0] ?? -1 }) })
    #expect(found == Set((0..<6).map { Set([$0]) }), "\(found)")
    #expect(stories.count == 6)
  }

  /// Whether the database shows work left undone (a kill landed mid-ingest).
  static func interrupted(_ store: any ArticleStore, expected: Int) throws -> Bool {
    try store.allArticles().count < expected || !store.unfiledArticles().isEmpty
      || !store.storiesNeedingBrief().isEmpty
  }

  static func killAndRecover(db: String, open: () throws -> any ArticleStore) throws {
    let dir = try TemporaryDirectory()
    let (folder, gold) = try writeCorpus(in: dir)
    var cutShort = 0
    for delay in [0.3, 0.6, 0.75, 0.9, 1.05, 1.2, 1.5] {
      let run = try DistillBinary.launch(["ingest", "--db", db, folder])
      Thread.sleep(forTimeInterval: delay)
      run.kill()
      if try interrupted(try open(), expected: gold.count) { cutShort += 1 }
    }
    // A kill that never landed mid-ingest would prove nothing.
    #expect(cutShort > 0, "every kill came after the ingest had finished")
    let last = try DistillBinary.run(["ingest", "--db", db, folder])
    #expect(last.status == 0, "\(last.stderr)")
    try checkRecovered(try open(), gold: gold)
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
