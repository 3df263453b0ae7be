import DistillTestSupport
import Foundation
import Testing

/// End to end: `distill ingest`, `distill stories` and `distill search` on one database.
@Suite struct StoreCommandTests {
  @Test func ingestFilesStoriesOnceAndSearchFindsThem() throws {
    let dir = try TemporaryDirectory()
    let a = try dir.write("storm-a.txt", ClusterCommandTests.stormA)
    let b = try dir.write("storm-b.txt", ClusterCommandTests.stormB)
    let c = try dir.write("council.txt", ClusterCommandTests.council)
    let db = dir.url.appendingPathComponent("desk.sqlite").path

    let first = try DistillBinary.run(["ingest", "--db", db, a, c])
    #expect(first.status == 0, "\(first.stderr)")
    let firstLines = first.stdout.split(separator: "\n")
    #expect(firstLines.count == 3, "\(first.stdout)")
    #expect(firstLines.filter { $0.hasPrefix("new story s-") }.count == 2)
    #expect(firstLines.contains { $0.hasSuffix(": Hurricane Delia floods Port Arthur") })
    #expect(
      firstLines.last
        == "stored 2 new, 0 updated, 0 unchanged; 2 articles in 2 stories; 2 briefs written")

    let second = try DistillBinary.run(["ingest", "--db", db, a, b])
    let secondLines = second.stdout.split(separator: "\n")
    // The second storm report joins the storm story the first run started.
    let stormStory = try #require(
      firstLines.first { $0.hasSuffix(": Hurricane Delia floods Port Arthur") }?
        .dropFirst("new story ".count).split(separator: ":").first)
    #expect(secondLines.first == "joined \(stormStory): Port Arthur counts hurricane damage")
    #expect(
      secondLines.last
        == "stored 1 new, 0 updated, 1 unchanged; 3 articles in 2 stories; 1 brief written")

    let stories = try DistillBinary.run(["stories", "--db", db, "--format", "json"])
    #expect(stories.status == 0)
    struct Listing: Decodable {
      var id: String
      var titles: [String]
    }
    let listings = try JSONDecoder().decode([Listing].self, from: Data(stories.stdout.utf8))
    #expect(listings.count == 2)
    let storm = try #require(listings.first { $0.titles.count == 2 })
    #expect(
      Set(storm.titles) == [
        "Hurricane Delia floods Port Arthur", "Port Arthur counts hurricane damage",
      ])

    // The table: a header, then one row per story with its sources, outlets and headline.
    let table = try DistillBinary.run(["stories", "--db", db], environment: ["COLUMNS": "200"])
    #expect(table.status == 0, "\(table.stderr)")
    let lines = table.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 3)
    #expect(lines.first?.hasPrefix("STORY") == true)
    #expect(
      lines.first?.split(separator: " ") == [
        "STORY", "UPDATED", "(UTC)", "FIRST", "SEEN", "(UTC)", "SOURCES", "OUTLETS", "HEADLINE",
      ], "\(lines)")
    let stormRow = try #require(lines.first { $0.hasPrefix(storm.id) })
    #expect(stormRow.contains("  2  "), "\(stormRow)")
    // Every story was updated just now, so a day's window lists both and a date far ahead none.
    let recent = try DistillBinary.run(["stories", "--db", db, "--since", "24h"])
    #expect(recent.stdout.split(separator: "\n").count == 3)
    let future = try DistillBinary.run(["stories", "--db", db, "--since", "2999-01-01"])
    #expect(future.stdout == "no stories\n")

    let search = try DistillBinary.run(["search", "--db", db, "library", "parking"])
    #expect(search.status == 0)
    // Ingest briefs every story, so the story's brief matches as well as the article.
    #expect(search.stdout.split(separator: "\n").contains { $0.hasPrefix("article ") })
    #expect(search.stdout.split(separator: "\n").contains { $0.hasPrefix("brief s-") })
    #expect(search.stdout.contains(": Council extends library hours\n"))
    #expect(search.stdout.contains("public [libraries] open"))

    let nothing = try DistillBinary.run(["search", "--db", db, "volcano"])
    #expect(nothing.stdout == "no matches\n")
  }

  @Test func ingestReadsPagesAndFeedsFromTheWeb() async throws {
    let server = try await StaticSite.start(WatchCommandTests.site)
    defer { Task { await server.stop() } }
    let dir = try TemporaryDirectory()
    let db = dir.url.appendingPathComponent("web.sqlite").path
    let page = try DistillBinary.run(["ingest", "--db", db, server.url("/news/ferry-strike")])
    #expect(page.status == 0, "\(page.stderr)")
    #expect(
      page.stdout.hasSuffix(
        "stored 1 new, 0 updated, 0 unchanged; 1 articles in 1 stories; 1 brief written\n"),
      "\(page.stdout)")
    // The feed links the page again (stored once) and a second report on the same story.
    let feed = try DistillBinary.run(["ingest", "--db", db, "--feed", server.url("/feed.xml")])
    #expect(feed.status == 0, "\(feed.stderr)")
    let lines = feed.stdout.split(separator: "\n")
    #expect(lines.count == 2, "\(feed.stdout)")
    #expect(lines.first?.hasPrefix("joined s-") == true, "\(feed.stdout)")
    #expect(
      lines.last == "stored 1 new, 0 updated, 1 unchanged; 2 articles in 1 stories; 1 brief written"
    )
    let missing = try DistillBinary.run(["ingest", "--db", db, server.url("/news/gone")])
    #expect(missing.status == 65)
    #expect(missing.stderr.contains("/news/gone"), "\(missing.stderr)")
  }

  @Test func badInputIsNamedOnOneLineAndStoredStoriesAreKept() async throws {
    var site = WatchCommandTests.site
    site["/broken.xml"] = StaticSite.Document("application/rss+xml", "<rss><channel><item><title>")
    let server = try await StaticSite.start(site)
    defer { Task { await server.stop() } }
    let dir = try TemporaryDirectory()
    let db = dir.url.appendingPathComponent("desk.sqlite").path
    let good = try dir.write("storm-a.txt", ClusterCommandTests.stormA)
    #expect(try DistillBinary.run(["ingest", "--db", db, good]).status == 0)
    let before = try DistillBinary.run(["stories", "--db", db, "--format", "json"]).stdout

    let empty = try dir.write("empty.txt", "")
    let binary = try dir.write("blob.bin", Data([0, 1, 2, 0, 255, 0]))
    let run = try DistillBinary.run([
      "ingest", "--db", db, empty, binary, dir.url.appendingPathComponent("missing.txt").path,
      "--feed", server.url("/broken.xml"),
    ])
    // Nothing held an article: exit 65, one line per input saying why, then the verdict.
    #expect(run.status == 65, "\(run.stderr)")
    #expect(run.stdout.isEmpty)
    let lines = run.stderr.split(separator: "\n")
    #expect(lines.count == 5, "\(run.stderr)")
    for name in ["empty.txt", "blob.bin", "missing.txt", "/broken.xml"] {
      #expect(
        lines.filter { $0.hasPrefix("distill: skipped") && $0.contains(name) }.count == 1, "\(name)"
      )
    }
    #expect(lines.last == "distill: no articles to ingest")
    // What was stored before is still there, unchanged.
    #expect(try DistillBinary.run(["stories", "--db", db, "--format", "json"]).stdout == before)

    // With one good input among them, the good one is stored and the status says "some skipped".
    let mixed = try DistillBinary.run([
      "ingest", "--db", db, empty, try dir.write("council.txt", ClusterCommandTests.council),
    ])
    #expect(mixed.status == 2, "\(mixed.stderr)")
    #expect(mixed.stdout.hasSuffix("2 articles in 2 stories; 1 brief written\n"), "\(mixed.stdout)")
  }

  @Test func aBadDatabaseURLIsOneClearLine() throws {
    let run = try DistillBinary.run(["stories", "--db", "postgres://nobody@/"])
    #expect(run.status == 64)
    #expect(run.stdout.isEmpty)
    let first = try #require(run.stderr.split(separator: "\n").first)
    #expect(first.hasPrefix("Error: Cannot open the database:"))
  }

  @Test func usageErrorsSayWhatToDo() throws {
    let ingest = try DistillBinary.run(["ingest"])
    #expect(ingest.status == 64)
    #expect(ingest.stderr.contains("Give at least one article file or folder to ingest"))
    let stories = try DistillBinary.run(["stories", "--since", "yesterday"])
    #expect(stories.status == 64)
    #expect(stories.stderr.contains("--since takes a duration such as 24h"))
  }
}
