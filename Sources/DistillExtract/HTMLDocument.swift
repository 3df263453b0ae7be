import CLibXML2
import DistillText
import Foundation

/// One attribute of an HTML element, name lowercased by the parser.
public struct HTMLAttribute: Sendable, Equatable, Hashable {
  public var name: String
  public var value: String
  public init(name: String, value: String) {
    self.name = name
    self.value = value
  }
}

/// A parsed HTML page as a flat, immutable array of nodes in document order.
///
/// libxml2 parses the page; its tree is copied into Swift values with an iterative walk and
/// freed at once, so no C memory outlives ``init(utf8:)`` and no walk recurses (pages nested
/// 100,000 levels deep cannot overflow the stack).
///
/// Nodes are stored in pre-order, so the subtree of node `i` is the contiguous index range
/// `i..<nodes[i].subtreeEnd`: "every text under this element" is a plain loop.
///
/// ```swift
/// let doc = HTMLDocument(utf8: Array("<p>Hi <b>there</b></p>".utf8))
/// doc.text(of: doc.elements(named: "p")[0])  // "Hi there"
/// ```
public struct HTMLDocument: Sendable {
  /// What a node is.
  public enum Kind: UInt8, Sendable {
    case element
    case text
  }

  /// One element or text node.
  public struct Node: Sendable {
    public var kind: Kind
    /// Lowercased tag name for elements; empty for text.
    public var name: String
    /// The characters of a text node; empty for elements.
    public var text: String
    public var attributes: [HTMLAttribute]
    /// Index of the parent element, or -1 for a top-level node.
    public var parent: Int
    /// One past the last index of this node's subtree.
    public var subtreeEnd: Int
    /// Depth below the top level (0 for top-level nodes).
    public var depth: Int

    /// The value of the attribute `name`, if present.
    public func attribute(_ name: String) -> String? {
      for attribute in attributes where attribute.name == name { return attribute.value }
      return nil
    }
  }

  /// All nodes in document order.
  public let nodes: [Node]

  /// Parses UTF-8 bytes (any declared charset inside the page is ignored).
  public init(utf8 bytes: [UInt8]) {
    self.init(bytes: bytes, encoding: "UTF-8")
  }

  /// Parses `bytes` in the character encoding `encoding` (a name libxml2/iconv knows).
  /// Returns an empty document when libxml2 cannot parse at all.
  public init(bytes: [UInt8], encoding: String) {
    let result = HTMLDocument.parse(bytes, encoding: encoding)
    nodes = result?.nodes ?? []
    stoppedEarly = result?.halted ?? false
  }

  /// Whether libxml2 stopped before the end of the page (it does at 256 levels of nesting);
  /// ``nodes`` then hold what came before.
  public let stoppedEarly: Bool

  /// Whether libxml2 produced any node.
  public var isEmpty: Bool { nodes.isEmpty }

  /// Indices of every element named `name`, in document order.
  public func elements(named name: String) -> [Int] {
    nodes.indices.filter { nodes[$0].kind == .element && nodes[$0].name == name }
  }

  /// Indices of the element children of `index`, in order.
  public func children(of index: Int) -> [Int] {
    var result: [Int] = []
    var child = index + 1
    let end = nodes[index].subtreeEnd
    while child < end {
      result.append(child)
      child = nodes[child].subtreeEnd
    }
    return result
  }

  /// The text under `index` with runs of white space collapsed to one space, trimmed.
  public func text(of index: Int) -> String {
    var pieces = ""
    for i in index..<nodes[index].subtreeEnd where nodes[i].kind == .text {
      pieces += nodes[i].text
      pieces += " "
    }
    return HTMLText.collapseWhitespace(pieces)
  }

  /// Copies libxml2's tree into nodes, walking iteratively.
  private static func parse(_ bytes: [UInt8], encoding: String) -> (nodes: [Node], halted: Bool)? {
    guard !bytes.isEmpty, bytes.count < Int(Int32.max) else { return nil }
    let options = Int32(
      HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
        | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
        | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_NOBLANKS.rawValue)
    guard let context = htmlNewParserCtxt() else { return nil }
    defer { htmlFreeParserCtxt(context) }
    let parsed: htmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
      buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
        htmlCtxtReadMemory(context, chars, Int32(buffer.count), nil, encoding, options)
      }
    }
    // libxml2 halts (keeping what it has) on an internal limit such as nesting deeper than
    // 256 elements; the caller reports that rather than a bare "no text".
    let halted = context.pointee.errNo == Int32(XML_ERR_INTERNAL_ERROR.rawValue)
    guard let doc = parsed else { return nil }
    defer { xmlFreeDoc(doc) }

    var nodes: [Node] = []
    nodes.reserveCapacity(bytes.count / 40)
    var open: [Int] = []  // indices of the elements whose subtree is being copied
    var current: xmlNodePtr? = doc.pointee.children
    while let node = current {
      var descend = false
      switch node.pointee.type {
      case XML_ELEMENT_NODE:
        let name = node.pointee.name.map { String(cString: $0) } ?? ""
        var attributes: [HTMLAttribute] = []
        var attribute = node.pointee.properties
        while let attr = attribute {
          let attrName = attr.pointee.name.map { String(cString: $0) } ?? ""
          var value = ""
          var valueNode = attr.pointee.children
          while let part = valueNode {
            if let content = part.pointee.content { value += String(cString: content) }
            valueNode = part.pointee.next
          }
          attributes.append(HTMLAttribute(name: attrName.lowercased(), value: value))
          attribute = attr.pointee.next
        }
        nodes.append(
          Node(
            kind: .element, name: name.lowercased(), text: "", attributes: attributes,
            parent: open.last ?? -1, subtreeEnd: nodes.count + 1, depth: open.count))
        if node.pointee.children != nil {
          open.append(nodes.count - 1)
          descend = true
        }
      case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
        if let content = node.pointee.content {
          nodes.append(
            Node(
              kind: .text, name: "", text: String(cString: content), attributes: [],
              parent: open.last ?? -1, subtreeEnd: nodes.count + 1, depth: open.count))
        }
      default:
        break
      }
      if descend {
        current = node.pointee.children
        continue
      }
      // Next sibling, or climb until an ancestor has one, closing subtrees on the way.
      var cursor: xmlNodePtr? = node
      current = nil
      while let here = cursor {
        if let next = here.pointee.next {
          current = next
          break
        }
        cursor = here.pointee.parent
        if cursor == nil || cursor!.pointee.type == XML_DOCUMENT_NODE
          || cursor!.pointee.type == XML_HTML_DOCUMENT_NODE
        {
          break
        }
        if let closed = open.popLast() { nodes[closed].subtreeEnd = nodes.count }
      }
    }
    while let closed = open.popLast() { nodes[closed].subtreeEnd = nodes.count }
    return (nodes, halted)
  }
}

/// Small text helpers shared by the HTML code.
enum HTMLText {
  /// Collapses runs of white space (including no-break spaces) to one space and trims.
  static func collapseWhitespace(_ text: String) -> String { Whitespace.collapse(text) }

  /// Whether `needle` occurs in `haystack`, comparing UTF-8 bytes (no locale, no bridging).
  static func contains(_ haystack: String, _ needle: String) -> Bool {
    let n = needle.utf8.count
    if n == 0 { return true }
    var haystack = haystack
    var needle = needle
    return haystack.withUTF8 { h in
      needle.withUTF8 { k in
        guard h.count >= n else { return false }
        let first = k[0]
        var i = 0
        let last = h.count - n
        while i <= last {
          if h[i] == first {
            var j = 1
            while j < n && h[i + j] == k[j] { j += 1 }
            if j == n { return true }
          }
          i += 1
        }
        return false
      }
    }
  }

  @inline(__always)
  static func isSpace(_ scalar: Unicode.Scalar) -> Bool { Whitespace.isSpace(scalar) }
}
