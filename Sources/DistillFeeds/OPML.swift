import DistillModel
import Foundation

/// One `<outline>` of an OPML subscription list: a feed (it has an `xmlUrl`) or a folder of
/// outlines.
public struct OPMLOutline: Sendable, Codable, Equatable, Hashable {
  /// The `text` attribute (OPML's required label).
  public var text: String
  /// The `title` attribute, which feed readers often set equal to `text`.
  public var title: String?
  /// The `type` attribute ("rss" for subscriptions).
  public var type: String?
  /// The feed's URL.
  public var xmlURL: String?
  /// The site's URL.
  public var htmlURL: String?
  public var children: [OPMLOutline]

  public init(
    text: String, title: String? = nil, type: String? = nil, xmlURL: String? = nil,
    htmlURL: String? = nil, children: [OPMLOutline] = []
  ) {
    self.text = text
    self.title = title
    self.type = type
    self.xmlURL = xmlURL
    self.htmlURL = htmlURL
    self.children = children
  }
}

/// A subscription, flattened out of the outline tree with the folders it sat in.
public struct Subscription: Sendable, Codable, Equatable, Hashable {
  public var title: String
  public var feedURL: String
  public var siteURL: String?
  /// Enclosing folder names, outermost first.
  public var folders: [String]

  public init(title: String, feedURL: String, siteURL: String? = nil, folders: [String] = []) {
    self.title = title
    self.feedURL = feedURL
    self.siteURL = siteURL
    self.folders = folders
  }
}

/// An OPML 1.0/2.0 document holding a subscription list.
public struct OPMLDocument: Sendable, Codable, Equatable, Hashable {
  public var title: String?
  public var outlines: [OPMLOutline]

  public init(title: String? = nil, outlines: [OPMLOutline] = []) {
    self.title = title
    self.outlines = outlines
  }

  /// Builds a flat list (one folder level per distinct folder path).
  public init(title: String? = nil, subscriptions: [Subscription]) {
    self.title = title
    var root: [OPMLOutline] = []
    for subscription in subscriptions {
      let leaf = OPMLOutline(
        text: subscription.title, title: subscription.title, type: "rss",
        xmlURL: subscription.feedURL, htmlURL: subscription.siteURL)
      Self.insert(leaf, into: &root, path: subscription.folders[...])
    }
    self.outlines = root
  }

  private static func insert(
    _ leaf: OPMLOutline, into outlines: inout [OPMLOutline], path: ArraySlice<String>
  ) {
    guard let folder = path.first else {
      outlines.append(leaf)
      return
    }
    if let index = outlines.firstIndex(where: { $0.xmlURL == nil && $0.text == folder }) {
      insert(leaf, into: &outlines[index].children, path: path.dropFirst())
    } else {
      var newFolder = OPMLOutline(text: folder, title: folder)
      insert(leaf, into: &newFolder.children, path: path.dropFirst())
      outlines.append(newFolder)
    }
  }

  /// Every outline with an `xmlUrl`, depth first, with its enclosing folder names.
  public var subscriptions: [Subscription] {
    var result: [Subscription] = []
    func walk(_ outlines: [OPMLOutline], folders: [String]) {
      for outline in outlines {
        if let url = outline.xmlURL {
          result.append(
            Subscription(
              title: outline.title ?? outline.text, feedURL: url, siteURL: outline.htmlURL,
              folders: folders))
        }
        if !outline.children.isEmpty {
          walk(
            outline.children, folders: outline.xmlURL == nil ? folders + [outline.text] : folders)
        }
      }
    }
    walk(outlines, folders: [])
    return result
  }

  /// Parses an OPML document under the same limits as feeds (no DTD, no entities, bounded depth).
  public static func parse(_ data: Data, maxBytes: Int = 16 << 20) throws(FeedError) -> OPMLDocument
  {
    let offset: Int
    switch try Sniffer.check(data, limit: maxBytes) {
    case .json: throw FeedError.notAFeed(root: "JSON")
    case .html: throw FeedError.htmlPage(feedLinks: [])
    case .xml(let start): offset = start
    }
    if Sniffer.declaresEntities(data) { throw FeedError.entityDeclarations }
    let body = offset > 0 ? data.subdata(in: offset..<data.count) : data
    switch XMLTreeReader.parse(body, baseURL: nil, recover: false) {
    case .failure(let failure):
      if failure.isDepthLimit { throw FeedError.tooDeeplyNested(limit: 256) }
      if failure.isTruncation { throw FeedError.truncated(line: failure.line) }
      throw FeedError.malformedXML(line: failure.line, reason: failure.message)
    case .success(let parsed):
      let root = parsed.root
      guard root.name.lowercased() == "opml" else {
        throw FeedError.notAnOPML(root: root.name)
      }
      let body = root.child("body", nil)
      return OPMLDocument(
        title: root.child("head", nil)?.childText("title", nil),
        outlines: (body?.children ?? []).filter { $0.name == "outline" }.map(outline))
    }
  }

  private static func outline(_ element: XMLElementNode) -> OPMLOutline {
    func attribute(_ name: String) -> String? {
      // Exporters disagree on case ("xmlUrl", "xmlURL", "xmlurl").
      let value =
        element.attribute(name)
        ?? element.attributes.first { $0.key.lowercased() == name.lowercased() }?.value
      let trimmed = value?.trimmedWhitespace()
      return trimmed?.isEmpty == false ? trimmed : nil
    }
    let title = attribute("title")
    return OPMLOutline(
      text: attribute("text") ?? title ?? "", title: title, type: attribute("type"),
      xmlURL: attribute("xmlUrl"), htmlURL: attribute("htmlUrl"),
      children: element.children.filter { $0.name == "outline" }.map(outline))
  }

  /// The document as OPML 2.0 text.
  public func xml() -> String {
    var lines = [
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<opml version=\"2.0\">", "  <head>",
    ]
    if let title { lines.append("    <title>\(Self.escape(title))</title>") }
    lines.append("  </head>")
    lines.append("  <body>")
    func write(_ outline: OPMLOutline, indent: String) {
      var attributes = "text=\"\(Self.escape(outline.text))\""
      if let title = outline.title { attributes += " title=\"\(Self.escape(title))\"" }
      if let type = outline.type { attributes += " type=\"\(Self.escape(type))\"" }
      if let url = outline.xmlURL { attributes += " xmlUrl=\"\(Self.escape(url))\"" }
      if let url = outline.htmlURL { attributes += " htmlUrl=\"\(Self.escape(url))\"" }
      if outline.children.isEmpty {
        lines.append("\(indent)<outline \(attributes)/>")
      } else {
        lines.append("\(indent)<outline \(attributes)>")
        for child in outline.children { write(child, indent: indent + "  ") }
        lines.append("\(indent)</outline>")
      }
    }
    for outline in outlines { write(outline, indent: "    ") }
    lines.append("  </body>")
    lines.append("</opml>")
    return lines.joined(separator: "\n") + "\n"
  }

  /// Escapes text for an XML attribute or element; control characters XML cannot carry are
  /// dropped.
  static func escape(_ value: String) -> String { XMLEscape.escape(value, attribute: true) }
}
