import DistillModel
import DistillStore
import DistillTestSupport
import Foundation
import Testing

/// A fresh, empty database of one backend, from which any number of stores can be opened.
protocol StoreHarness: Sendable {
  /// Opens a store on this harness' database whose clock reads `now`.
  func open(now: Date) throws -> any ArticleStore
  /// Whether concurrent writers must share one store instead of opening one each.
  var writersShareOneStore: Bool { get }
  /// The migrations the store recorded as applied, in order.
  func appliedMigrations(of store: any ArticleStore) throws -> [String]
  /// Removes the database and closes what the harness opened.
  func tearDown()
}

/// Behaviour every ``ArticleStore`` shares, checked the same way against each backend.
enum StoreCheck: String, CaseIterable, Sendable, CustomTestStringConvertible {
  case migrationsAreNamedAndOrdered
  case theSameArticleTwiceIsStoredOnce
  case trackingParametersAndWhitespaceDoNotMakeANewArticle
  case anUpdatedArticleIsANewVersion
  case storiesUpdatedSinceADate
  case reassigningMovesAnArticleBetweenStories
  case assigningAnUnknownArticleSaysSo
  case batchAssignAndAllArticlesSeeNewestVersions
  case aFailedIngestLeavesNoHalfWrittenArticle
  case briefsAreVersionedPerStory
  case fullTextSearchFindsArticlesAndBriefs
  case concurrentWritersNeitherLoseNorDuplicate
  case filingsAreLoggedAndRevisionsFollowChanges
  case theFilingLockAdmitsOneHolderAtATime
  case clustersAreLoggedApartFromStories

  var testDescription: String { rawValue }
}

enum StoreConformance {
  static let now = Fixtures.date("2024-09-01")

  static func article(
    _ id: String, url: String? = nil, text: String = "The harbor reopened on Thursday.",
    title: String = "Harbor reopens"
  ) -> Article {
    var article = Fixtures.article(
      id: id, title: title, paragraphs: [text], published: Fixtures.date("2024-08-30"),
      outlet: "The Harbor Ledger")
    article.metadata.url = url
    return article
  }

  static func brief(_ headline: String, _ lede: String) -> Brief {
    Brief(
      headline: headline, dateline: nil, lede: [BriefSentence(text: lede, citations: [])],
      sections: [], sources: [], notice: "", generatedAt: now)
  }

  static func run(_ check: StoreCheck, on harness: some StoreHarness) throws {
    switch check {
    case .migrationsAreNamedAndOrdered: try migrationsAreNamedAndOrdered(harness)
    case .theSameArticleTwiceIsStoredOnce: try theSameArticleTwiceIsStoredOnce(harness)
    case .trackingParametersAndWhitespaceDoNotMakeANewArticle:
      try trackingParametersAndWhitespace(harness)
    case .anUpdatedArticleIsANewVersion: try anUpdatedArticleIsANewVersion(harness)
    case .storiesUpdatedSinceADate: try storiesUpdatedSinceADate(harness)
    case .reassigningMovesAnArticleBetweenStories: try reassigning(harness)
    case .assigningAnUnknownArticleSaysSo: try assigningAnUnknownArticle(harness)
    case .batchAssignAndAllArticlesSeeNewestVersions: try batchAssignAndAllArticles(harness)
    case .aFailedIngestLeavesNoHalfWrittenArticle: try aFailedIngestLeavesNothing(harness)
    case .briefsAreVersionedPerStory: try briefsAreVersioned(harness)
    case .fullTextSearchFindsArticlesAndBriefs: try fullTextSearch(harness)
    case .concurrentWritersNeitherLoseNorDuplicate:
      _ = try concurrentWriters(harness, writers: 4)
    case .filingsAreLoggedAndRevisionsFollowChanges: try filingLog(harness)
    case .theFilingLockAdmitsOneHolderAtATime: try filingLock(harness)
    case .clustersAreLoggedApartFromStories: try clustersApartFromStories(harness)
    }
  }

  static func migrationsAreNamedAndOrdered(_ harness: some StoreHarness) throws {
    let store = try harness.open(now: now)
    #expect(
      try harness.appliedMigrations(of: store) == [
        "1 articles", "2 stories", "3 briefs", "4 filing", "5 feeds", "6 clusters",
      ])
    // Reopening an up-to-date database applies nothing twice and keeps the data.
    _ = try store.saveArticle(article("a1"))
    let reopened = try harness.open(now: now)
    #expect(
      try harness.appliedMigrations(of: reopened) == [
        "1 articles", "2 stories", "3 briefs", "4 filing", "5 feeds", "6 clusters",
      ])
    #expect(try reopened.article(id: "a1")?.title == "Harbor reopens")
  }

  static func theSameArticleTwiceIsStoredOnce(_ harness: some StoreHarness) throws {
    let store = try harness.open(now: now)
    let first = try store.saveArticle(article("a1", url: "https://ledger.example/harbor"))
    let again = try store.saveArticle(article("a1", url: "https://ledger.example/harbor"))
    #expect(first.status == .inserted)
    #expect(first.version == 1)
    #expect(again.status == .unchanged)
    #expect(again.key == first.key)
    #expect(try store.versions(ofArticle: "https://ledger.example/harbor").count == 1)
  }

  static func trackingParametersAndWhitespace(_ harness: some StoreHarness) throws {
    let store = try harness.open(now: now)
    _ = try store.saveArticle(article("a1", url: "https://Ledger.example/harbor/"))
    let copy = try store.saveArticle(
      article(
        "a1-copy", url: "https://ledger.example/harbor?utm_source=feed#comments",
        text: "The harbor  reopened\non Thursday."))
    #expect(copy.status == .unchanged)
    #expect(copy.articleID == "a1")
    #expect(try store.article(id: "a1-copy") == nil)
  }

  static func anUpdatedArticleIsANewVersion(_ harness: some StoreHarness) throws {
    let store = try harness.open(now: now)
    let url = "https://ledger.example/harbor"
    _ = try store.saveArticle(article("a1", url: url), inStory: "s-a1")
    let update = try store.saveArticle(
      article("a1", url: url, text: "The harbor reopened on Thursday after two days."))
    #expect(update.status == .updated)
    #expect(update.version == 2)
    #expect(
      try store.versions(ofArticle: url).map(\.text) == [
        "The harbor reopened on Thursday.", "The harbor reopened on Thursday after two days.",
      ])
    #expect(try store.article(id: "a1")?.text == "The harbor reopened on Thursday after two days.")
    // The new version stays in its story, once; search sees only the newest version.
    #expect(
      try store.articles(inStory: "s-a1").map(\.text) == [
        "The harbor reopened on Thursday after two days."
      ])
    #expect(try store.search("harbor", limit: 10).map(\.id) == ["a1"])
    // The first text again is found as version 1: content seen before is never stored twice.
    let back = try store.saveArticle(article("a1", url: url))
    #expect(back.status == .unchanged)
    #expect(back.version == 1)
  }

  static func storiesUpdatedSinceADate(_ harness: some StoreHarness) throws {
    let early = try harness.open(now: Fixtures.date("2024-09-01"))
    _ = try early.saveArticle(article("a1"), inStory: "s-a1")
    let later = try harness.open(now: Fixtures.date("2024-09-05"))
    _ = try later.saveArticle(article("b1", text: "Council votes on library hours."))
    try later.assign(article: "b1", toStory: "s-b1")
    _ = try later.saveArticle(article("c1", text: "A third story, no assignment."))

    #expect(try later.stories(updatedSince: Fixtures.date("2024-09-03")).map(\.id) == ["s-b1"])
    let all = try later.stories(updatedSince: Fixtures.date("2024-01-01"))
    #expect(all.map(\.id) == ["s-b1", "s-a1"])
    #expect(all[1].articleIDs == ["a1"])
    #expect(all[1].createdAt == Fixtures.date("2024-09-01"))
    #expect(all[0].updatedAt == Fixtures.date("2024-09-05"))
    // A later assignment to an old story moves it to the front, keeping its creation date.
    try later.assign(article: "c1", toStory: "s-a1")
    let again = try later.stories(updatedSince: Fixtures.date("2024-09-03"))
    #expect(again.map(\.id) == ["s-a1", "s-b1"])
    #expect(again[0].articleIDs == ["a1", "c1"])
    #expect(again[0].createdAt == Fixtures.date("2024-09-01"))
  }

  static func reassigning(_ harness: some StoreHarness) throws {
    let store = try harness.open(now: now)
    _ = try store.saveArticle(article("a1"), inStory: "s-x")
    try store.assign(article: "a1", toStory: "s-y")
    #expect(try store.articles(inStory: "s-x").isEmpty)
    #expect(try store.articles(inStory: "s-y").map(\.id) == ["a1"])
    #expect(try store.articles(inStory: "s-none").isEmpty)
  }

  static func batchAssignAndAllArticles(_ harness: some StoreHarness) throws {
    let store = try harness.open(now: now)
    _ = try store.saveArticle(article("a1", url: "https://ledger.example/a"))
    _ = try store.saveArticle(article("a2", url: "https://ledger.example/b"))
    let revised = article(
      "a1", url: "https://ledger.example/a", text: "The harbor reopened at noon.")
    #expect(try store.saveArticle(revised).status == .updated)
    // One row per article, its newest version, oldest stored first.
    let all = try store.allArticles()
    #expect(all.map(\.id) == ["a2", "a1"])
    #expect(
      all.map(\.text) == ["The harbor reopened on Thursday.", "The harbor reopened at noon."])
    try store.assign(["a1": "s-1", "a2": "s-2"])
    #expect(try store.articles(inStory: "s-1").map(\.text) == ["The harbor reopened at noon."])
    #expect(try store.articles(inStory: "s-2").map(\.id) == ["a2"])
    // All or none: one unknown id files nothing.
    #expect(throws: StoreError.unknownArticle("nope")) {
      try store.assign(["a2": "s-3", "nope": "s-3"])
    }
    #expect(try store.articles(inStory: "s-3").isEmpty)
    #expect(try store.articles(inStory: "s-2").map(\.id) == ["a2"])
  }

  static func assigningAnUnknownArticle(_ harness: some StoreHarness) throws {
    let store = try harness.open(now: now)
    #expect(throws: StoreError.unknownArticle("nope")) {
      try store.assign(article: "nope", toStory: "s-1")
    }
    #expect(try store.stories(updatedSince: .distantPast).isEmpty)
  }

  static func aFailedIngestLeavesNothing(_ harness: some StoreHarness) throws {
    let store = try harness.open(now: now)
    // The article row is written first, then the story step fails: both roll back.
    #expect(throws: StoreError.invalid("a story needs an id")) {
      try store.saveArticle(article("a1"), inStory: "")
    }
    #expect(try store.article(id: "a1") == nil)
    #expect(try store.search("harbor", limit: 10).isEmpty)
    #expect(throws: StoreError.invalid("an article needs an id")) {
      try store.saveArticle(article(""))
    }
    // And the same article then saves as new.
    #expect(try store.saveArticle(article("a1")).status == .inserted)
  }

  static func briefsAreVersioned(_ harness: some StoreHarness) throws {
    let store = try harness.open(now: now)
    _ = try store.saveArticle(article("a1"), inStory: "s-a1")
    let first = brief("Harbor reopens after grounding", "The harbor reopened on Thursday.")
    #expect(try store.latestBrief(forStory: "s-a1") == nil)
    #expect(try store.saveBrief(first, forStory: "s-a1") == 1)
    var second = first
    second.headline = "Harbor reopens; inquiry ordered"
    #expect(try store.saveBrief(second, forStory: "s-a1") == 2)
    let latest = try #require(try store.latestBrief(forStory: "s-a1"))
    #expect(latest.version == 2)
    #expect(latest.brief == second)
    #expect(latest.createdAt == now)
    #expect(throws: StoreError.self) { try store.saveBrief(first, forStory: "s-missing") }
  }

  static func fullTextSearch(_ harness: some StoreHarness) throws {
    let store = try harness.open(now: now)
    _ = try store.saveArticle(
      article("a1", text: "Salvage crews pumped water from the grounded barge."),
      inStory: "s-a1")
    _ = try store.saveArticle(
      article("b1", text: "The council extended library hours.", title: "Library hours"))
    try store.saveBrief(
      brief("Barge refloated", "Salvage crews refloated the barge on Friday."),
      forStory: "s-a1")

    let hits = try store.search("barge salvage", limit: 10)
    #expect(hits.count == 2)
    #expect(Set(hits.map(\.kind)) == [.article, .brief])
    #expect(Set(hits.map(\.id)) == ["a1", "s-a1"])
    #expect(hits.contains { $0.snippet.contains("[barge]") })
    #expect(hits.first { $0.kind == .brief }?.title == "Barge refloated")
    #expect(try store.search("barge salvage", limit: 1).count == 1)
    // Stemming: "pumping" finds "pumped". Query syntax is never interpreted.
    #expect(try store.search("pumping", limit: 10).map(\.id) == ["a1"])
    #expect(try store.search("library* \"hours(", limit: 10).map(\.id) == ["b1"])
    #expect(try store.search("barge library", limit: 10).isEmpty)
    #expect(try store.search("   ", limit: 10).isEmpty)
    #expect(try store.search("barge", limit: 0).isEmpty)
  }

  static func filingLog(_ harness: some StoreHarness) throws {
    let store = try harness.open(now: now)
    let url = "https://ledger.example/harbor"
    // Stored, not yet filed: what a crash between saving and filing leaves.
    _ = try store.saveArticle(article("a1", url: url))
    _ = try store.saveArticle(article("b1", text: "The ferry resumed service."))
    #expect(try store.unfiledArticles().map(\.id) == ["a1", "b1"])
    #expect(try store.counts() == StoreCounts(articles: 2, stories: 0))
    #expect(try store.filings(after: 0, limit: 10).isEmpty)
    #expect(try store.storiesNeedingBrief().isEmpty)
    #expect(try store.revision(ofStory: "s-1") == 0)

    try store.assign(article: "a1", toStory: "s-1")
    #expect(try store.unfiledArticles().map(\.id) == ["b1"])
    #expect(try store.revision(ofStory: "s-1") == 1)
    #expect(try store.storiesNeedingBrief() == [StoryRevision(storyID: "s-1", revision: 1)])
    #expect(
      try store.saveBrief(brief("Harbor", "The harbor reopened."), forStory: "s-1", revision: 1)
        == 1)
    #expect(try store.storiesNeedingBrief().isEmpty)
    // A second process briefing the same revision finds it done: no new version.
    #expect(
      try store.saveBrief(brief("Harbor", "The harbor reopened."), forStory: "s-1", revision: 1)
        == 1)

    // Every change of a story's articles makes its brief old: a new article, a new version.
    try store.assign(article: "b1", toStory: "s-1")
    #expect(try store.revision(ofStory: "s-1") == 2)
    _ = try store.saveArticle(article("a1", url: url, text: "The harbor reopened at noon."))
    #expect(try store.storiesNeedingBrief() == [StoryRevision(storyID: "s-1", revision: 3)])
    // A brief written from an older revision leaves the story needing one.
    #expect(
      try store.saveBrief(brief("Harbor", "The harbor reopened."), forStory: "s-1", revision: 2)
        == 2)
    #expect(try store.storiesNeedingBrief() == [StoryRevision(storyID: "s-1", revision: 3)])

    // Two versions of a1 count as one article.
    #expect(try store.counts() == StoreCounts(articles: 2, stories: 1))
    // A move changes both stories and is logged; filing where it is logs nothing.
    try store.assign(article: "b1", toStory: "s-2")
    try store.assign(article: "b1", toStory: "s-2")
    #expect(try store.revision(ofStory: "s-1") == 4)
    #expect(try store.revision(ofStory: "s-2") == 1)
    #expect(try store.counts() == StoreCounts(articles: 2, stories: 2))
    let log = try store.filings(after: 0, limit: 10)
    #expect(log.map(\.article.id) == ["a1", "b1", "b1"])
    #expect(log.map(\.storyID) == ["s-1", "s-1", "s-2"])
    #expect(log.map(\.sequence) == log.map(\.sequence).sorted())
    #expect(Set(log.map(\.sequence)).count == 3)
    #expect(try store.filings(after: log[0].sequence, limit: 1) == [log[1]])
    #expect(try store.filings(after: log[2].sequence, limit: 10).isEmpty)
    #expect(
      Set(try store.storiesNeedingBrief()) == [
        StoryRevision(storyID: "s-1", revision: 4), StoryRevision(storyID: "s-2", revision: 1),
      ])
  }

  static func clustersApartFromStories(_ harness: some StoreHarness) throws {
    let store = try harness.open(now: now)
    _ = try store.saveArticle(article("a1", text: "The harbor reopened on Thursday."))
    _ = try store.saveArticle(article("b1", text: "The ferry resumed service."))
    // Filed by the clusterer: each article in its cluster, seen in a story.
    try store.file([
      "a1": Placement(storyID: "s-a", clusterID: "s-a"),
      "b1": Placement(storyID: "s-b", clusterID: "s-b"),
    ])
    #expect(try store.revision(ofStory: "s-a") == 1)
    // The view regroups b1 into s-a: its story changes (both revisions grow), its cluster
    // stays, and the log says so.
    try store.file(["b1": Placement(storyID: "s-a")])
    #expect(try store.articles(inStory: "s-a").map(\.id).sorted() == ["a1", "b1"])
    #expect(try store.revision(ofStory: "s-a") == 2)
    #expect(try store.revision(ofStory: "s-b") == 2)
    var log = try store.filings(after: 0, limit: 10)
    #expect(log.map(\.storyID) == ["s-a", "s-b", "s-a"])
    #expect(log.map(\.clusterID) == ["s-a", "s-b", "s-b"])
    // A change of cluster alone is logged and changes no story; the same placement again
    // changes nothing.
    try store.file(["b1": Placement(storyID: "s-a", clusterID: "s-a")])
    try store.file(["b1": Placement(storyID: "s-a", clusterID: "s-a")])
    #expect(try store.revision(ofStory: "s-a") == 2)
    log = try store.filings(after: 0, limit: 10)
    #expect(log.count == 4)
    #expect(log.last?.clusterID == "s-a" && log.last?.storyID == "s-a")
    // The plain assign files an article in the cluster of its story's id.
    try store.assign(article: "b1", toStory: "s-c")
    #expect(try store.filings(after: log[3].sequence, limit: 10).map(\.clusterID) == ["s-c"])
    #expect(throws: StoreError.self) {
      try store.file(["a1": Placement(storyID: "s-a", clusterID: "")])
    }
    // Nothing to file files nothing; one unknown article files none of the batch.
    let before = try store.filings(after: 0, limit: 100).count
    try store.file([:])
    #expect(throws: StoreError.unknownArticle("nope")) {
      try store.file([
        "a1": Placement(storyID: "s-z", clusterID: "s-z"), "nope": Placement(storyID: "s-z"),
      ])
    }
    #expect(try store.filings(after: 0, limit: 100).count == before)
    #expect(try store.articles(inStory: "s-z").isEmpty)
  }

  static func filingLock(_ harness: some StoreHarness) throws {
    // Two stores on one database, as two processes would have.
    let stores = [try harness.open(now: now), try harness.open(now: now)]
    let log = ResultBox<String>(count: 4)
    let step = Counter()
    _ = try onThreads(2) { holder -> Int in
      try stores[holder].withFilingLock { () throws(StoreError) in
        log.set(step.next(), .success("enter \(holder)"))
        Thread.sleep(forTimeInterval: 0.15)
        log.set(step.next(), .success("exit \(holder)"))
      }
      return holder
    }
    let order = try log.values().map { try $0.get() }
    // Whoever came first left before the other entered.
    #expect(
      order == ["enter 0", "exit 0", "enter 1", "exit 1"]
        || order == ["enter 1", "exit 1", "enter 0", "exit 0"])
    // A body that throws releases the lock.
    #expect(throws: StoreError.invalid("stop")) {
      try stores[0].withFilingLock { () throws(StoreError) in throw StoreError.invalid("stop") }
    }
    #expect(try stores[1].withFilingLock { () throws(StoreError) in 7 } == 7)
  }

  /// What each kind of save returned, summed over all writers.
  struct WriterTally: Equatable {
    var inserted = 0
    var unchanged = 0
    var updated = 0
    var briefVersions: [Int] = []
  }

  /// Several writers, each on its own store (own connections) unless the harness says they
  /// must share one, save overlapping article
  /// sets at once; nothing may be lost or duplicated.
  ///
  /// Each writer saves the same `shared` articles (same content, each into one of five
  /// stories) in its own order, one `live` URL per round with its own text (so the live
  /// articles gain one version per writer), and briefs for one story.
  static func concurrentWriters(_ harness: some StoreHarness, writers: Int) throws -> WriterTally {
    let shared = 30
    let live = 3
    let first = try harness.open(now: now)
    let stores =
      try harness.writersShareOneStore
      ? Array(repeating: first, count: writers)
      : [first] + (1..<writers).map { _ in try harness.open(now: now) }
    let outcomes = try onThreads(writers) { writer -> WriterTally in
      let store = stores[writer]
      var tally = WriterTally()
      func count(_ saved: SavedArticle) {
        switch saved.status {
        case .inserted: tally.inserted += 1
        case .unchanged: tally.unchanged += 1
        case .updated: tally.updated += 1
        }
      }
      for step in 0..<shared {
        let i = (step + writer * 7) % shared
        if step % 10 == 0 {
          let round = step / 10
          count(
            try store.saveArticle(
              article(
                "live-\(round)", url: "https://wire.example/live/\(round)",
                text: "Live report \(round) as filed by desk \(writer)."),
              inStory: "s-live"))
          tally.briefVersions.append(
            try store.saveBrief(
              brief("Round \(round)", "Desk \(writer) update."), forStory: "s-live"))
        }
        count(
          try store.saveArticle(
            article(
              "a\(i)", url: "https://wire.example/story/\(i)?utm_source=w\(writer)",
              text: "Article \(i) reports on the grounded barge."), inStory: "s-\(i % 5)"))
      }
      return tally
    }
    var total = WriterTally()
    for outcome in outcomes {
      total.inserted += outcome.inserted
      total.unchanged += outcome.unchanged
      total.updated += outcome.updated
      total.briefVersions += outcome.briefVersions
    }
    // Every shared article inserted exactly once; every live URL inserted once, then
    // updated by each other writer.
    #expect(total.inserted == shared + live)
    #expect(total.unchanged == shared * (writers - 1))
    #expect(total.updated == live * (writers - 1))
    #expect(total.briefVersions.sorted() == Array(1...(writers * live)))

    let store = try harness.open(now: now)
    for i in 0..<shared {
      #expect(try store.versions(ofArticle: "https://wire.example/story/\(i)").count == 1)
    }
    for round in 0..<live {
      let versions = try store.versions(ofArticle: "https://wire.example/live/\(round)")
      #expect(versions.count == writers)
      #expect(Set(versions.map(\.text)).count == writers)
    }
    let stories = try store.stories(updatedSince: .distantPast)
    #expect(Set(stories.map(\.id)) == Set((0..<5).map { "s-\($0)" } + ["s-live"]))
    #expect(stories.map(\.articleIDs.count).reduce(0, +) == shared + live)
    #expect(Set(stories.flatMap(\.articleIDs)).count == shared + live)
    #expect(try store.articles(inStory: "s-live").count == live)
    #expect(try store.latestBrief(forStory: "s-live")?.version == writers * live)
    return total
  }

  /// Runs `body(0..<count)` on `count` dedicated threads at once and returns the results in
  /// order, rethrowing the first error.
  static func onThreads<T: Sendable>(
    _ count: Int, _ body: @escaping @Sendable (Int) throws -> T
  ) throws -> [T] {
    let results = ResultBox<T>(count: count)
    let done = DispatchGroup()
    let start = DispatchSemaphore(value: 0)
    for index in 0..<count {
      done.enter()
      let thread = Thread {
        start.wait()
        results.set(index, Result { try body(index) })
        done.leave()
      }
      thread.start()
    }
    for _ in 0..<count { start.signal() }
    done.wait()
    return try results.values().map { try $0.get() }
  }
}

/// Numbers handed out in order to several threads.
final class Counter: @unchecked Sendable {
  // @unchecked: `value` is only touched under `lock`.
  private let lock = NSLock()
  private var value = -1

  func next() -> Int {
    lock.withLock {
      value += 1; return value
    }
  }
}

/// Results written by several threads, each into its own slot.
final class ResultBox<T: Sendable>: @unchecked Sendable {
  // @unchecked: `slots` is only touched under `lock`.
  private let lock = NSLock()
  private var slots: [Result<T, any Error>?]

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ result: Result<T, any Error>) { lock.withLock { slots[index] = result } }

  func values() -> [Result<T, any Error>] {
    lock.withLock { slots.map { $0 ?? .failure(StoreError.database("a writer never finished")) } }
  }
}
