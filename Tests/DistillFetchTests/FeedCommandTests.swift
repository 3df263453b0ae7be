import DistillTestSupport
import Foundation
import Testing

func temporaryFile(_ name: String, _ contents: String) throws -> URL {
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("distill-feed-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  let url = folder.appendingPathComponent(name)
  try Data(contents.utf8).write(to: url)
  return url
}

// `swift test` builds every test target before running any, and distillTests depends on the
// executable, so the binary exists here.
@Suite(.serialized)
struct FeedCommandTests {
  @Test func listsAFeedFile() throws {
    let file = try temporaryFile(
      "feed.xml",
      """
      <rss version="2.0"><channel><title>Ledger</title><link>https://l.example/</link>
      <item><title>Vote  passes</title><link>/vote</link><pubDate>Tue, 02 Mar 2021 18:00:00 GMT</pubDate>
      <author>a@l.example (Ana)</author><category>Politics</category><description>Short.</description></item>
      </channel></rss>
      """)
    let run = try DistillBinary.run(["feed", "--base-url", "https://l.example/rss", file.path])
    #expect(run.status == 0)
    #expect(run.stderr == "")
    #expect(
      run.stdout == """
        \(file.path): RSS 2.0 feed "Ledger" <https://l.example/>, 1 item
        1. Vote passes
           https://l.example/vote
           2021-03-02T18:00:00Z · by Ana · [Politics]
           summary 6 chars

        """)
  }

  @Test func statsSummarisesParsedAndFailedFeeds() throws {
    let good = try temporaryFile(
      "good.xml",
      "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>a</title></entry></feed>")
    let bad = try temporaryFile("bad.xml", "<catalog/>")
    let run = try DistillBinary.run(["feed", "--stats", "--passes", "3", good.path, bad.path])
    #expect(run.status == 1)
    #expect(
      run.stdout.hasPrefix("1 feeds parsed, 1 failed, 1 items, 0.00 MB; per pass (3 passes): "))
    #expect(run.stderr.hasPrefix("distill: \(bad.path) is XML but not a feed"))
    let misuse = try DistillBinary.run(["feed", "--passes", "3", good.path])
    #expect(misuse.status == 64)
    #expect(misuse.stderr.hasPrefix("Error: --passes needs --stats."))
  }

  @Test func reportsAPageThatIsNotAFeed() throws {
    let file = try temporaryFile(
      "page.html",
      "<!DOCTYPE html><html><head><link rel=\"alternate\" type=\"application/atom+xml\" "
        + "href=\"https://l.example/atom\"></head><body></body></html>")
    let run = try DistillBinary.run(["feed", file.path])
    #expect(run.status == 1)
    #expect(run.stdout == "")
    #expect(
      run.stderr
        == "distill: \(file.path) is an HTML page, not a feed (it links to the feed https://l.example/atom)\n"
    )
  }

  @Test func fetchesAFeedURL() async throws {
    try await FixtureServer.with { server in
      let run = try DistillBinary.run(["feed", "--limit", "1", server.url("/feed.xml")])
      #expect(run.status == 0)
      #expect(
        run.stdout.hasPrefix(
          "\(server.url("/feed.xml")): RSS 2.0 feed \"Fixture News\" <\(server.url("/"))>, 1 item\n1. One\n   \(server.url("/article/1"))\n"
        ))
      // A page instead of a feed: its advertised feed is read, and the user is told so.
      let page = try DistillBinary.run(["feed", "--limit", "1", server.url("/page.html")])
      #expect(page.status == 0)
      #expect(
        page.stderr
          == "distill: \(server.url("/page.html")) is an HTML page; reading its feed \(server.url("/feed.xml"))\n"
      )
      #expect(page.stdout.hasPrefix("\(server.url("/page.html")): RSS 2.0 feed \"Fixture News\""))
      let agent = server.requests.first?.headers["User-Agent"].first
      #expect(agent?.hasPrefix("Distill/") == true)
      let refused = try DistillBinary.run(["feed", "file:///etc/passwd"])
      #expect(refused.status == 1)
      #expect(
        refused.stderr
          == "distill: file:///etc/passwd: file: URLs are not fetched; only http and https are supported\n"
      )
    }
  }

  @Test func opmlExportThenImportRoundTrips() throws {
    let export = try DistillBinary.run(
      ["opml", "export", "--title", "Mine", "-"],
      stdin: Data("https://a.example/rss\tNews/Alpha\nhttps://b.example/atom\tBeta\n".utf8))
    #expect(export.status == 0)
    #expect(export.stdout.contains("<title>Mine</title>"))
    let file = try temporaryFile("subs.opml", export.stdout)
    let reimport = try DistillBinary.run(["opml", "import", file.path])
    #expect(reimport.status == 0)
    #expect(reimport.stdout == "https://a.example/rss\tNews/Alpha\nhttps://b.example/atom\tBeta\n")
  }
}
