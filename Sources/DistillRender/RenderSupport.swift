import DistillModel
import Foundation

/// Wording shared by the renderers, so every format says the same thing the same way.
enum RenderSupport {
  static let utc: Calendar = {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar
  }()

  /// Month names in news (AP) style.
  static let months = [
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
  ]
  static let fullMonths = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
  ]

  /// "Nov. 21, 2026", "March 2014" or "2014", as precise as the date is known.
  static func date(_ date: Date, precision: DatePrecision = .day) -> String {
    let c = utc.dateComponents([.year, .month, .day], from: date)
    switch precision {
    case .day: return "\(months[c.month! - 1]) \(c.day!), \(c.year!)"
    case .month: return "\(fullMonths[c.month! - 1]) \(c.year!)"
    case .year: return "\(c.year!)"
    }
  }

  /// "2026-11-21"
  static func isoDay(_ date: Date) -> String {
    let c = utc.dateComponents([.year, .month, .day], from: date)
    return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
  }

  /// "2026-11-21T05:17:00Z"
  static func isoTime(_ date: Date) -> String {
    let c = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    return String(
      format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!,
      c.second!)
  }

  /// "[1, 3]" for the distinct sources cited.
  static func marker(_ numbers: [Int]) -> String {
    numbers.isEmpty ? "" : "[" + numbers.map(String.init).joined(separator: ", ") + "]"
  }

  /// The dateline: "PINE RIDGE, S.D., Nov. 21, 2026", or the date alone, or the place alone.
  static func dateline(_ brief: Brief) -> String? {
    switch (brief.place, brief.dateline) {
    case (let place?, let date?): return "\(place), \(Self.date(date))"
    case (let place?, nil): return place
    case (nil, let date?): return Self.date(date)
    case (nil, nil): return nil
    }
  }

  /// The words of a quotation, interrupted parts joined by an ellipsis.
  static func quoteText(_ quote: Quote) -> String {
    ([quote.text] + quote.continuations.map(\.text)).joined(separator: " \u{2026} ")
  }

  /// Distinct sources of a quote, in order.
  static func quoteSources(_ quote: Quote) -> [Int] {
    Array(Set([quote.citation.source] + quote.continuations.map(\.citation.source))).sorted()
  }

  /// "Maria Ortega, the port authority's director", "a police spokesman", or "unattributed".
  static func attribution(_ quote: Quote) -> String {
    switch (quote.speaker, quote.role) {
    case (let s?, let r?): return "\(s), \(r)"
    case (let s?, nil): return s
    case (nil, let r?): return r
    case (nil, nil): return "unattributed"
    }
  }

  /// One report of a figure in words: "at least 40 evacuated", "$2.5 million in damage".
  static func figureValue(_ report: FigureReport, label: String) -> String {
    if label.hasPrefix("dollars") {
      let rest = label.dropFirst("dollars".count)
      return report.value + rest
    }
    return "\(report.value) \(label)"
  }

  /// "Dead", "Homes destroyed".
  static func figureLabel(_ figure: KeyFigure) -> String {
    var label = figure.label
    // "dollars in emergency aid" is listed as "Emergency aid".
    for prefix in ["dollars in ", "dollars for "] where label.hasPrefix(prefix) {
      label = String(label.dropFirst(prefix.count))
    }
    guard let first = label.first else { return label }
    return first.uppercased() + label.dropFirst()
  }

  /// "Title — Outlet, Nov. 21, 2026"
  static func sourceLine(_ source: BriefSource) -> String {
    var parts: [String] = [source.title]
    var meta: [String] = []
    if let outlet = source.outlet { meta.append(outlet) }
    if let date = source.published { meta.append(Self.date(date)) }
    if !meta.isEmpty { parts.append(meta.joined(separator: ", ")) }
    return parts.joined(separator: " \u{2014} ")
  }

  /// "first report; also published by AP, Reuters", or nil.
  static func sourceNotes(_ source: BriefSource) -> String? {
    var notes: [String] = []
    if source.isFirstReport { notes.append("first report") }
    if !source.alsoPublishedBy.isEmpty {
      notes.append("also published by " + source.alsoPublishedBy.joined(separator: ", "))
    }
    return notes.isEmpty ? nil : notes.joined(separator: "; ")
  }

  static func isURL(_ location: String) -> Bool {
    location.hasPrefix("http://") || location.hasPrefix("https://")
  }

  /// The cited source text, for tooltips: the text of the first citation's span.
  static func citedText(_ brief: Brief, _ citation: Citation) -> String? {
    guard brief.sources.indices.contains(citation.source - 1) else { return nil }
    return brief.sources[citation.source - 1].text.text(in: citation.span)
  }

  /// Escapes text for HTML and XML element content and attribute values.
  static func escapeXML(_ text: String) -> String { XMLEscape.escape(text) }

  /// Headings of the standard parts, shared so all formats agree.
  enum Heading {
    static let quotes = "Quotes"
    static let timeline = "Background"
    static let whatsNext = "What's next"
    static let whatsNew = "What's new"
    static let figures = "Key figures"
    static let sources = "Sources"
  }
}
