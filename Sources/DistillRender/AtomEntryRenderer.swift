import DistillModel
import Foundation

/// Renders a brief as one Atom `<entry>` element, for a feed of briefs.
///
/// The entry's id is derived from the headline and the sources, so re-rendering the same brief
/// gives the same id; `updated` is when the brief was generated. The content is an escaped
/// HTML fragment (lede, sections and numbered sources), so any feed reader can show it.
public struct AtomEntryRenderer: BriefRenderer {
  /// Link to where the brief is published, when there is such a place.
  public var link: String?

  public init(link: String? = nil) { self.link = link }

  public func render(_ brief: Brief) -> String {
    let e = RenderSupport.escapeXML
    var lines: [String] = []
    lines.append("<entry xmlns=\"http://www.w3.org/2005/Atom\">")
    lines.append("  <id>\(Self.identifier(brief))</id>")
    lines.append("  <title type=\"text\">\(e(brief.headline))</title>")
    lines.append("  <updated>\(RenderSupport.isoTime(brief.generatedAt))</updated>")
    if let published = brief.dateline {
      lines.append("  <published>\(RenderSupport.isoTime(published))</published>")
    }
    lines.append("  <author><name>Distill</name></author>")
    if let link {
      lines.append("  <link rel=\"alternate\" type=\"text/html\" href=\"\(e(link))\"/>")
    }
    for source in brief.sources where RenderSupport.isURL(source.location) {
      lines.append(
        "  <link rel=\"related\" href=\"\(e(source.location))\" title=\"\(e(source.title))\"/>")
    }
    let summary = brief.lede.map(\.text).joined(separator: " ")
    if !summary.isEmpty { lines.append("  <summary type=\"text\">\(e(summary))</summary>") }
    lines.append("  <content type=\"html\">\(e(Self.fragment(brief)))</content>")
    lines.append("</entry>")
    return lines.joined(separator: "\n") + "\n"
  }

  /// A short HTML rendering of the brief for the entry's content.
  static func fragment(_ brief: Brief) -> String {
    let e = RenderSupport.escapeXML
    func para(_ sentences: [BriefSentence]) -> String {
      "<p>"
        + sentences.map { e($0.text) + " " + RenderSupport.marker($0.sourceNumbers) }
        .joined(separator: " ") + "</p>"
    }
    var html: [String] = []
    if let line = RenderSupport.dateline(brief) { html.append("<p><em>\(e(line))</em></p>") }
    if !brief.lede.isEmpty { html.append(para(brief.lede)) }
    for section in brief.sections where !section.sentences.isEmpty {
      html.append("<h2>\(e(section.heading))</h2>")
      html.append(para(section.sentences))
    }
    if !brief.sources.isEmpty {
      html.append("<h2>\(RenderSupport.Heading.sources)</h2>")
      let items = brief.sources.map { s -> String in
        let text = e(RenderSupport.sourceLine(s))
        if RenderSupport.isURL(s.location) {
          return "<li><a href=\"\(e(s.location))\">\(text)</a></li>"
        }
        return "<li>\(text)</li>"
      }
      html.append("<ol>" + items.joined() + "</ol>")
    }
    html.append("<p><small>\(e(brief.notice))</small></p>")
    return html.joined(separator: "\n")
  }

  /// A stable `urn:distill:brief:` id from the headline and the source locations (64-bit
  /// FNV-1a, hex).
  static func identifier(_ brief: Brief) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    let key = ([brief.headline] + brief.sources.map(\.location)).joined(separator: "\n")
    for byte in key.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    return "urn:distill:brief:" + String(hash, radix: 16, uppercase: false)
  }
}
