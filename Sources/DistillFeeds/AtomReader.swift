import DistillText
import Foundation

/// Atom 1.0 (RFC 4287), and the Atom 0.3 drafts still served by old blogs.
enum AtomReader {
  static func read(feed root: XMLElementNode) -> Feed {
    let ns = root.namespace
    let feedAuthors = authors(of: root, ns: ns)
    let links = root.children("link", ns)
    return Feed(
      kind: .atom, version: ns == XMLNamespace.atom03 ? "0.3" : "1.0",
      title: TitleText.plain(root.child("title", ns).flatMap(textConstruct)),
      siteLink: alternateLink(links),
      selfLink: links.first { $0.attribute("rel") == "self" }
        .flatMap { $0.resolve($0.attribute("href")) },
      description: (root.child("subtitle", ns) ?? root.child("tagline", ns))
        .flatMap(textConstruct),
      language: root.attribute("lang"),
      updated: date(root, ["updated", "modified"], ns),
      items: root.children("entry", ns).map { entry($0, ns: ns, feedAuthors: feedAuthors) })
  }

  static func read(entryDocument root: XMLElementNode) -> Feed {
    Feed(
      kind: .atom, version: "1.0", title: nil, siteLink: nil, selfLink: nil,
      items: [entry(root, ns: root.namespace, feedAuthors: [])])
  }

  private static func entry(_ element: XMLElementNode, ns: String?, feedAuthors: [String])
    -> FeedItem
  {
    let links = element.children("link", ns)
    let content = element.child("content", ns)
    // `src` makes the content out-of-line: the element is empty and the body lives at the URL.
    let contentSource = content.flatMap { $0.resolve($0.attribute("src")) }
    var entryAuthors = authors(of: element, ns: ns)
    if entryAuthors.isEmpty, let source = element.child("source", ns) {
      entryAuthors = authors(of: source, ns: ns)
    }
    let published = date(element, ["published", "issued", "created"], ns)
    let updated = date(element, ["updated", "modified"], ns)
    let media = MediaReader.media(in: element, core: ns)
    return FeedItem(
      id: element.childText("id", ns),
      title: TitleText.plain(element.child("title", ns).flatMap(textConstruct)),
      link: alternateLink(links) ?? contentSource,
      published: published,
      updated: updated,
      authors: unique(entryAuthors.isEmpty ? feedAuthors : entryAuthors),
      summary: element.child("summary", ns).flatMap(textConstruct),
      content: contentSource == nil ? content.flatMap(textConstruct) : nil,
      categories: unique(
        element.children("category", ns).compactMap {
          ($0.attribute("term") ?? $0.attribute("label"))?
            .trimmedWhitespace()
        }.filter { !$0.isEmpty }),
      media: media,
      contentBase: (content ?? element).base?.absoluteString)
  }

  /// The `rel="alternate"` link (the default relation), preferring an HTML one.
  private static func alternateLink(_ links: [XMLElementNode]) -> String? {
    let alternates = links.filter { ($0.attribute("rel") ?? "alternate") == "alternate" }
    let preferred =
      alternates.first { ($0.attribute("type") ?? "text/html").contains("html") }
      ?? alternates.first
    return preferred.flatMap { $0.resolve($0.attribute("href")) }
  }

  private static func authors(of element: XMLElementNode, ns: String?) -> [String] {
    (element.children("author", ns) + element.children("contributor", ns))
      .compactMap { $0.childText("name", ns) ?? $0.childText("email", ns) }
  }

  private static func date(_ element: XMLElementNode, _ names: [String], _ ns: String?) -> Date? {
    names.lazy.compactMap { element.childText($0, ns).flatMap(DateField.parse) }.first
  }

  /// An Atom text construct: `type="text"` and `"html"` as written; `"xhtml"` as the markup
  /// inside its wrapping `<div>`.
  static func textConstruct(_ element: XMLElementNode) -> String? {
    if element.attribute("type") == "xhtml" || element.attribute("type") == "application/xhtml+xml"
    {
      if let div = element.child("div", XMLNamespace.xhtml) ?? element.child("div", nil) {
        return markupOrText(div) ?? div.trimmedText
      }
    }
    return markupOrText(element)
  }
}
