import Foundation

/// Where an input came from, exactly as the user named it (a path, a URL, or `-` for stdin).
public struct SourceRef: Sendable, Codable, Hashable, CustomStringConvertible {
  public var location: String
  public init(_ location: String) { self.location = location }
  public var description: String { location }
}

/// The input formats Distill reads.
public enum InputFormat: String, Sendable, Codable, Hashable, CaseIterable {
  case plainText = "text"
  case html
  case newswireSGML = "sgml"
}

/// What is known about an article besides its text. Every field is optional: a plain-text
/// scrape may carry nothing but a title.
public struct ArticleMetadata: Sendable, Codable, Equatable, Hashable {
  public var title: String?
  /// Publication time (UTC).
  public var published: Date?
  /// Last update time (UTC), when the page gives one.
  public var updated: Date?
  /// The outlet or site name ("The Harbor Ledger").
  public var outlet: String?
  public var authors: [String]
  public var url: String?
  /// BCP-47 language tag, when declared or detected ("en", "de").
  public var language: String?
  public var imageURL: String?
  /// Wire-service identifier, such as a DUC `DOCNO`.
  public var documentID: String?
  /// The dateline place ("KANSAS CITY, Mo."), when the article has one.
  public var place: String?

  public init(
    title: String? = nil, published: Date? = nil, updated: Date? = nil, outlet: String? = nil,
    authors: [String] = [], url: String? = nil, language: String? = nil, imageURL: String? = nil,
    documentID: String? = nil, place: String? = nil
  ) {
    self.title = title
    self.published = published
    self.updated = updated
    self.outlet = outlet
    self.authors = authors
    self.url = url
    self.language = language
    self.imageURL = imageURL
    self.documentID = documentID
    self.place = place
  }
}

/// How much of an input the cleaning rules removed, and why.
public struct CleaningReport: Sendable, Codable, Equatable, Hashable {
  /// Lines (or paragraphs) the input had before cleaning.
  public var linesIn: Int
  /// Lines removed, keyed by the name of the rule that removed them.
  public var removedByRule: [String: Int]

  public init(linesIn: Int = 0, removedByRule: [String: Int] = [:]) {
    self.linesIn = linesIn
    self.removedByRule = removedByRule
  }

  public var linesRemoved: Int { removedByRule.values.reduce(0, +) }

  public mutating func record(_ rule: String, count: Int = 1) {
    removedByRule[rule, default: 0] += count
  }
}

/// One article after extraction and cleaning: the unit every later stage works on.
///
/// `text` is the article body only — no title, no page furniture — with paragraphs separated by
/// a blank line (`"\n\n"`). Character offsets elsewhere in Distill (``TextSpan``) index into it.
public struct Article: Sendable, Codable, Equatable, Hashable, Identifiable {
  /// Stable identifier: the wire document ID when there is one, else a content hash.
  public var id: String
  public var source: SourceRef
  public var format: InputFormat
  public var title: String
  public var text: String
  public var metadata: ArticleMetadata
  public var cleaning: CleaningReport

  public init(
    id: String, source: SourceRef, format: InputFormat, title: String, text: String,
    metadata: ArticleMetadata = ArticleMetadata(), cleaning: CleaningReport = CleaningReport()
  ) {
    self.id = id
    self.source = source
    self.format = format
    self.title = title
    self.text = text
    self.metadata = metadata
    self.cleaning = cleaning
  }

  /// Paragraphs of ``text``.
  public var paragraphs: [Substring] {
    text.split(separator: "\n\n", omittingEmptySubsequences: true)
  }
}
