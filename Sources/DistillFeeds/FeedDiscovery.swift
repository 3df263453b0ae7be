import CLibXML2
import Foundation

/// Finds the feeds an HTML page advertises with
/// `<link rel="alternate" type="application/rss+xml" href="…">` (or Atom, or JSON Feed), so a
/// user who passed a page instead of its feed can be told where the feed is.
public enum FeedDiscovery {
  static let feedTypes: Set<String> = [
    "application/rss+xml", "application/atom+xml", "application/feed+json", "application/json",
    "application/rdf+xml", "text/xml", "application/xml",
  ]

  /// Absolute URLs of the feeds `html` links to, in document order.
  public static func feedLinks(inHTML html: Data, baseURL: URL?) -> [String] {
    let options = Int32(
      HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
        | HTML_PARSE_NONET.rawValue)
    let document = html.withUnsafeBytes { buffer -> htmlDocPtr? in
      guard let bytes = buffer.baseAddress?.assumingMemoryBound(to: CChar.self) else { return nil }
      return htmlReadMemory(bytes, Int32(clamping: buffer.count), nil, nil, options)
    }
    guard let document else { return [] }
    defer { xmlFreeDoc(document) }
    var links: [String] = []
    var base = baseURL
    // Iterative walk: an HTML page may nest deeply, and recursion would follow it.
    var stack: [xmlNodePtr] = []
    if let root = xmlDocGetRootElement(document) { stack.append(root) }
    var visited = 0
    while let node = stack.popLast(), visited < 200_000 {
      visited += 1
      if node.pointee.type == XML_ELEMENT_NODE, let namePointer = node.pointee.name {
        let name = String(cString: namePointer).lowercased()
        if name == "base", let href = attribute(node, "href") {
          base = URL(string: URLResolution.resolve(href, against: baseURL)) ?? base
        }
        if name == "link",
          let rel = attribute(node, "rel")?.lowercased(),
          rel.split(separator: " ").contains("alternate"),
          let type = attribute(node, "type")?.lowercased(), feedTypes.contains(type),
          let href = attribute(node, "href")
        {
          links.append(href)
        }
        if name == "body" { continue }
      }
      var child = node.pointee.last
      while let current = child {
        stack.append(current)
        child = current.pointee.prev
      }
    }
    return unique(links.map { URLResolution.resolve($0, against: base) })
  }

  private static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
    guard let value = xmlGetProp(node, name) else { return nil }
    defer { free(value) }
    let string = String(cString: value).trimmedWhitespace()
    return string.isEmpty ? nil : string
  }
}
