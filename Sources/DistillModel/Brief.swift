import Foundation

/// A pointer from brief text to the source text it rests on.
public struct Citation: Sendable, Codable, Hashable {
  /// 1-based number of the source in the brief's source list: the `n` of `[n]`.
  public var source: Int
  /// Where in that source's extracted article text the supporting text is.
  public var span: TextSpan

  public init(source: Int, span: TextSpan) {
    self.source = source
    self.span = span
  }
}

/// A sentence of the brief with the sources it rests on.
public struct BriefSentence: Sendable, Codable, Hashable {
  public var text: String
  public var citations: [Citation]
  public init(text: String, citations: [Citation]) {
    self.text = text
    self.citations = citations
  }
  /// The distinct source numbers cited, in ascending order.
  public var sourceNumbers: [Int] { Array(Set(citations.map(\.source))).sorted() }
}

/// A sub-headed part of the brief's body.
public struct BriefSection: Sendable, Codable, Hashable {
  public var heading: String
  public var sentences: [BriefSentence]
  public init(heading: String, sentences: [BriefSentence]) {
    self.heading = heading
    self.sentences = sentences
  }
}

/// A direct quotation, verbatim, with its speaker when the source names one.
public struct Quote: Sendable, Codable, Hashable {
  /// The quoted words exactly as in the source, without the surrounding quotation marks.
  public var text: String
  /// Who said it, or nil when the source does not say (shown as unattributed, never guessed).
  public var speaker: String?
  /// The speaker's role or title as the source gives it ("the port authority's director").
  public var role: String?
  public var citation: Citation
  /// Later parts of the same quotation when the source interrupts it with the attribution
  /// (`"A," she said, "B."`): each verbatim, with its own exact citation. Empty otherwise.
  public var continuations: [QuoteContinuation]

  public init(
    text: String, speaker: String? = nil, role: String? = nil, citation: Citation,
    continuations: [QuoteContinuation] = []
  ) {
    self.text = text
    self.speaker = speaker
    self.role = role
    self.citation = citation
    self.continuations = continuations
  }

  private enum CodingKeys: String, CodingKey {
    case text, speaker, role, citation, continuations
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    text = try c.decode(String.self, forKey: .text)
    speaker = try c.decodeIfPresent(String.self, forKey: .speaker)
    role = try c.decodeIfPresent(String.self, forKey: .role)
    citation = try c.decode(Citation.self, forKey: .citation)
    continuations = try c.decodeIfPresent([QuoteContinuation].self, forKey: .continuations) ?? []
  }
}

/// A later, verbatim part of an interrupted quotation, with its exact citation.
public struct QuoteContinuation: Sendable, Codable, Hashable {
  public var text: String
  public var citation: Citation
  public init(text: String, citation: Citation) {
    self.text = text
    self.citation = citation
  }
}

/// How precisely a timeline date is known.
public enum DatePrecision: String, Sendable, Codable, Hashable {
  case day, month, year
}

/// One row of the background timeline: a date and what happened, cited.
public struct TimelineEntry: Sendable, Codable, Hashable {
  public var date: Date
  public var precision: DatePrecision
  public var event: BriefSentence
  /// True for background events that predate the story's own news.
  public var isBackground: Bool
  /// True when the date was inferred (for example from an undated article's content).
  public var isInferred: Bool

  public init(
    date: Date, precision: DatePrecision, event: BriefSentence, isBackground: Bool,
    isInferred: Bool = false
  ) {
    self.date = date
    self.precision = precision
    self.event = event
    self.isBackground = isBackground
    self.isInferred = isInferred
  }
}

/// One source's figure for a counted quantity.
public struct FigureReport: Sendable, Codable, Hashable {
  /// The figure as written ("at least 40", "57").
  public var value: String
  public var number: Double
  /// The date of the report (the source's date), when known.
  public var reported: Date?
  public var citation: Citation

  public init(value: String, number: Double, reported: Date?, citation: Citation) {
    self.value = value
    self.number = number
    self.reported = reported
    self.citation = citation
  }
}

/// A counted quantity ("dead", "evacuated", "dollars") and what each source says it is.
public struct KeyFigure: Sendable, Codable, Hashable {
  /// What is counted, in the sources' words.
  public var label: String
  public var reports: [FigureReport]
  public init(label: String, reports: [FigureReport]) {
    self.label = label
    self.reports = reports
  }
  /// True when the sources give different numbers for the same thing.
  public var isDisputed: Bool { Set(reports.map(\.number)).count > 1 }
}

/// A numbered source of the brief.
public struct BriefSource: Sendable, Codable, Hashable {
  /// 1-based number used in citations.
  public var number: Int
  public var title: String
  public var outlet: String?
  public var published: Date?
  /// URL when known, otherwise the file path as given.
  public var location: String
  /// True for the source that reported the story first.
  public var isFirstReport: Bool
  /// Other outlets that ran the same text (syndicated copies merged into this one).
  public var alsoPublishedBy: [String]
  /// The extracted article text that citation offsets index into.
  public var text: String

  public init(
    number: Int, title: String, outlet: String?, published: Date?, location: String,
    isFirstReport: Bool = false, alsoPublishedBy: [String] = [], text: String
  ) {
    self.number = number
    self.title = title
    self.outlet = outlet
    self.published = published
    self.location = location
    self.isFirstReport = isFirstReport
    self.alsoPublishedBy = alsoPublishedBy
    self.text = text
  }
}

/// The composed brief: what every renderer renders.
public struct Brief: Sendable, Codable, Hashable {
  /// Version of the JSON schema (docs/json-schema.md).
  public static let schemaVersion = 1

  public var headline: String
  /// The date of the newest source, when known.
  public var dateline: Date?
  /// Where the story happens, when the sources say ("PINE RIDGE, S.D.").
  public var place: String?
  public var lede: [BriefSentence]
  public var sections: [BriefSection]
  public var quotes: [Quote]
  public var timeline: [TimelineEntry]
  public var whatsNext: [BriefSentence]
  public var figures: [KeyFigure]
  /// In update mode: what the newest articles add.
  public var whatsNew: [BriefSentence]
  public var sources: [BriefSource]
  public var notice: String
  public var generatedAt: Date

  public init(
    headline: String, dateline: Date?, place: String? = nil, lede: [BriefSentence],
    sections: [BriefSection], quotes: [Quote] = [], timeline: [TimelineEntry] = [],
    whatsNext: [BriefSentence] = [], figures: [KeyFigure] = [], whatsNew: [BriefSentence] = [],
    sources: [BriefSource], notice: String, generatedAt: Date
  ) {
    self.headline = headline
    self.dateline = dateline
    self.place = place
    self.lede = lede
    self.sections = sections
    self.quotes = quotes
    self.timeline = timeline
    self.whatsNext = whatsNext
    self.figures = figures
    self.whatsNew = whatsNew
    self.sources = sources
    self.notice = notice
    self.generatedAt = generatedAt
  }

  /// Every cited sentence of the brief, in reading order (lede, sections, what's new/next,
  /// timeline events).
  public var allSentences: [BriefSentence] {
    lede + sections.flatMap(\.sentences) + whatsNew + whatsNext + timeline.map(\.event)
  }
}

/// Renders a brief into one output format.
public protocol BriefRenderer: Sendable {
  func render(_ brief: Brief) -> String
}

/// A source of "now", injected so output is deterministic in tests.
public protocol Clock: Sendable {
  var now: Date { get }
}

public struct SystemClock: Clock {
  public init() {}
  public var now: Date { Date() }
}

public struct FixedClock: Clock {
  public var now: Date
  public init(_ now: Date) { self.now = now }
}
