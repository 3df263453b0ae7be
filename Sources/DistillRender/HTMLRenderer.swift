import DistillModel
import Foundation

/// Renders a brief as one self-contained HTML page: embedded CSS, no scripts, no external
/// resources. Citations link to the numbered source list and show the cited source sentence as
/// a tooltip. All text is escaped.
public struct HTMLRenderer: BriefRenderer {
  public init() {}

  static let css = """
    :root { color-scheme: light dark; --ink: #1d1d1f; --muted: #5f6368; --rule: #d9d9de;
      --accent: #0b57d0; --paper: #fffefa; }
    @media (prefers-color-scheme: dark) { :root { --ink: #e8e6e3; --muted: #a5a5ad;
      --rule: #3a3a40; --accent: #8ab4f8; --paper: #17171a; } }
    * { box-sizing: border-box; }
    body { margin: 0; background: var(--paper); color: var(--ink);
      font: 1.0625rem/1.6 Georgia, "Iowan Old Style", "Times New Roman", serif; }
    main { max-width: 42rem; margin: 0 auto; padding: 2.5rem 1.25rem 4rem; }
    h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .5rem; }
    h2 { font: 700 .85rem/1.3 system-ui, -apple-system, "Segoe UI", sans-serif;
      text-transform: uppercase; letter-spacing: .06em; color: var(--muted);
      border-top: 1px solid var(--rule); padding-top: 1rem; margin: 2rem 0 .75rem; }
    .dateline { font: 600 .9rem system-ui, sans-serif; color: var(--muted); margin: 0 0 1.25rem; }
    .lede { font-size: 1.2rem; }
    sup.cite { font: .7rem system-ui, sans-serif; }
    sup.cite a { color: var(--accent); text-decoration: none; padding: 0 .1em; }
    sup.cite a:hover, sup.cite a:focus { text-decoration: underline; }
    figure.quote { margin: 1rem 0; padding-left: 1rem; border-left: 3px solid var(--rule); }
    figure.quote blockquote { margin: 0; font-style: italic; }
    figure.quote figcaption { color: var(--muted); font-size: .95rem; }
    table { border-collapse: collapse; width: 100%; font-size: .95rem; }
    caption { text-align: left; color: var(--muted); font-size: .85rem; padding-bottom: .25rem; }
    th, td { text-align: left; vertical-align: top; padding: .4rem .5rem;
      border-bottom: 1px solid var(--rule); }
    th { font: 600 .8rem system-ui, sans-serif; color: var(--muted); }
    td.date { white-space: nowrap; }
    .disputed { color: var(--muted); font-size: .85rem; }
    ol.sources { padding-left: 1.5rem; font-size: .95rem; }
    ol.sources li:target { background: color-mix(in srgb, var(--accent) 15%, transparent); }
    .note { color: var(--muted); font-size: .85rem; }
    footer { border-top: 1px solid var(--rule); margin-top: 2rem; padding-top: 1rem;
      color: var(--muted); font-size: .85rem; }
    a { color: var(--accent); }
    """

  public func render(_ brief: Brief) -> String {
    typealias H = RenderSupport.Heading
    let e = RenderSupport.escapeXML
    var body: [String] = []
    body.append("<header>")
    body.append("<h1>\(e(brief.headline))</h1>")
    if let line = RenderSupport.dateline(brief) {
      let time = brief.dateline.map { " datetime=\"\(RenderSupport.isoDay($0))\"" } ?? ""
      body.append("<p class=\"dateline\"><time\(time)>\(e(line))</time></p>")
    }
    body.append("</header>")
    if !brief.lede.isEmpty {
      body.append("<p class=\"lede\">\(sentences(brief.lede, in: brief))</p>")
    }
    if !brief.whatsNew.isEmpty {
      body.append(section(H.whatsNew, id: "whats-new", list(brief.whatsNew, in: brief)))
    }
    for (i, s) in brief.sections.enumerated() where !s.sentences.isEmpty {
      body.append(
        section(s.heading, id: "section-\(i + 1)", "<p>\(sentences(s.sentences, in: brief))</p>"))
    }
    if !brief.quotes.isEmpty {
      let figures = brief.quotes.map { q -> String in
        let cites = citeLinks(
          [q.citation] + q.continuations.map(\.citation), in: brief)
        return """
          <figure class="quote"><blockquote><p>\u{201C}\(e(RenderSupport.quoteText(q)))\u{201D}</p></blockquote>\
          <figcaption>\u{2014} \(e(RenderSupport.attribution(q))) \(cites)</figcaption></figure>
          """
      }
      body.append(section(H.quotes, id: "quotes", figures.joined(separator: "\n")))
    }
    if !brief.timeline.isEmpty {
      var rows: [String] = []
      for entry in brief.timeline {
        var date = e(RenderSupport.date(entry.date, precision: entry.precision))
        if entry.isInferred { date += " <span class=\"note\">(inferred)</span>" }
        rows.append(
          "<tr><td class=\"date\"><time datetime=\"\(RenderSupport.isoDay(entry.date))\">\(date)</time></td>"
            + "<td>\(sentence(entry.event, in: brief))</td></tr>")
      }
      let table = """
        <table>
        <caption>Dated events from the sources, oldest first</caption>
        <thead><tr><th scope="col">Date</th><th scope="col">Key event</th></tr></thead>
        <tbody>
        \(rows.joined(separator: "\n"))
        </tbody>
        </table>
        """
      body.append(section(H.timeline, id: "timeline", table))
    }
    if !brief.whatsNext.isEmpty {
      body.append(section(H.whatsNext, id: "whats-next", list(brief.whatsNext, in: brief)))
    }
    if !brief.figures.isEmpty {
      let items = brief.figures.map { figure -> String in
        let reports = figure.reports.map { r -> String in
          var s =
            e(RenderSupport.figureValue(r, label: figure.label)) + " "
            + citeLinks([r.citation], in: brief)
          if let d = r.reported {
            s +=
              ", reported <time datetime=\"\(RenderSupport.isoDay(d))\">\(e(RenderSupport.date(d)))</time>"
          }
          return s
        }
        let flag = figure.isDisputed ? " <span class=\"disputed\">(sources differ)</span>" : ""
        return "<li><strong>\(e(RenderSupport.figureLabel(figure)))</strong>\(flag): "
          + reports.joined(separator: "; ") + "</li>"
      }
      body.append(
        section(H.figures, id: "figures", "<ul>\n\(items.joined(separator: "\n"))\n</ul>"))
    }
    if !brief.sources.isEmpty {
      let items = brief.sources.map { s -> String in
        var line = "<li id=\"source-\(s.number)\">\(e(RenderSupport.sourceLine(s)))"
        if RenderSupport.isURL(s.location) {
          line += ". <a href=\"\(e(s.location))\">\(e(s.location))</a>"
        } else {
          line += ". <code>\(e(s.location))</code>"
        }
        if let notes = RenderSupport.sourceNotes(s) {
          line += " <span class=\"note\">(\(e(notes)))</span>"
        }
        return line + "</li>"
      }
      body.append(
        section(
          H.sources, id: "sources",
          "<ol class=\"sources\">\n\(items.joined(separator: "\n"))\n</ol>"))
    }
    body.append("<footer><p>\(e(brief.notice))</p></footer>")

    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta name="generator" content="Distill">
      <title>\(e(brief.headline))</title>
      <style>
      \(Self.css)
      </style>
      </head>
      <body>
      <main>
      <article>
      \(body.joined(separator: "\n"))
      </article>
      </main>
      </body>
      </html>

      """
  }

  func section(_ heading: String, id: String, _ content: String) -> String {
    let e = RenderSupport.escapeXML
    return
      "<section aria-labelledby=\"\(id)\">\n<h2 id=\"\(id)\">\(e(heading))</h2>\n\(content)\n</section>"
  }

  func list(_ items: [BriefSentence], in brief: Brief) -> String {
    "<ul>\n" + items.map { "<li>\(sentence($0, in: brief))</li>" }.joined(separator: "\n")
      + "\n</ul>"
  }

  func sentences(_ items: [BriefSentence], in brief: Brief) -> String {
    items.map { sentence($0, in: brief) }.joined(separator: " ")
  }

  func sentence(_ s: BriefSentence, in brief: Brief) -> String {
    RenderSupport.escapeXML(s.text) + " " + citeLinks(s.citations, in: brief)
  }

  /// `<sup>` links, one per cited source, titled with the cited source text.
  func citeLinks(_ citations: [Citation], in brief: Brief) -> String {
    let e = RenderSupport.escapeXML
    var bySource: [Int: Citation] = [:]
    for c in citations where bySource[c.source] == nil { bySource[c.source] = c }
    guard !bySource.isEmpty else { return "" }
    let links = bySource.keys.sorted().map { n -> String in
      let c = bySource[n]!
      var title = "Source \(n)"
      if let text = RenderSupport.citedText(brief, c) {
        title += ": " + text.split(whereSeparator: \.isNewline).joined(separator: " ")
      }
      return "<a href=\"#source-\(n)\" title=\"\(e(title))\" aria-label=\"source \(n)\">[\(n)]</a>"
    }
    return "<sup class=\"cite\">" + links.joined() + "</sup>"
  }
}
