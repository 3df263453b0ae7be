import DistillModel
import DistillStore
import DistillTestSupport
import Foundation
import Testing

/// Each test opens a fresh database file in its own temporary folder.
struct TemporaryStore {
  let folder: URL
  let store: SQLiteStore
  let path: String

  init(now: String = "2024-09-01") throws {
    folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("distill-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    path = folder.appendingPathComponent("distill.sqlite").path
    store = try SQLiteStore(path: path, clock: FixedClock(Fixtures.date(now)))
  }

  func remove() { try? FileManager.default.removeItem(at: folder) }
}

@Suite struct SQLiteStoreTests {
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

  @Test func afterCloseTheDatabaseFileAloneHoldsEveryWrite() throws {
    let t = try TemporaryStore()
    defer { t.remove() }
    _ = try t.store.saveArticle(Self.article("a1"), inStory: "s-1")
    // A read opens a reader connection; readers close last and cannot empty the log.
    #expect(try t.store.article(id: "a1") != nil)
    t.store.close()
    // Copied without its -wal and -shm files, as a backup of "the database" often is.
    let copy = t.folder.appendingPathComponent("copy.sqlite").path
    try FileManager.default.copyItem(atPath: t.path, toPath: copy)
    let reopened = try SQLiteStore(path: copy)
    defer { reopened.close() }
    #expect(try reopened.article(id: "a1")?.title == "Harbor reopens")
    #expect(try reopened.articles(inStory: "s-1").map(\.id) == ["a1"])
  }

  @Test func migrationsAreNamedAndOrdered() throws {
    let t = try TemporaryStore()
    defer { t.remove() }
    #expect(
      try t.store.appliedMigrations() == [
        "1 articles", "2 stories", "3 briefs", "4 filing", "5 feeds", "6 clusters",
      ])
    // Reopening an up-to-date database applies nothing twice and keeps the data.
    _ = try t.store.saveArticle(Self.article("a1"))
    let reopened = try SQLiteStore(path: t.path)
    #expect(try reopened.article(id: "a1")?.title == "Harbor reopens")
  }

  @Test func theSameArticleTwiceIsStoredOnce() throws {
    let t = try TemporaryStore()
    defer { t.remove() }
    let first = try t.store.saveArticle(Self.article("a1", url: "https://ledger.example/harbor"))
    let again = try t.store.saveArticle(Self.article("a1", url: "https://ledger.example/harbor"))
    #expect(first.status == .inserted)
    #expect(again.status == .unchanged)
    #expect(again.key == first.key)
    #expect(try t.store.versions(ofArticle: "https://ledger.example/harbor").count == 1)
  }

  @Test func trackingParametersAndWhitespaceDoNotMakeANewArticle() throws {
    let t = try TemporaryStore()
    defer { t.remove() }
    _ = try t.store.saveArticle(Self.article("a1", url: "https://Ledger.example/harbor/"))
    let copy = try t.store.saveArticle(
      Self.article(
        "a1-copy", url: "https://ledger.example/harbor?utm_source=feed#comments",
        text: "The harbor  reopened\non Thursday."))
    #expect(copy.status == .unchanged)
  }

  @Test func anUpdatedArticleIsANewVersion() throws {
    let t = try TemporaryStore()
    defer { t.remove() }
    let url = "https://ledger.example/harbor"
    _ = try t.store.saveArticle(Self.article("a1", url: url), inStory: "s-a1")
    let update = try t.store.saveArticle(
      Self.article("a1", url: url, text: "The harbor reopened on Thursday after two days."))
    #expect(update.status == .updated)
    #expect(update.version == 2)
    let versions = try t.store.versions(ofArticle: url)
    #expect(
      versions.map(\.text) == [
        "The harbor reopened on Thursday.", "The harbor reopened on Thursday after two days.",
      ])
    #expect(
      try t.store.article(id: "a1")?.text == "The harbor reopened on Thursday after two days.")
    // The new version stays in its story, once.
    #expect(
      try t.store.articles(inStory: "s-a1").map(\.text) == [
        "The harbor reopened on Thursday after two days."
      ])
  }

  @Test func storiesUpdatedSinceADate() throws {
    let early = try TemporaryStore(now: "2024-09-01")
    defer { early.remove() }
    _ = try early.store.saveArticle(Self.article("a1"), inStory: "s-a1")
    let later = try SQLiteStore(path: early.path, clock: FixedClock(Fixtures.date("2024-09-05")))
    _ = try later.saveArticle(Self.article("b1", text: "Council votes on library hours."))
    try later.assign(article: "b1", toStory: "s-b1")

    let recent = try later.stories(updatedSince: Fixtures.date("2024-09-03"))
    #expect(recent.map(\.id) == ["s-b1"])
    let all = try later.stories(updatedSince: Fixtures.date("2024-01-01"))
    #expect(all.map(\.id) == ["s-b1", "s-a1"])
    #expect(all[1].articleIDs == ["a1"])
    #expect(all[1].createdAt == Fixtures.date("2024-09-01"))
  }

  @Test func reassigningMovesAnArticleBetweenStories() throws {
    let t = try TemporaryStore()
    defer { t.remove() }
    _ = try t.store.saveArticle(Self.article("a1"), inStory: "s-x")
    try t.store.assign(article: "a1", toStory: "s-y")
    #expect(try t.store.articles(inStory: "s-x").isEmpty)
    #expect(try t.store.articles(inStory: "s-y").map(\.id) == ["a1"])
  }

  @Test func assigningAnUnknownArticleSaysSo() throws {
    let t = try TemporaryStore()
    defer { t.remove() }
    #expect(throws: StoreError.unknownArticle("nope")) {
      try t.store.assign(article: "nope", toStory: "s-1")
    }
  }

  @Test func aFailedIngestLeavesNoHalfWrittenArticle() throws {
    let t = try TemporaryStore()
    defer { t.remove() }
    // The article row is written first, then the story step fails: both roll back.
    #expect(throws: StoreError.invalid("a story needs an id")) {
      try t.store.saveArticle(Self.article("a1"), inStory: "")
    }
    #expect(try t.store.article(id: "a1") == nil)
    #expect(try t.store.search("harbor", limit: 10).isEmpty)
    // And the same article then saves as new.
    #expect(try t.store.saveArticle(Self.article("a1")).status == .inserted)
  }

  @Test func briefsAreVersionedPerStory() throws {
    let t = try TemporaryStore()
    defer { t.remove() }
    _ = try t.store.saveArticle(Self.article("a1"), inStory: "s-a1")
    let brief = Brief(
      headline: "Harbor reopens after grounding", dateline: nil,
      lede: [BriefSentence(text: "The harbor reopened on Thursday.", citations: [])],
      sections: [], sources: [], notice: "", generatedAt: Fixtures.date("2024-09-01"))
    #expect(try t.store.saveBrief(brief, forStory: "s-a1") == 1)
    var second = brief
    second.headline = "Harbor reopens; inquiry ordered"
    #expect(try t.store.saveBrief(second, forStory: "s-a1") == 2)
    let latest = try #require(try t.store.latestBrief(forStory: "s-a1"))
    #expect(latest.version == 2)
    #expect(latest.brief == second)
    #expect(throws: StoreError.self) { try t.store.saveBrief(brief, forStory: "s-missing") }
  }

  @Test func fullTextSearchFindsArticlesAndBriefs() throws {
    let t = try TemporaryStore()
    defer { t.remove() }
    _ = try t.store.saveArticle(
      Self.article("a1", text: "Salvage crews pumped water from the grounded barge."),
      inStory: "s-a1")
    _ = try t.store.saveArticle(
      Self.article("b1", text: "The council extended library hours.", title: "Library hours"))
    let brief = Brief(
      headline: "Barge refloated", dateline: nil,
      lede: [BriefSentence(text: "Salvage crews refloated the barge on Friday.", citations: [])],
      sections: [], sources: [], notice: "", generatedAt: Fixtures.date("2024-09-01"))
    try t.store.saveBrief(brief, forStory: "s-a1")

    let hits = try t.store.search("barge salvage", limit: 10)
    #expect(Set(hits.map(\.kind)) == [.article, .brief])
    #expect(Set(hits.map(\.id)) == ["a1", "s-a1"])
    #expect(hits.contains { $0.snippet.contains("[barge]") })
    // Porter stemming: "pumping" finds "pumped". Query syntax is never interpreted.
    #expect(try t.store.search("pumping", limit: 10).map(\.id) == ["a1"])
    #expect(try t.store.search("library* \"hours(", limit: 10).map(\.id) == ["b1"])
    #expect(try t.store.search("   ", limit: 10).isEmpty)
  }
}

@Suite struct CanonicalURLTests {
  @Test func normalizesWhatDoesNotNameTheArticle() {
    #expect(
      CanonicalURL.canonical("HTTPS://News.Example.com:443/a/b/?utm_source=x&id=2&fbclid=z#top")
        == "https://news.example.com/a/b?id=2")
    #expect(CanonicalURL.canonical("http://example.com/") == "http://example.com")
    #expect(
      CanonicalURL.canonical("http://example.com/p?b=2&a=1") == "http://example.com/p?a=1&b=2")
  }

  @Test func rejectsWhatIsNotAWebAddress() {
    #expect(CanonicalURL.canonical("file:///tmp/a.html") == nil)
    #expect(CanonicalURL.canonical("not a url") == nil)
  }
}

@Suite struct StoryFilingTests {
  @Test func filingManyArticlesIsOneTransaction() throws {
    let t = try TemporaryStore()
    defer { t.remove() }
    _ = try t.store.saveArticle(SQLiteStoreTests.article("a1"))
    _ = try t.store.saveArticle(
      SQLiteStoreTests.article("b1", text: "Council votes on library hours."))
    try t.store.assign(["a1": "s-a1", "b1": "s-b1"])
    #expect(try t.store.articles(inStory: "s-b1").map(\.id) == ["b1"])
    // One unknown article: nothing of the batch is filed.
    #expect(throws: StoreError.unknownArticle("zz")) {
      try t.store.assign(["a1": "s-other", "zz": "s-other"])
    }
    #expect(try t.store.articles(inStory: "s-other").isEmpty)
    #expect(try t.store.allArticles().map(\.id) == ["a1", "b1"])
  }

  @Test func refilingAnArticleWhereItIsDoesNotTouchTheStory() throws {
    let t = try TemporaryStore(now: "2024-09-01")
    defer { t.remove() }
    _ = try t.store.saveArticle(SQLiteStoreTests.article("a1"), inStory: "s-a1")
    let later = try SQLiteStore(path: t.path, clock: FixedClock(Fixtures.date("2024-09-09")))
    try later.assign(["a1": "s-a1"])
    #expect(try later.stories(updatedSince: Fixtures.date("2024-09-05")).isEmpty)
  }
}
