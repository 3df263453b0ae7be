import DistillModel
import Foundation

/// Renders a brief for a terminal: text wrapped to a width, ANSI colour only when asked for
/// (a pipe or a file gets plain text).
public struct TerminalRenderer: BriefRenderer {
  public var colour: Bool
  /// Columns to wrap at (at least 20).
  public var width: Int

  public init(colour: Bool = false, width: Int = 80) {
    self.colour = colour
    self.width = max(20, width)
  }

  enum Style: String {
    case headline = "\u{1B}[1m"
    case heading = "\u{1B}[1;36m"
    case cite = "\u{1B}[2m"
    case muted = "\u{1B}[3m"
  }
  static let reset = "\u{1B}[0m"

  /// A word and how to show it.
  struct Piece {
    var text: String
    var style: Style?
  }

  public func render(_ brief: Brief) -> String {
    typealias H = RenderSupport.Heading
    var blocks: [String] = []
    blocks.append(wrap(words(brief.headline, .headline)))
    if let line = RenderSupport.dateline(brief) { blocks.append(wrap(words(line, .muted))) }
    if !brief.lede.isEmpty { blocks.append(wrap(sentences(brief.lede))) }
    if !brief.whatsNew.isEmpty {
      blocks.append(heading(H.whatsNew) + "\n" + bullets(brief.whatsNew))
    }
    for s in brief.sections where !s.sentences.isEmpty {
      blocks.append(heading(s.heading) + "\n" + wrap(sentences(s.sentences)))
    }
    if !brief.quotes.isEmpty {
      let quotes = brief.quotes.map { q -> String in
        var pieces = words("\u{201C}" + RenderSupport.quoteText(q) + "\u{201D}", nil)
        pieces += words("\u{2014} " + RenderSupport.attribution(q), .muted)
        pieces.append(
          Piece(text: RenderSupport.marker(RenderSupport.quoteSources(q)), style: .cite))
        return wrap(pieces, indent: "  ")
      }
      blocks.append(heading(H.quotes) + "\n" + quotes.joined(separator: "\n"))
    }
    if !brief.timeline.isEmpty {
      let rows = brief.timeline.map { entry -> String in
        var date = RenderSupport.date(entry.date, precision: entry.precision)
        if entry.isInferred { date += " (inferred)" }
        var pieces = [Piece(text: date + ":", style: .muted)]
        pieces += sentences([entry.event])
        return wrap(pieces, indent: "  ", first: "- ")
      }
      blocks.append(heading(H.timeline) + "\n" + rows.joined(separator: "\n"))
    }
    if !brief.whatsNext.isEmpty {
      blocks.append(heading(H.whatsNext) + "\n" + bullets(brief.whatsNext))
    }
    if !brief.figures.isEmpty {
      let rows = brief.figures.map { figure -> String in
        var pieces = words(
          RenderSupport.figureLabel(figure) + (figure.isDisputed ? " (sources differ):" : ":"),
          .headline)
        for (i, r) in figure.reports.enumerated() {
          var text =
            RenderSupport.figureValue(r, label: figure.label) + " "
            + RenderSupport.marker([r.citation.source])
          if let d = r.reported { text += ", reported " + RenderSupport.date(d) }
          if i < figure.reports.count - 1 { text += ";" }
          pieces += words(text, nil)
        }
        return wrap(pieces, indent: "  ", first: "- ")
      }
      blocks.append(heading(H.figures) + "\n" + rows.joined(separator: "\n"))
    }
    if !brief.sources.isEmpty {
      let rows = brief.sources.map { s -> String in
        var text = RenderSupport.sourceLine(s) + ". " + s.location
        if let notes = RenderSupport.sourceNotes(s) { text += " (\(notes))" }
        let label = "\(s.number). "
        return wrap(
          words(text, nil), indent: String(repeating: " ", count: label.count), first: label)
      }
      blocks.append(heading(H.sources) + "\n" + rows.joined(separator: "\n"))
    }
    blocks.append(wrap(words(brief.notice, .muted)))
    return blocks.joined(separator: "\n\n") + "\n"
  }

  func heading(_ text: String) -> String {
    paint(text.uppercased(), .heading)
  }

  func paint(_ text: String, _ style: Style?) -> String {
    guard colour, let style else { return text }
    return style.rawValue + text + Self.reset
  }

  func words(_ text: String, _ style: Style?) -> [Piece] {
    text.split(whereSeparator: \.isWhitespace).map { Piece(text: String($0), style: style) }
  }

  func sentences(_ items: [BriefSentence]) -> [Piece] {
    items.flatMap { s in
      words(s.text, nil) + [Piece(text: RenderSupport.marker(s.sourceNumbers), style: .cite)]
    }
  }

  func bullets(_ items: [BriefSentence]) -> String {
    items.map { wrap(sentences([$0]), indent: "  ", first: "- ") }.joined(separator: "\n")
  }

  /// Greedy word wrap by visible width (colour codes take no columns). A word longer than the
  /// line stands alone on its line rather than being cut.
  func wrap(_ pieces: [Piece], indent: String = "", first: String? = nil) -> String {
    var lines: [String] = []
    var line = first ?? indent
    var visible = line.count
    var empty = true
    for piece in pieces where !piece.text.isEmpty {
      let w = piece.text.count
      if !empty && visible + 1 + w > width {
        lines.append(line)
        line = indent
        visible = indent.count
        empty = true
      }
      if !empty {
        line += " "
        visible += 1
      }
      line += paint(piece.text, piece.style)
      visible += w
      empty = false
    }
    if !empty || lines.isEmpty { lines.append(line) }
    return lines.joined(separator: "\n")
  }
}
