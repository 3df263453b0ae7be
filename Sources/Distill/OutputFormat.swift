import DistillModel
import DistillRender

/// The formats a brief can be printed in; the one place that maps a format to its renderer.
public enum OutputFormat: String, Sendable, CaseIterable {
  /// Markdown, the default.
  case md
  /// The versioned JSON schema (docs/json-schema.md).
  case json
  /// One self-contained HTML page.
  case html
  /// The summary sentences only, one per line (what ROUGE scores).
  case text
  /// Wrapped for a terminal, with colour when `colour` is set.
  case terminal

  public func renderer(colour: Bool = false, width: Int = 80) -> any BriefRenderer {
    switch self {
    case .md: return MarkdownRenderer()
    case .json: return JSONRenderer()
    case .html: return HTMLRenderer()
    case .text: return SummaryTextRenderer()
    case .terminal: return TerminalRenderer(colour: colour, width: width)
    }
  }
}
