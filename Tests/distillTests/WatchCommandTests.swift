import DistillTestSupport
import Foundation
import Testing

/// End to end: `distill watch` polls a real feed on 127.0.0.1 into a SQLite file, `distill
/// story` prints what it stored, and the watcher stops cleanly on SIGTERM.
@Suite struct WatchCommandTests {
  static let site: [String: StaticSite.Document] = [
    "/news/ferry-strike": WebInputTests.site["/news/ferry-strike"]!,
    "/news/ferry-talks": WebInputTests.site["/news/ferry-talks"]!,
    "/feed.xml": StaticSite.Document(
      "application/rss+xml",
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <rss version="2.0"><channel><title>Tidewater Gazette</title><link>{base}/</link>
      <item><title>Ferry strike talks set for Thursday</title><link>{base}/news/ferry-talks</link>
      <pubDate>Tue, 05 May 2026 09:30:00 GMT</pubDate></item>
      <item><title>Ferry crews walk out over schedules</title><link>{base}/news/ferry-strike</link>
      <pubDate>Mon, 04 May 2026 08:00:00 GMT</pubDate></item>
      </channel></rss>
      """),
  ]

  /// The story ids a poll line names.
  static func stories(in line: Substring) -> [String] {
    guard let range = line.range(of: "stories changed: ") else { return [] }
    let list = line[range.upperBound...]
    return list == "none" ? [] : list.split(separator: ", ").map(String.init)
  }

  @Test func oneWatchPollStoresTheFeedAndBriefsItsStory() async throws {
    let server = try await StaticSite.start(Self.site)
    defer { Task { await server.stop() } }
    let folder = try TemporaryDirectory()
    let db = folder.url.appendingPathComponent("watch.sqlite").path
    let watch = ["watch", "--once", "--delay", "0", "--db", db, "--feeds", server.url("/feed.xml")]

    let first = try DistillBinary.run(watch)
    #expect(first.status == 0, "\(first.stderr)")
    let line = try #require(first.stdout.split(separator: "\n").first)
    #expect(line.hasPrefix("poll 1: 2 new, 0 updated, 0 skipped; stories changed: "), "\(line)")
    let story = try #require(Self.stories(in: line).first)
    #expect(Self.stories(in: line).count == 1)

    let listed = try DistillBinary.run(["stories", "--db", db])
    #expect(listed.status == 0, "\(listed.stderr)")
    let row = try #require(listed.stdout.split(separator: "\n").first { $0.hasPrefix(story) })
    // STORY, UPDATED, FIRST SEEN, SOURCES, OUTLETS, HEADLINE.
    #expect(
      row.components(separatedBy: "  ").filter { !$0.isEmpty }.map {
        $0.trimmingCharacters(in: .whitespaces)
      }[3] == "2", "\(row)")

    let shown = try DistillBinary.run(["story", story, "--db", db])
    #expect(shown.status == 0, "\(shown.stderr)")
    #expect(shown.stdout.contains("Ferry"))
    #expect(shown.stdout.contains(server.url("/news/ferry-talks")))
    let json = try DistillBinary.run(["story", story, "--db", db, "--format", "json"])
    #expect(json.status == 0, "\(json.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    #expect((object?["sources"] as? [Any])?.count == 2)

    let again = try DistillBinary.run(watch)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(
      again.stdout == "poll 1: 0 new, 0 updated, 0 skipped; stories changed: none\n",
      "\(again.stdout)")

    let missing = try DistillBinary.run(["story", "s-nothing", "--db", db])
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("no brief is stored for the story s-nothing"))
  }

  @Test func sigtermStopsTheWatcherCleanly() async throws {
    let server = try await StaticSite.start(Self.site)
    defer { Task { await server.stop() } }
    let folder = try TemporaryDirectory()
    let binary = try #require(DistillBinary.url)
    let process = Process()
    process.executableURL = binary
    process.arguments = [
      "watch", "--every", "1s", "--delay", "0", "--db",
      folder.url.appendingPathComponent("watch.sqlite").path, "--feeds", server.url("/feed.xml"),
    ]
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()

    // Wait (at most 60 s) for three rounds, a second apart.
    let reader = out.fileHandleForReading
    var seen = Data()
    let deadline = Date().addingTimeInterval(60)
    while seen.count(where: { $0 == UInt8(ascii: "\n") }) < 3, Date() < deadline,
      process.isRunning
    {
      let chunk = reader.availableData
      if chunk.isEmpty { break }
      seen.append(chunk)
    }
    let lines = String(decoding: seen, as: UTF8.self).split(separator: "\n")
    #expect(lines.first?.hasPrefix("poll 1: 2 new") == true)
    #expect(lines.dropFirst().prefix(2).map { String($0.prefix(7)) } == ["poll 2:", "poll 3:"])
    // Each round printed polled the feed: a watcher that wakes before its feed is due prints
    // nothing (it used to print an empty round, then poll 0.2 s later).
    #expect(server.requests("/feed.xml") >= min(lines.count, 3))

    kill(process.processIdentifier, SIGTERM)
    let stopBy = Date().addingTimeInterval(10)
    while process.isRunning, Date() < stopBy { try await Task.sleep(for: .milliseconds(50)) }
    let stopped = !process.isRunning
    if !stopped { process.terminate() }
    process.waitUntilExit()
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(stopped, "the watcher was still running 10 s after SIGTERM")
    #expect(process.terminationReason == .exit)
    #expect(process.terminationStatus == 0, "\(stderr)")
    #expect(stderr.contains("stopping"))
  }

  @Test func aPageThatAdvertisesAFeedIsFollowedToIt() async throws {
    var site = Self.site
    site["/"] = StaticSite.Document(
      "text/html; charset=utf-8",
      """
      <!DOCTYPE html><html><head><title>Tidewater Gazette</title>
      <link rel="alternate" type="application/rss+xml" title="News" href="/feed.xml">
      </head><body><p>Front page</p></body></html>
      """)
    let server = try await StaticSite.start(site)
    defer { Task { await server.stop() } }
    let folder = try TemporaryDirectory()
    let db = folder.url.appendingPathComponent("watch.sqlite").path
    let run = try DistillBinary.run([
      "watch", "--once", "--delay", "0", "--db", db, "--feeds", server.url("/"),
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.hasPrefix("poll 1: 2 new"), "\(run.stdout)")
    #expect(server.requests("/") == 1)
    #expect(server.requests("/feed.xml") == 1)
  }
}
