import DistillText
import Foundation

/// RSS 0.9x, 1.0 (RDF) and 2.0, with the namespaces feeds mix in: `content:encoded`, Dublin
/// Core, Media RSS and `atom:link`.
enum RSSReader {
  static func read(rss root: XMLElementNode) -> Feed {
    let version = root.attribute("version")
    let kind: FeedKind = (version?.hasPrefix("0.9") ?? false) ? .rss09x : .rss20
    let channel = root.child("channel", nil) ?? root
    // Items belong in the channel; a few generators put them beside it.
    let items = channel.children("item", channel.namespace) + root.children("item", root.namespace)
    return makeFeed(
      kind: kind, version: version, channel: channel, items: items, core: channel.namespace)
  }

  static func read(rdf root: XMLElementNode) -> Feed {
    let channel = root.children.first { $0.name == "channel" }
    let core = channel?.namespace ?? root.children.first { $0.name == "item" }?.namespace
    let is090 = core == XMLNamespace.rss090
    var items = root.children.filter { $0.name == "item" && $0.namespace == core }
    if let channel { items += channel.children.filter { $0.name == "item" } }
    return makeFeed(
      kind: is090 ? .rss09x : .rss10, version: is090 ? "0.90" : "1.0", channel: channel ?? root,
      items: items, core: core)
  }

  private static func makeFeed(
    kind: FeedKind, version: String?, channel: XMLElementNode, items: [XMLElementNode],
    core: String?
  ) -> Feed {
    func text(_ name: String) -> String? { first(channel, name, core)?.trimmedText }
    let atomLinks = channel.children("link", XMLNamespace.atom)
    let selfLink = atomLinks.first { $0.attribute("rel") == "self" }
      .flatMap { $0.resolve($0.attribute("href")) }
    let siteLink =
      first(channel, "link", core).flatMap { $0.resolve($0.trimmedText) }
      ?? atomLinks.first { ($0.attribute("rel") ?? "alternate") == "alternate" }
      .flatMap { $0.resolve($0.attribute("href")) }
    let updated = [
      text("lastBuildDate"), text("pubDate"), channel.childText("date", XMLNamespace.dublinCore),
    ].lazy.compactMap { $0.flatMap(DateField.parse) }.first
    return Feed(
      kind: kind, version: version, title: TitleText.plain(text("title")), siteLink: siteLink,
      selfLink: selfLink,
      description: text("description"),
      language: text("language") ?? channel.childText("language", XMLNamespace.dublinCore),
      updated: updated, items: items.map { item($0, core: core) })
  }

  /// The first child named `name` in the dialect's own namespace (so `media:title` never passes
  /// for `title`).
  private static func first(_ element: XMLElementNode, _ name: String, _ core: String?)
    -> XMLElementNode?
  {
    element.children.first { $0.name == name && $0.namespace == core }
  }

  private static func item(_ element: XMLElementNode, core: String?) -> FeedItem {
    func own(_ name: String) -> XMLElementNode? { first(element, name, core) }
    let dc = XMLNamespace.dublinCore
    let guid = own("guid")
    // The id is kept exactly as written: it is an identity, not a link to resolve.
    let id = guid?.trimmedText ?? element.attribute("about")
    var link = own("link").flatMap { $0.resolve($0.trimmedText) }
    if link == nil {
      link =
        element.children("link", XMLNamespace.atom)
        .first { ($0.attribute("rel") ?? "alternate") == "alternate" }
        .flatMap { $0.resolve($0.attribute("href")) }
    }
    if link == nil, let guid, guid.attribute("isPermaLink")?.lowercased() != "false",
      let value = guid.trimmedText, value.hasPrefix("http://") || value.hasPrefix("https://")
    {
      link = value
    }
    let published = [own("pubDate"), element.child("date", dc), element.child("issued", nil)]
      .lazy.compactMap { $0?.trimmedText.flatMap(DateField.parse) }.first
    let updated = [
      element.child("updated", XMLNamespace.atom), element.child("modified", nil),
    ].lazy.compactMap { $0?.trimmedText.flatMap(DateField.parse) }.first
    var authors: [String] = []
    if let author = own("author")?.trimmedText { authors.append(authorName(author)) }
    authors += element.children("creator", dc).compactMap(\.trimmedText)
    authors += element.children("author", XMLNamespace.atom).compactMap {
      $0.childText("name", nil)
    }
    let description = own("description") ?? element.child("description", dc)
    let encoded = element.child("encoded", XMLNamespace.content)
    var categories = element.children.filter { $0.name == "category" && $0.namespace == core }
      .compactMap(\.trimmedText)
    categories += element.children("subject", dc).compactMap(\.trimmedText)
    return FeedItem(
      id: id,
      title: TitleText.plain(own("title").flatMap(markupOrText) ?? element.childText("title", dc)),
      link: link, published: published, updated: updated, authors: unique(authors),
      summary: description.flatMap(markupOrText), content: encoded.flatMap(markupOrText),
      categories: unique(categories), media: MediaReader.media(in: element, core: core),
      contentBase: (encoded ?? description ?? element).base?.absoluteString)
  }

  /// RSS 2.0 `<author>` is an e-mail address, usually with the name in parentheses.
  static func authorName(_ value: String) -> String {
    if let open = value.firstIndex(of: "("), let close = value.lastIndex(of: ")"), open < close {
      let name = value[value.index(after: open)..<close].trimmedWhitespace()
      if !name.isEmpty { return name }
    }
    return value
  }
}

/// Text of an element, or its markup when HTML was pasted in unescaped.
func markupOrText(_ element: XMLElementNode) -> String? {
  if let markup = element.innerMarkup {
    let trimmed = markup.trimmedWhitespace()
    return trimmed.isEmpty ? nil : trimmed
  }
  return element.trimmedText
}

func unique(_ values: [String]) -> [String] {
  var seen = Set<String>()
  return values.filter { seen.insert($0).inserted }
}

/// RSS `<enclosure>`, Atom `rel="enclosure"` links, and Media RSS content and thumbnails
/// (also inside `<media:group>`).
enum MediaReader {
  static func media(in element: XMLElementNode, core: String?) -> [FeedMedia] {
    var result: [FeedMedia] = []
    for enclosure in element.children where enclosure.name == "enclosure" {
      if let url = enclosure.resolve(enclosure.attribute("url")) {
        result.append(
          FeedMedia(
            url: url, role: .enclosure, mimeType: enclosure.attribute("type"),
            length: enclosure.attribute("length").flatMap { Int($0) }))
      }
    }
    for link in element.children
    where link.name == "link" && link.attribute("rel") == "enclosure"
      && (link.namespace == XMLNamespace.atom || link.namespace == XMLNamespace.atom03)
    {
      if let url = link.resolve(link.attribute("href")) {
        result.append(
          FeedMedia(
            url: url, role: .enclosure, mimeType: link.attribute("type"),
            length: link.attribute("length").flatMap { Int($0) }))
      }
    }
    result += mediaRSS(in: element)
    for group in element.children("group", XMLNamespace.media) { result += mediaRSS(in: group) }
    var seen = Set<String>()
    return result.filter { seen.insert("\($0.role.rawValue) \($0.url)").inserted }
  }

  private static func mediaRSS(in element: XMLElementNode) -> [FeedMedia] {
    var result: [FeedMedia] = []
    for child in element.children where child.namespace == XMLNamespace.media {
      switch child.name {
      case "content":
        if let url = child.resolve(child.attribute("url")) {
          result.append(
            FeedMedia(
              url: url, role: .content,
              mimeType: child.attribute("type") ?? child.attribute("medium"),
              length: child.attribute("fileSize").flatMap { Int($0) }))
        }
        // Thumbnails are often nested inside their media:content.
        for thumbnail in child.children("thumbnail", XMLNamespace.media) {
          if let url = thumbnail.resolve(thumbnail.attribute("url")) {
            result.append(FeedMedia(url: url, role: .thumbnail))
          }
        }
      case "thumbnail":
        if let url = child.resolve(child.attribute("url")) {
          result.append(FeedMedia(url: url, role: .thumbnail))
        }
      default:
        break
      }
    }
    return result
  }
}
