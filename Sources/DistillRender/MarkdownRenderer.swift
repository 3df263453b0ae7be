import DistillModel
import Foundation

/// Renders a brief as Markdown: the default output.
///
/// Layout: `#` headline, dateline, lede, `##` sections with every sentence followed by its
/// `[n]` citations, quotes with speaker and role, a background timeline table, what's next,
/// key figures (disagreements between sources spelled out), the numbered sources, and the
/// notice. Source text is escaped so it can never become Markdown markup.
public struct MarkdownRenderer: BriefRenderer {
  public init() {}

  public func render(_ brief: Brief) -> String {
    typealias H = RenderSupport.Heading
    var out: [String] = []
    out.append("# " + Self.escape(brief.headline))
    if let line = RenderSupport.dateline(brief) { out.append("*" + Self.escape(line) + "*") }
    if !brief.lede.isEmpty { out.append(Self.paragraph(brief.lede)) }
    if !brief.whatsNew.isEmpty {
      out.append("## " + H.whatsNew)
      out.append(Self.bullets(brief.whatsNew))
    }
    for section in brief.sections where !section.sentences.isEmpty {
      out.append("## " + Self.escape(section.heading))
      out.append(Self.paragraph(section.sentences))
    }
    if !brief.quotes.isEmpty {
      out.append("## " + H.quotes)
      for quote in brief.quotes {
        let words = Self.escape(RenderSupport.quoteText(quote))
        let who = Self.escape(RenderSupport.attribution(quote))
        let cite = RenderSupport.marker(RenderSupport.quoteSources(quote))
        out.append("> \u{201C}\(words)\u{201D}\n> \u{2014} \(who) \(cite)")
      }
    }
    if !brief.timeline.isEmpty {
      out.append("## " + H.timeline)
      var rows = ["| Date | Key event |", "| --- | --- |"]
      for entry in brief.timeline {
        var date = RenderSupport.date(entry.date, precision: entry.precision)
        if entry.isInferred { date += " (inferred)" }
        let event = Self.escape(entry.event.text, inTable: true)
        let marker = RenderSupport.marker(entry.event.sourceNumbers)
        rows.append("| \(date) | \(event)\(marker.isEmpty ? "" : " " + marker) |")
      }
      out.append(rows.joined(separator: "\n"))
    }
    if !brief.whatsNext.isEmpty {
      out.append("## " + H.whatsNext)
      out.append(Self.bullets(brief.whatsNext))
    }
    if !brief.figures.isEmpty {
      out.append("## " + H.figures)
      out.append(brief.figures.map { "- " + Self.figureLine($0) }.joined(separator: "\n"))
    }
    if !brief.sources.isEmpty {
      out.append("## " + H.sources)
      out.append(brief.sources.map(Self.sourceLine).joined(separator: "\n"))
    }
    out.append("---")
    out.append("*" + Self.escape(brief.notice) + "*")
    return out.joined(separator: "\n\n") + "\n"
  }

  /// "**Evacuated** (sources differ): at least 40 evacuated [2], reported Nov. 17, 2026; 57
  /// evacuated [3], reported Nov. 19, 2026"
  static func figureLine(_ figure: KeyFigure) -> String {
    let reports = figure.reports.map { report -> String in
      var s = escape(RenderSupport.figureValue(report, label: figure.label))
      s += " " + RenderSupport.marker([report.citation.source])
      if let date = report.reported { s += ", reported " + RenderSupport.date(date) }
      return s
    }
    let label = "**" + escape(RenderSupport.figureLabel(figure)) + "**"
    return label + (figure.isDisputed ? " (sources differ): " : ": ")
      + reports.joined(separator: "; ")
  }

  static func sourceLine(_ source: BriefSource) -> String {
    var line = "\(source.number). " + escape(RenderSupport.sourceLine(source))
    if RenderSupport.isURL(source.location) {
      line += ". <" + source.location.replacingOccurrences(of: ">", with: "%3E") + ">"
    } else {
      line += ". " + code(source.location)
    }
    if let notes = RenderSupport.sourceNotes(source) { line += " (" + escape(notes) + ")" }
    return line
  }

  static func paragraph(_ sentences: [BriefSentence]) -> String {
    sentences.map(cited).joined(separator: " ")
  }

  static func bullets(_ sentences: [BriefSentence]) -> String {
    sentences.map { "- " + cited($0) }.joined(separator: "\n")
  }

  /// "Sentence. [1, 3]"
  static func cited(_ sentence: BriefSentence) -> String {
    let marker = RenderSupport.marker(sentence.sourceNumbers)
    return escape(sentence.text) + (marker.isEmpty ? "" : " " + marker)
  }

  /// A file path as inline code, with a fence longer than any backtick run inside it.
  static func code(_ text: String) -> String {
    var longest = 0
    var run = 0
    for c in text {
      run = c == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: longest + 1)
    let pad = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
    return fence + pad + text + pad + fence
  }

  /// Backslash-escapes the characters Markdown would read as markup, and flattens line breaks
  /// (a source sentence is always one line of the output).
  static func escape(_ text: String, inTable: Bool = false) -> String {
    var out = ""
    for c in text {
      switch c {
      case "\\", "`", "*", "_", "[", "]", "<", ">", "#", "~":
        out.append("\\")
        out.append(c)
      case "|" where inTable:
        out.append("\\|")
      case "\n", "\r", "\r\n":
        out.append(" ")
      default:
        out.append(c)
      }
    }
    // A line that starts like a list item ("1. ", "- ") would become one.
    if let first = out.first, "-+".contains(first) { out = "\\" + out }
    if let r = out.range(of: #"^\d+[.)] "#, options: .regularExpression) {
      let digits = out[r].dropLast(2)
      out.replaceSubrange(r, with: digits + "\\" + out[r].suffix(2))
    }
    return out
  }
}
