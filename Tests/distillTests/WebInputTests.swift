import DistillTestSupport
import Foundation
import Testing

/// End to end: `distill brief URL` and `--feed URL` against a real server on 127.0.0.1.
@Suite struct WebInputTests {
  static func page(_ title: String, _ date: String, _ paragraphs: [String]) -> StaticSite.Document {
    let body = paragraphs.map { "<p>\($0)</p>" }.joined(separator: "\n")
    return StaticSite.Document(
      "text/html; charset=utf-8",
      """
      <!DOCTYPE html><html lang="en"><head><title>\(title) | Tidewater Gazette</title>
      <meta property="og:site_name" content="Tidewater Gazette">
      <meta property="article:published_time" content="\(date)"></head>
      <body><a href="#main">Skip to main content</a><nav><a href="/">Home</a> <a href="/news">News</a></nav>
      <article><h1>\(title)</h1>\(body)</article>
      <aside class="newsletter">Sign up for our morning newsletter.</aside></body></html>
      """)
  }

  static let site: [String: StaticSite.Document] = [
    "/news/ferry-strike": page(
      "Ferry crews walk out over schedules", "2026-05-04T08:00:00Z",
      [
        "Ferry crews on the Tidewater route walked off the job on Monday morning, stranding about 3,000 commuters, the operators' union said.",
        "The union says new rosters would force crews to work 14-hour shifts without a full rest day, a claim the ferry company disputes.",
        "\"Nobody should steer a ferry on four hours of sleep,\" said Petra Lind, the union's regional secretary.",
        "Ferry company managers said the rosters meet national safety rules and that talks could resume on Thursday.",
      ]),
    "/news/ferry-talks": page(
      "Ferry strike talks set for Thursday", "2026-05-05T09:30:00Z",
      [
        "Talks between the Tidewater ferry company and its striking crews will resume on Thursday, a mediator said on Tuesday.",
        "About 3,000 commuters have been stranded since crews walked off the job on Monday over new rosters.",
        "Petra Lind, the union's regional secretary, said crews would return only if the 14-hour shifts were dropped.",
        "The company has chartered two buses to carry stranded passengers around the bay until the ferries run again.",
      ]),
    "/feed.xml": StaticSite.Document(
      "application/rss+xml",
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <rss version="2.0"><channel><title>Tidewater Gazette</title><link>{base}/</link>
      <item><title>Ferry strike talks set for Thursday</title><link>{base}/news/ferry-talks</link>
      <pubDate>Tue, 05 May 2026 09:30:00 GMT</pubDate></item>
      <item><title>Gone</title><link>{base}/news/removed</link></item>
      </channel></rss>
      """),
  ]

  @Test func pagesAndFeedItemsAreFetchedExtractedAndBriefed() async throws {
    let server = try await StaticSite.start(Self.site)
    defer { Task { await server.stop() } }
    let run = try DistillBinary.run([
      "brief", "--check", server.url("/news/ferry-strike"), "--feed", server.url("/feed.xml"),
    ])
    #expect(run.status == 2, "\(run.stderr)")
    #expect(run.stdout.contains("Ferry"))
    #expect(run.stdout.contains("Tidewater Gazette"))
    #expect(run.stdout.contains(server.url("/news/ferry-talks")))
    #expect(!run.stdout.contains("Skip to main content"))
    #expect(!run.stdout.contains("newsletter"))
    #expect(run.stderr.contains("distill: check passed"))
    let skipped = run.stderr.split(separator: "\n").filter { $0.hasPrefix("distill: skipped") }
    #expect(skipped.count == 1)
    #expect(skipped.first?.hasPrefix("distill: skipped \(server.url("/news/removed")):") == true)
  }

  @Test func aFeedURLThatIsNotAURLIsAUsageError() throws {
    let run = try DistillBinary.run(["brief", "--feed", "feed.xml"])
    #expect(run.status == 64)
    #expect(run.stderr.contains("--feed takes an http or https URL (got feed.xml)."))
  }
}
