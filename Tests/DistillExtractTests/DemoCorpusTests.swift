import Distill
import DistillModel
import DistillTestSupport
import Foundation
import Testing

@testable import DistillExtract

/// Stands in for the HTML extractor in these tests: drops the elements any extractor drops
/// (head, scripts, navigation, header, footer, forms), turns the rest into lines and reads
/// them as a plain-text scrape, so the cleaning rules must remove everything else. Outlet and
/// date come from `og:site_name` and JSON-LD `datePublished`.
struct StandInPageReader: ArticleReader {
  static let dropped = try! NSRegularExpression(
    pattern: #"<(head|script|style|nav|header|footer|form|noscript)\b[^>]*>.*?</\1>"#,
    options: [.caseInsensitive, .dotMatchesLineSeparators])
  static let block = try! NSRegularExpression(
    pattern:
      #"</?(p|div|h[1-6]|li|ul|figure|figcaption|article|main|aside|section|time|br)\b[^>]*>"#,
    options: [.caseInsensitive])
  static let tag = try! NSRegularExpression(pattern: #"<[^>]+>"#)
  static let siteName = try! NSRegularExpression(pattern: #"og:site_name" content="([^"]+)""#)
  static let datePublished = try! NSRegularExpression(pattern: #""datePublished":\s*"([^"]+)""#)

  func replace(_ regex: NSRegularExpression, in s: String, with template: String) -> String {
    regex.stringByReplacingMatches(
      in: s, range: NSRange(s.startIndex..., in: s), withTemplate: template)
  }

  func read(_ data: Data, from source: SourceRef) -> IngestOutcome {
    let page = String(decoding: data, as: UTF8.self)
    var text = replace(Self.dropped, in: page, with: "\n")
    text = replace(Self.block, in: text, with: "\n")
    text = NewswireText.decodeEntities(replace(Self.tag, in: text, with: ""))
    guard case .article(var article) = PlainTextReader().read(text: text, from: source) else {
      return PlainTextReader().read(text: text, from: source)
    }
    article.format = .html
    if let name = NewswireText.captures(Self.siteName, page)?[1] { article.metadata.outlet = name }
    if let date = NewswireText.captures(Self.datePublished, page)?[1] {
      article.metadata.published = PublicationDates.parse(date)
    }
    return .article(article)
  }
}

@Suite("DemoCorpus")
struct DemoCorpusTests {
  /// Every demo article, loaded from files through the input loader.
  func loadAll() throws -> [Article] {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "distill-demo-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    for (name, contents) in DemoCorpus.articles {
      try Data(contents.utf8).write(to: dir.appendingPathComponent(name))
    }
    let outcomes = InputLoader(html: StandInPageReader()).load([dir.path]) { Data() }
    return outcomes.compactMap { outcome in
      switch outcome {
      case .article(let a): return a
      case .skipped(let source, let reason):
        Issue.record("\(source) skipped: \(reason)")
        return nil
      }
    }
  }

  /// Strings from the page furniture of the demo pages; none may reach an article.
  static let furniture = [
    "Skip to", "IE 11", "cookie", "newsletter", "Sign up", "signing up", "Share", "Facebook",
    "Twitter", "Instagram", "Advertisement", "ADVERTISEMENT", "Photo:", "©", "Copyright",
    "All rights reserved", "Related", "Most read", "Home |", "News |", "Listen to this",
    "min read", "Subscribe", "subscriber", "Log in", "Enter your email", "Posted", "Published",
    "Updated", "By Hannah", "By Marcus", "By Lucia", "By Elena", "Privacy policy",
    "Become a member", "Accept all", "/BPR", "Lars Heuvel", "Ines Kowal",
    "pixel", "Harbor Briefing", "Obituaries",
  ]

  @Test func everyArticleReadsCleanly() throws {
    let articles = try loadAll()
    #expect(articles.count == DemoCorpus.articles.count)
    for article in articles {
      let name = article.source.location
      for junk in Self.furniture {
        #expect(!article.text.contains(junk), "\(name): \"\(junk)\" survived")
        #expect(!article.title.contains(junk), "\(name): title holds \"\(junk)\"")
      }
      for paragraph in article.paragraphs {
        for rule in CleaningRules.standard.rules {
          #expect(
            !rule.matches(String(paragraph)), "\(name): \(rule.name) would remove \(paragraph)")
        }
      }
      let words = NewswireText.wordCount(article.text)
      #expect((250...500).contains(words), "\(name) has \(words) words")
      #expect(article.cleaning.linesRemoved >= 5, "\(name) had little furniture")
      #expect(article.metadata.published != nil, "\(name) has no date")
      #expect(article.metadata.outlet != nil, "\(name) has no outlet")
      #expect(!article.metadata.authors.isEmpty, "\(name) has no byline")
    }
  }

  @Test func metadataOfEachArticle() throws {
    let articles = try loadAll()
    let rows = articles.map { a in
      "\(URL(fileURLWithPath: a.source.location).lastPathComponent) | \(a.format.rawValue) | \(a.title) | \(a.metadata.outlet ?? "-") | \(a.metadata.authors.joined(separator: ", "))"
    }
    #expect(
      rows == [
        "bayside-radio-2026-03-10-shelter.txt | text | Evacuated families spend a second night at Harbor View school | Bayside Public Radio | Lucia Brandt",
        "bayside-radio-2026-03-16-whats-next.txt | text | What comes next for the Northquay terminal | Bayside Public Radio | Lucia Brandt",
        "coastline-wire-2026-03-09-leak.txt | text | Chemical leak at Gullhaven terminal forces evacuations | Coastline Wire | Hannah Voss",
        "coastline-wire-2026-03-12-return.txt | text | Gullhaven residents return home as air readings clear | Coastline Wire | Hannah Voss",
        "gullhaven-ledger-2026-03-10-evacuations.html | html | 57 evacuated as vapor lingers over Lower Wharf | The Gullhaven Ledger | Marcus Penhale",
        "gullhaven-ledger-2026-03-11-inspections.html | html | State inspectors flagged corroded valves at Northquay three years ago | The Gullhaven Ledger | Marcus Penhale",
        "marren-courier-2026-03-09-leak.html | html | Leak at Gullhaven chemical terminal empties waterfront blocks | Marren Valley Courier | Hannah Voss",
        "marren-courier-2026-03-13-hearing.html | html | Gullhaven council schedules hearing on Northquay terminal permits | Marren Valley Courier | Elena Sorensen",
      ])
    let published = Dictionary(
      uniqueKeysWithValues: articles.map {
        (URL(fileURLWithPath: $0.source.location).lastPathComponent, $0.metadata.published)
      })
    #expect(
      published["coastline-wire-2026-03-09-leak.txt"] == PublicationDates.utc(2026, 3, 9, 17, 40))
    #expect(
      published["gullhaven-ledger-2026-03-10-evacuations.html"]
        == PublicationDates.utc(2026, 3, 10, 10, 0))
    #expect(published["coastline-wire-2026-03-12-return.txt"] == PublicationDates.utc(2026, 3, 12))
    #expect(
      published["bayside-radio-2026-03-16-whats-next.txt"] == PublicationDates.utc(2026, 3, 16))
  }

  @Test func storyFeaturesTheBriefReliesOn() throws {
    let articles = try loadAll()
    func text(_ prefix: String) -> String {
      articles.first {
        URL(fileURLWithPath: $0.source.location).lastPathComponent.hasPrefix(prefix)
      }?.text ?? ""
    }
    // The disputed figure, on different days.
    #expect(text("coastline-wire-2026-03-09").contains("at least 40 residents were evacuated"))
    #expect(text("gullhaven-ledger-2026-03-10").contains("57 people were evacuated"))
    // The syndicated copy: a new top, the rest of the wire story verbatim.
    let wire = Set(
      articles.first { $0.source.location.hasSuffix("coastline-wire-2026-03-09-leak.txt") }!
        .paragraphs)
    let copy = articles.first {
      $0.source.location.hasSuffix("marren-courier-2026-03-09-leak.html")
    }!.paragraphs
    #expect(!wire.contains(copy[0]))
    let shared = copy.filter {
      wire.contains(
        $0.replacingOccurrences(of: "\u{201C}", with: "\"").replacingOccurrences(
          of: "\u{201D}", with: "\"")[...])
    }
    #expect(shared.count >= 6)
    // The unattributed quote stands alone as a paragraph.
    #expect(
      text("bayside-radio-2026-03-10").contains(
        "\n\n\"It smelled like nail polish and burnt sugar.\"\n\n"))
    // The dateline place is read from plain-text wire copy too.
    #expect(
      articles.first { $0.source.location.hasSuffix("coastline-wire-2026-03-12-return.txt") }?
        .metadata.place == "GULLHAVEN")
  }
}
