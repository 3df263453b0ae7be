import Foundation

/// The syndication format a feed was written in.
public enum FeedKind: String, Sendable, Codable, Hashable, CaseIterable {
  /// Netscape/UserLand RSS 0.90–0.94 (0.90 is RDF-based; 0.91–0.94 are plain `<rss>`).
  case rss09x = "rss-0.9x"
  /// RSS 1.0, the RDF dialect (`<rdf:RDF>` with `<item>`s beside the `<channel>`).
  case rss10 = "rss-1.0"
  case rss20 = "rss-2.0"
  case atom = "atom"
  case jsonFeed = "json-feed"

  /// How the format is usually named.
  public var displayName: String {
    switch self {
    case .rss09x: return "RSS 0.9x"
    case .rss10: return "RSS 1.0 (RDF)"
    case .rss20: return "RSS 2.0"
    case .atom: return "Atom"
    case .jsonFeed: return "JSON Feed"
    }
  }
}

/// A media object attached to an item: an RSS `<enclosure>`, a Media RSS `<media:content>` or
/// `<media:thumbnail>`, an Atom `rel="enclosure"` link, or a JSON Feed attachment or image.
public struct FeedMedia: Sendable, Codable, Equatable, Hashable {
  public enum Role: String, Sendable, Codable, Hashable {
    case enclosure, content, thumbnail, image
  }
  /// Absolute URL (resolved against `xml:base` and the feed URL).
  public var url: String
  public var role: Role
  /// MIME type, when declared ("audio/mpeg", "image/jpeg").
  public var mimeType: String?
  /// Size in bytes, when declared.
  public var length: Int?

  public init(url: String, role: Role, mimeType: String? = nil, length: Int? = nil) {
    self.url = url
    self.role = role
    self.mimeType = mimeType
    self.length = length
  }
}

/// One entry of a feed. Every field but ``media``, ``authors`` and ``categories`` is optional,
/// because real feeds omit any of them.
public struct FeedItem: Sendable, Codable, Equatable, Hashable {
  /// The item's own identifier: RSS `<guid>`, Atom `<id>`, RSS 1.0 `rdf:about`, JSON Feed `id`.
  public var id: String?
  /// Plain text: tags stripped and HTML entities decoded, whitespace collapsed.
  public var title: String?
  /// The article's absolute URL.
  public var link: String?
  /// Publication time (UTC).
  public var published: Date?
  /// Last modification time (UTC).
  public var updated: Date?
  public var authors: [String]
  /// The short description (RSS `<description>`, Atom `<summary>`); usually HTML.
  public var summary: String?
  /// The full body when the feed carries it (`content:encoded`, Atom `<content>`,
  /// JSON Feed `content_html`/`content_text`); usually HTML.
  public var content: String?
  public var categories: [String]
  public var media: [FeedMedia]
  /// The base URL for relative links inside ``summary`` and ``content`` (the innermost
  /// `xml:base`, else the feed URL).
  public var contentBase: String?

  public init(
    id: String? = nil, title: String? = nil, link: String? = nil, published: Date? = nil,
    updated: Date? = nil, authors: [String] = [], summary: String? = nil, content: String? = nil,
    categories: [String] = [], media: [FeedMedia] = [], contentBase: String? = nil
  ) {
    self.id = id
    self.title = title
    self.link = link
    self.published = published
    self.updated = updated
    self.authors = authors
    self.summary = summary
    self.content = content
    self.categories = categories
    self.media = media
    self.contentBase = contentBase
  }

  /// The best single time for ordering: publication, else last update.
  public var date: Date? { published ?? updated }
}

/// A parsed feed.
public struct Feed: Sendable, Codable, Equatable, Hashable {
  public var kind: FeedKind
  /// The version the document declares ("2.0", "0.91", "1.1"), when it declares one.
  public var version: String?
  public var title: String?
  /// The site the feed belongs to (RSS `<link>`, Atom `rel="alternate"`, JSON `home_page_url`).
  public var siteLink: String?
  /// The feed's own URL when it names one (Atom/`atom:link` `rel="self"`, JSON `feed_url`).
  public var selfLink: String?
  public var description: String?
  public var language: String?
  public var updated: Date?
  public var items: [FeedItem]
  /// Problems that did not stop the parse, one line each (for example "the XML was malformed
  /// at line 40; kept the 12 items read before it").
  public var warnings: [String]

  public init(
    kind: FeedKind, version: String? = nil, title: String? = nil, siteLink: String? = nil,
    selfLink: String? = nil, description: String? = nil, language: String? = nil,
    updated: Date? = nil, items: [FeedItem] = [], warnings: [String] = []
  ) {
    self.kind = kind
    self.version = version
    self.title = title
    self.siteLink = siteLink
    self.selfLink = selfLink
    self.description = description
    self.language = language
    self.updated = updated
    self.items = items
    self.warnings = warnings
  }
}

/// Why a document could not be read as a feed. ``message`` is one line a user can act on.
public enum FeedError: Error, Sendable, Equatable, Hashable, CustomStringConvertible {
  case empty
  case tooLarge(bytes: Int, limit: Int)
  /// NUL bytes or other binary content where text was expected.
  case binary
  /// An HTML page; `feedLinks` are the feeds it advertises with `<link rel="alternate">`.
  case htmlPage(feedLinks: [String])
  /// The document declares entities in its DTD, which feeds never need and which is how
  /// entity-expansion ("billion laughs") attacks are built.
  case entityDeclarations
  case tooDeeplyNested(limit: Int)
  /// The XML ended before its elements were closed.
  case truncated(line: Int)
  case malformedXML(line: Int, reason: String)
  /// Well-formed XML whose root is not a feed element.
  case notAFeed(root: String)
  /// XML that is not an OPML document.
  case notAnOPML(root: String)
  case malformedJSON(String)
  /// JSON that is not a JSON Feed.
  case notAJSONFeed(String)
  case invalidEncoding

  public var message: String {
    switch self {
    case .empty: return "is empty"
    case .tooLarge(let bytes, let limit):
      return "is \(bytes) bytes, over the \(limit)-byte limit for one feed"
    case .binary: return "is binary data, not a feed"
    case .htmlPage(let links):
      if links.isEmpty { return "is an HTML page, not a feed" }
      return "is an HTML page, not a feed (it links to the feed \(links.joined(separator: ", ")))"
    case .entityDeclarations:
      return "declares XML entities in its DTD; refused, since feeds never need them and they "
        + "are how entity-expansion attacks work"
    case .tooDeeplyNested(let limit):
      return "nests elements more than \(limit) levels deep; refused"
    case .truncated(let line): return "is truncated XML (it ends at line \(line) inside an element)"
    case .malformedXML(let line, let reason):
      return "is not well-formed XML (line \(line): \(reason))"
    case .notAFeed(let root):
      return "is XML but not a feed (its root element is <\(root)>, not <rss>, <feed> or <rdf:RDF>)"
    case .notAnOPML(let root):
      return "is XML but not an OPML subscription list (its root element is <\(root)>)"
    case .malformedJSON(let reason): return "is not valid JSON (\(reason))"
    case .notAJSONFeed(let reason): return "is JSON but not a JSON Feed (\(reason))"
    case .invalidEncoding: return "is not in a text encoding that could be decoded"
    }
  }

  public var description: String { message }
}
