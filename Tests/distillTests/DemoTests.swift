import DistillTestSupport
import Foundation
import Testing

/// End to end: `distill demo` — the README's first command — in every format.
@Suite struct DemoTests {
  @Test func markdownBriefHasEveryPartAndPassesTheCheck() throws {
    let run = try DistillBinary.run(["demo", "--check"])
    #expect(run.status == 0, "\(run.stderr)")
    let md = run.stdout
    #expect(md.hasPrefix("# "))
    #expect(md.contains("## Sources"))
    #expect(md.contains("[1]"))
    #expect(md.contains("assembled by software"))
    #expect(run.stderr.contains("distill: check passed"))
    for junk in [
      "Skip to main content", "IE 11", "newsletter", "Newsletter", "cookie", "Cookie",
      "Advertisement", "Getty", "Share on",
    ] {
      #expect(!md.contains(junk), "page junk '\(junk)' reached the brief")
    }
  }

  @Test func jsonBriefIsVersionedAndCitesOffsets() throws {
    let run = try DistillBinary.run(["demo", "--format", "json"])
    #expect(run.status == 0, "\(run.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    #expect(object["schemaVersion"] as? Int == 1)
    let sources = try #require(object["sources"] as? [[String: Any]])
    #expect(sources.count >= 6)
    let lede = try #require(object["lede"] as? [[String: Any]])
    let citations = try #require(lede.first?["citations"] as? [[String: Any]])
    let span = try #require(citations.first?["span"] as? [String: Int])
    #expect(span["start"] != nil && span["end"] != nil)
  }

  @Test func textFormatIsSentencesOnly() throws {
    let run = try DistillBinary.run(["demo", "--format", "text"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(!run.stdout.contains("#"))
    #expect(!run.stdout.contains("["))
    #expect(run.stdout.split(separator: "\n").count >= 3)
  }

  @Test func htmlIsOneSelfContainedPage() throws {
    let run = try DistillBinary.run(["demo", "--format", "html"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.lowercased().hasPrefix("<!doctype html>"))
    #expect(run.stdout.contains("<style"))
    #expect(!run.stdout.contains("<script src"))
    #expect(!run.stdout.contains("<link rel=\"stylesheet\""))
  }

  @Test func wordBudgetIsHonoured() throws {
    let run = try DistillBinary.run(["demo", "--format", "text", "--words", "60"])
    #expect(run.status == 0, "\(run.stderr)")
    let words = run.stdout.split(whereSeparator: \.isWhitespace).count
    #expect(words <= 60)
    #expect(words > 20)
  }
}
