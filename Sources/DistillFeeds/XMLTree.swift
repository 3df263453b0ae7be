import CLibXML2
import Foundation

/// A small immutable element tree copied out of libxml2, so the dialect readers are plain Swift
/// and no libxml2 pointer outlives a parse.
struct XMLElementNode: Sendable {
  /// Local name, without prefix ("encoded" for `content:encoded`).
  var name: String
  /// Namespace URI, or nil when the element is in no namespace.
  var namespace: String?
  /// Attributes by local name; the few namespaced attributes feeds use (`xml:base`, `rdf:about`)
  /// are also reachable by local name, which no feed dialect makes ambiguous.
  var attributes: [String: String]
  var children: [XMLElementNode]
  /// The element's own text and CDATA; for the text-bearing elements of a feed (title, summary,
  /// content, description…) all descendant text.
  var text: String
  /// The serialized child elements and text, when the element holds markup (Atom `type="xhtml"`,
  /// or HTML pasted unescaped into an RSS description); nil when it holds text only.
  var innerMarkup: String?
  /// The base URL in force at this element: the document URL, then each `xml:base` on the way
  /// down resolved against its parent's.
  var base: URL?
  /// Nesting depth (the root is 0).
  var depth: Int

  func attribute(_ name: String) -> String? { attributes[name] }

  /// The first child with local name `name` (in `namespace` when given).
  func child(_ name: String, _ namespace: String? = nil) -> XMLElementNode? {
    children.first { $0.name == name && (namespace == nil || $0.namespace == namespace) }
  }

  func children(_ name: String, _ namespace: String? = nil) -> [XMLElementNode] {
    children.filter { $0.name == name && (namespace == nil || $0.namespace == namespace) }
  }

  /// Trimmed text of the first matching child, nil when missing or blank.
  func childText(_ name: String, _ namespace: String? = nil) -> String? {
    child(name, namespace)?.trimmedText
  }

  var trimmedText: String? {
    let trimmed = text.trimmedWhitespace()
    return trimmed.isEmpty ? nil : trimmed
  }

  /// Resolves `reference` against the base in force here; returns it unchanged when it cannot be
  /// resolved (feeds carry `urn:` ids and other strings that are not URLs).
  func resolve(_ reference: String?) -> String? {
    guard let reference = reference?.trimmedWhitespace(),
      !reference.isEmpty
    else { return nil }
    return URLResolution.resolve(reference, against: base)
  }
}

extension StringProtocol {
  /// Trims Unicode whitespace and newlines natively (Foundation's `trimmingCharacters` goes
  /// through NSString on Linux and dominated parse profiles).
  func trimmedWhitespace() -> String {
    let string = String(self)
    let scalars = string.unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
    let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
    if first == string.startIndex && scalars.index(after: last) == string.endIndex {
      return string
    }
    return String(string[first...last])
  }
}

enum URLResolution {
  static func resolve(_ reference: String, against base: URL?) -> String {
    if let absolute = URL(string: reference), absolute.scheme != nil { return reference }
    guard let base, let resolved = URL(string: reference, relativeTo: base)?.absoluteURL else {
      return reference
    }
    return resolved.absoluteString
  }
}

/// Namespace URIs the feed dialects use.
enum XMLNamespace {
  static let atom = "http://www.w3.org/2005/Atom"
  static let atom03 = "http://purl.org/atom/ns#"
  static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  static let rss1 = "http://purl.org/rss/1.0/"
  static let rss090 = "http://my.netscape.com/rdf/simple/0.9/"
  static let content = "http://purl.org/rss/1.0/modules/content/"
  static let dublinCore = "http://purl.org/dc/elements/1.1/"
  static let media = "http://search.yahoo.com/mrss/"
  static let xml = "http://www.w3.org/XML/1998/namespace"
  static let xhtml = "http://www.w3.org/1999/xhtml"
}

final class FirstErrorLog {
  var first: XMLParseFailure?
}

/// Why libxml2 refused a document, in the parser's own words plus the line.
struct XMLParseFailure: Error, Sendable {
  var code: Int
  var line: Int
  var message: String
  /// The parser ran out of input inside an open element.
  var isTruncation: Bool
  var isDepthLimit: Bool
}

/// Parses XML with libxml2 under options that keep hostile input cheap.
///
/// - `XML_PARSE_NONET`: never fetch anything (external DTDs, entities).
/// - No `XML_PARSE_NOENT`, no `XML_PARSE_DTDLOAD`/`DTDATTR`/`DTDVALID`: entities are not
///   substituted and no DTD is loaded, so entity-expansion bombs have nothing to expand (and
///   ``FeedParser`` refuses internal entity declarations before libxml2 sees them).
/// - No `XML_PARSE_HUGE`: libxml2 keeps its built-in limits (256 levels of nesting, 10 MB text
///   nodes), so a 100,000-deep document fails at level 256 instead of exhausting the stack.
enum XMLTreeReader {
  static let safeOptions: Int32 = Int32(
    XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
      | XML_PARSE_NOCDATA.rawValue)

  /// Parses `data` (in `encoding` when given, overriding the declaration); with `recover`, libxml2 keeps what it could read of a malformed document.
  /// Returns the root element, or the first error when nothing usable came out.
  static func parse(_ data: Data, baseURL: URL?, encoding: String? = nil, recover: Bool) -> Result<
    (root: XMLElementNode, error: XMLParseFailure?), XMLParseFailure
  > {
    precondition(safeOptions & Int32(XML_PARSE_HUGE.rawValue) == 0)
    precondition(safeOptions & Int32(XML_PARSE_NOENT.rawValue) == 0)
    precondition(safeOptions & Int32(XML_PARSE_DTDLOAD.rawValue) == 0)
    guard let context = xmlNewParserCtxt() else {
      return .failure(
        XMLParseFailure(
          code: -1, line: 0, message: "out of memory", isTruncation: false, isDepthLimit: false))
    }
    defer { xmlFreeParserCtxt(context) }
    // libxml2 keeps only the last error, which after a real mistake is often a consequential
    // "premature end of data"; a per-context handler records the first one instead. The log is
    // reached through the context's `_private` slot, so no global state is involved.
    let log = FirstErrorLog()
    context.pointee._private = Unmanaged.passUnretained(log).toOpaque()
    context.pointee.sax.pointee.serror = { userData, error in
      guard let userData, let error else { return }
      let parserContext = userData.assumingMemoryBound(to: xmlParserCtxt.self)
      guard let slot = parserContext.pointee._private else { return }
      let log = Unmanaged<FirstErrorLog>.fromOpaque(slot).takeUnretainedValue()
      if log.first == nil && error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue {
        log.first = XMLTreeReader.failure(from: error)
      }
    }
    let options = safeOptions | (recover ? Int32(XML_PARSE_RECOVER.rawValue) : 0)
    let document = data.withUnsafeBytes { buffer -> xmlDocPtr? in
      guard let bytes = buffer.baseAddress?.assumingMemoryBound(to: CChar.self) else { return nil }
      return xmlCtxtReadMemory(
        context, bytes, Int32(clamping: buffer.count), baseURL?.absoluteString, encoding, options)
    }
    defer { if let document { xmlFreeDoc(document) } }
    let failure = withExtendedLifetime(log) { log.first ?? lastError(context) }
    let wellFormed = context.pointee.wellFormed != 0
    guard let document, let rootPointer = xmlDocGetRootElement(document) else {
      return .failure(
        failure
          ?? XMLParseFailure(
            code: -1, line: 0, message: "no root element", isTruncation: true,
            isDepthLimit: false))
    }
    if !wellFormed && !recover {
      return .failure(
        failure
          ?? XMLParseFailure(
            code: -1, line: 0, message: "not well-formed", isTruncation: false,
            isDepthLimit: false))
    }
    let root = convert(rootPointer, document: document, base: baseURL, depth: 0)
    return .success((root, wellFormed ? nil : failure))
  }

  private static func lastError(_ context: xmlParserCtxtPtr) -> XMLParseFailure? {
    guard let error = xmlCtxtGetLastError(context), error.pointee.code != 0 else { return nil }
    return failure(from: error)
  }

  static func failure(from error: UnsafeMutablePointer<xmlError>) -> XMLParseFailure {
    let code = Int(error.pointee.code)
    let message =
      error.pointee.message.map {
        String(cString: $0).trimmedWhitespace()
      } ?? "error \(code)"
    return XMLParseFailure(
      code: code, line: Int(error.pointee.line), message: message,
      isTruncation: code == Int(XML_ERR_DOCUMENT_END.rawValue)
        || code == Int(XML_ERR_TAG_NOT_FINISHED.rawValue)
        || code == Int(XML_ERR_DOCUMENT_EMPTY.rawValue)
        || message.contains("Premature end of data"),
      isDepthLimit: message.contains("Excessive depth"))
  }

  private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
    guard let pointer else { return nil }
    return String(cString: pointer)
  }

  /// Takes ownership of a libxml2-allocated string.
  private static func owned(_ pointer: UnsafeMutablePointer<xmlChar>?) -> String? {
    guard let pointer else { return nil }
    defer { free(pointer) }
    return String(cString: pointer)
  }

  private static func convert(
    _ node: xmlNodePtr, document: xmlDocPtr, base: URL?, depth: Int
  ) -> XMLElementNode {
    var attributes: [String: String] = [:]
    var attribute = node.pointee.properties
    while let current = attribute {
      if let name = string(current.pointee.name) {
        let value = owned(xmlNodeListGetString(document, current.pointee.children, 1)) ?? ""
        // Unprefixed attributes win over namespaced ones of the same local name.
        if current.pointee.ns == nil || attributes[name] == nil { attributes[name] = value }
      }
      attribute = current.pointee.next
    }
    var elementBase = base
    if let xmlBase = attributes["base"], !xmlBase.isEmpty {
      let resolved = URLResolution.resolve(xmlBase, against: base)
      elementBase = URL(string: resolved) ?? base
    }
    var children: [XMLElementNode] = []
    var text = ""
    var child = node.pointee.children
    while let current = child {
      switch current.pointee.type {
      case XML_ELEMENT_NODE:
        children.append(convert(current, document: document, base: elementBase, depth: depth + 1))
      case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
        if let content = string(current.pointee.content) { text += content }
      default:
        break
      }
      child = current.pointee.next
    }
    let name = string(node.pointee.name) ?? ""
    var markup: String?
    // Mixed content is gathered only for the text-bearing elements, and only near the root where
    // feeds keep them, so the work stays linear in the input however deep a hostile file nests.
    if !children.isEmpty && depth <= maxMarkupDepth && markupElements.contains(name) {
      text = owned(xmlNodeGetContent(node)) ?? text
      markup = innerMarkup(of: node, document: document)
    }
    return XMLElementNode(
      name: name,
      namespace: node.pointee.ns.flatMap { string($0.pointee.href) },
      attributes: attributes, children: children, text: text, innerMarkup: markup,
      base: elementBase, depth: depth)
  }

  private static let markupElements: Set<String> = [
    "title", "subtitle", "summary", "content", "description", "encoded", "rights", "div",
  ]
  private static let maxMarkupDepth = 5

  private static func innerMarkup(of node: xmlNodePtr, document: xmlDocPtr) -> String {
    guard let buffer = xmlBufferCreate() else { return "" }
    defer { xmlBufferFree(buffer) }
    var child = node.pointee.children
    while let current = child {
      xmlNodeDump(buffer, document, current, 0, 0)
      child = current.pointee.next
    }
    guard let content = xmlBufferContent(buffer) else { return "" }
    return String(cString: content)
  }
}
