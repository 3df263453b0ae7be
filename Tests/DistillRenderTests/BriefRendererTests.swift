import DistillModel
import DistillRender
import DistillTestSupport
import Foundation
import Testing

/// A small brief whose text is full of characters every format must escape.
private func trickyBrief() -> Brief {
  let source1 =
    "Fire at <Acme & Sons> \"plant\" *spread* fast. \"We ran,\" said Ana Diaz, the plant's manager."
  let source2 = "At least 3 workers were hurt | 5 workers were hurt, officials said on Friday."
  func span(_ text: String, _ part: String) -> TextSpan {
    let r = text.range(of: part)!
    let start = text.unicodeScalars.distance(
      from: text.unicodeScalars.startIndex, to: r.lowerBound)
    return TextSpan(start: start, end: start + part.unicodeScalars.count)
  }
  let lede = BriefSentence(
    text: "Fire at <Acme & Sons> \"plant\" *spread* fast.",
    citations: [
      Citation(source: 1, span: span(source1, "Fire at <Acme & Sons> \"plant\" *spread* fast."))
    ])
  let body = BriefSentence(
    text: "At least 3 workers were hurt | 5 workers were hurt, officials said on Friday.",
    citations: [Citation(source: 2, span: span(source2, source2))])
  return Brief(
    headline: "Fire at <Acme & Sons> \"plant\" [1] _spreads_",
    dateline: Fixtures.date("2026-11-18"), place: "TOWN, N.D.",
    lede: [lede],
    sections: [BriefSection(heading: "Casualties & <damage>", sentences: [body])],
    quotes: [
      Quote(
        text: "We ran", speaker: "Ana Diaz", role: "the plant's manager",
        citation: Citation(source: 1, span: span(source1, "We ran"))),
      Quote(
        text: "Nobody told us", citation: Citation(source: 2, span: TextSpan(start: 0, end: 2))),
    ],
    timeline: [
      TimelineEntry(
        date: Fixtures.date("2014-01-01"), precision: .year, event: body, isBackground: true,
        isInferred: true)
    ],
    whatsNext: [body],
    figures: [
      KeyFigure(
        label: "injured",
        reports: [
          FigureReport(
            value: "At least 3", number: 3, reported: Fixtures.date("2026-11-17"),
            citation: Citation(source: 2, span: span(source2, "At least 3"))),
          FigureReport(
            value: "5", number: 5, reported: Fixtures.date("2026-11-18"),
            citation: Citation(source: 2, span: span(source2, "5 workers"))),
        ])
    ],
    sources: [
      BriefSource(
        number: 1, title: "Fire <live>", outlet: "The \"Ledger\"",
        published: Fixtures.date("2026-11-17"),
        location: "https://example.com/a?x=1&y=<2>", isFirstReport: true,
        alsoPublishedBy: ["Wire & Co"], text: source1),
      BriefSource(
        number: 2, title: "Workers hurt", outlet: nil, published: Fixtures.date("2026-11-18"),
        location: "notes/fire `draft`.txt", text: source2),
    ],
    notice:
      "This brief was assembled by software from the 2 cited sources on 2026-11-20 09:30 UTC; every sentence is taken from them.",
    generatedAt: Fixtures.date("2026-11-20").addingTimeInterval(9 * 3600 + 1800))
}

@Test func markdownLayoutAndEscaping() {
  let md = MarkdownRenderer().render(trickyBrief())
  #expect(
    md.hasPrefix(
      "# Fire at \\<Acme & Sons\\> \"plant\" \\[1\\] \\_spreads\\_\n\n*TOWN, N.D., Nov. 18, 2026*\n\n"
    ))
  #expect(md.contains("\n\nFire at \\<Acme & Sons\\> \"plant\" \\*spread\\* fast. [1]\n\n"))
  #expect(md.contains("## Casualties & \\<damage\\>\n\nAt least 3 workers were hurt | 5 workers"))
  #expect(md.contains("> \u{201C}We ran\u{201D}\n> \u{2014} Ana Diaz, the plant's manager [1]"))
  #expect(md.contains("> \u{201C}Nobody told us\u{201D}\n> \u{2014} unattributed [2]"))
  #expect(
    md.contains(
      "## Background\n\n| Date | Key event |\n| --- | --- |\n| 2014 (inferred) | At least 3 workers were hurt \\| 5 workers were hurt, officials said on Friday. [2] |"
    ))
  #expect(md.contains("## What's next\n\n- At least 3 workers"))
  #expect(
    md.contains(
      "- **Injured** (sources differ): At least 3 injured [2], reported Nov. 17, 2026; 5 injured [2], reported Nov. 18, 2026"
    ))
  #expect(
    md.contains(
      "1. Fire \\<live\\> \u{2014} The \"Ledger\", Nov. 17, 2026. <https://example.com/a?x=1&y=<2%3E> (first report; also published by Wire & Co)"
    ))
  #expect(md.contains("2. Workers hurt \u{2014} Nov. 18, 2026. ``notes/fire `draft`.txt``"))
  #expect(
    md.hasSuffix(
      "---\n\n*This brief was assembled by software from the 2 cited sources on 2026-11-20 09:30 UTC; every sentence is taken from them.*\n"
    ))
}

@Test func markdownEscapesLineStartsThatWouldBecomeLists() {
  var brief = trickyBrief()
  brief.lede = [BriefSentence(text: "1. Item\nsecond line", citations: [])]
  let md = MarkdownRenderer().render(brief)
  #expect(md.contains("\n\n1\\. Item second line\n\n"))
}

@Test func htmlIsSelfContainedEscapedAndLinksCitations() {
  let html = HTMLRenderer().render(trickyBrief())
  #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
  #expect(
    html.contains("<title>Fire at &lt;Acme &amp; Sons&gt; &quot;plant&quot; [1] _spreads_</title>"))
  #expect(html.contains("<style>"))
  #expect(!html.contains("<script"))
  #expect(!html.contains("<link "), "no external resources")
  #expect(!html.contains("<Acme"), "source text never becomes markup")
  #expect(
    html.contains(
      "<a href=\"#source-1\" title=\"Source 1: Fire at &lt;Acme &amp; Sons&gt; &quot;plant&quot; *spread* fast.\" aria-label=\"source 1\">[1]</a>"
    ))
  #expect(html.contains("<li id=\"source-1\">Fire &lt;live&gt;"))
  #expect(html.contains("<a href=\"https://example.com/a?x=1&amp;y=&lt;2&gt;\">"))
  #expect(html.contains("<code>notes/fire `draft`.txt</code>"))
  #expect(html.contains("<h2 id=\"section-1\">Casualties &amp; &lt;damage&gt;</h2>"))
  #expect(html.contains("<th scope=\"col\">Date</th><th scope=\"col\">Key event</th>"))
  #expect(
    html.contains(
      "<time datetime=\"2014-01-01\">2014 <span class=\"note\">(inferred)</span></time>"))
  #expect(
    html.contains("<figcaption>\u{2014} Ana Diaz, the plant&#39;s manager <sup class=\"cite\">"))
  #expect(html.contains("<span class=\"disputed\">(sources differ)</span>"))
}

@Test func jsonIsVersionedSortedAndRoundTrips() throws {
  let brief = trickyBrief()
  let json = JSONRenderer().render(brief)
  #expect(json.hasPrefix("{\n  \"dateline\" : \"2026-11-18T00:00:00Z\",\n  \"figures\" : ["))
  #expect(json.contains("\"schemaVersion\" : 1"))
  #expect(json.contains("\"generatedAt\" : \"2026-11-20T09:30:00Z\""))
  #expect(
    json.contains(
      "\"citations\" : [\n        {\n          \"source\" : 1,\n          \"span\" : {\n            \"end\" : 44,\n            \"start\" : 0\n          }"
    ))
  #expect(JSONRenderer().render(brief) == json, "deterministic")
  let decoded = try JSONRenderer.decoder().decode(Brief.self, from: Data(json.utf8))
  #expect(decoded == brief)
  let compact = JSONRenderer(pretty: false).render(brief)
  #expect(compact.hasPrefix("{\"dateline\":\"2026-11-18T00:00:00Z\","))
  #expect(compact.split(separator: "\n").count == 1)
}

@Test func terminalWrapsToWidthWithColourOnlyWhenAsked() {
  let brief = trickyBrief()
  let plain = TerminalRenderer(colour: false, width: 40).render(brief)
  #expect(!plain.contains("\u{1B}["))
  for line in plain.split(separator: "\n") {
    #expect(line.count <= 40 || !line.contains(" "), "line over width: \(line)")
  }
  #expect(
    plain.hasPrefix("Fire at <Acme & Sons> \"plant\" [1]\n_spreads_\n\nTOWN, N.D., Nov. 18, 2026\n")
  )
  #expect(plain.contains("CASUALTIES & <DAMAGE>\nAt least 3 workers were hurt | 5 workers\n"))
  let coloured = TerminalRenderer(colour: true, width: 40).render(brief)
  #expect(coloured.contains("\u{1B}[1;36mCASUALTIES & <DAMAGE>\u{1B}[0m"))
  #expect(coloured.contains("\u{1B}[2m[1]\u{1B}[0m"))
  let visible = coloured.replacingOccurrences(
    of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
  #expect(visible == plain, "colour codes take no columns")
}

@Test func atomEntryIsEscapedAndStable() {
  let brief = trickyBrief()
  let entry = AtomEntryRenderer(link: "https://example.com/briefs/1?a=1&b=2").render(brief)
  #expect(
    entry.hasPrefix("<entry xmlns=\"http://www.w3.org/2005/Atom\">\n  <id>urn:distill:brief:"))
  #expect(
    entry.contains(
      "<title type=\"text\">Fire at &lt;Acme &amp; Sons&gt; &quot;plant&quot; [1] _spreads_</title>"
    ))
  #expect(entry.contains("<updated>2026-11-20T09:30:00Z</updated>"))
  #expect(entry.contains("<published>2026-11-18T00:00:00Z</published>"))
  #expect(entry.contains("href=\"https://example.com/briefs/1?a=1&amp;b=2\""))
  #expect(
    entry.contains(
      "<link rel=\"related\" href=\"https://example.com/a?x=1&amp;y=&lt;2&gt;\" title=\"Fire &lt;live&gt;\"/>"
    ))
  // The HTML content is escaped once more inside the XML.
  #expect(
    entry.contains(
      "<content type=\"html\">&lt;p&gt;&lt;em&gt;TOWN, N.D., Nov. 18, 2026&lt;/em&gt;&lt;/p&gt;"))
  #expect(entry.contains("Fire at &amp;lt;Acme &amp;amp; Sons&amp;gt;"))
  #expect(!entry.contains("<Acme"))
  #expect(entry.hasSuffix("</entry>\n"))
  #expect(
    AtomEntryRenderer().render(brief).contains(entry.split(separator: "\n")[1]),
    "same id every time")
}
