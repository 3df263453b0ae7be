import CLibXML2
import Foundation

/// Reads RSS 0.9x, RSS 1.0 (RDF), RSS 2.0, Atom and JSON Feed documents into ``Feed`` values.
///
/// The parser is defensive: input over ``Limits/maxBytes`` is refused before parsing, binary data
/// and HTML pages are recognised up front, documents that declare entities are refused (the
/// entity-expansion attack), nesting stops at libxml2's 256 levels, and a truncated or malformed
/// document yields the items read before the damage (with a warning) or a one-line reason.
///
/// ```swift
/// let feed = try FeedParser().parse(data, url: URL(string: "https://example.com/feed.xml"))
/// for item in feed.items { print(item.title ?? "", item.link ?? "") }
/// ```
public struct FeedParser: Sendable {
  public struct Limits: Sendable, Equatable {
    /// The largest document accepted, in bytes.
    public var maxBytes: Int
    public init(maxBytes: Int = 16 << 20) { self.maxBytes = maxBytes }
  }

  public var limits: Limits

  public init(limits: Limits = Limits()) { self.limits = limits }

  /// Parses `data`; `url` (where the document came from) resolves relative links.
  ///
  /// - Complexity: O(n) in the size of `data`.
  public func parse(_ data: Data, url: URL? = nil) throws(FeedError) -> Feed {
    if data.count > limits.maxBytes {
      throw FeedError.tooLarge(bytes: data.count, limit: limits.maxBytes)
    }
    // Offsets below count from zero, so a slice of a larger Data is copied out first.
    let zeroBased = data.startIndex == 0 ? data : Data(Array(data))
    // UTF-16 becomes UTF-8 first, so the byte-level guards below see the real markup.
    let data = UTF16Input.normalized(zeroBased)
    let start = try Sniffer.check(data, limit: Int.max)
    switch start {
    case .json:
      return try JSONFeedReader.read(data, url: url)
    case .html:
      throw FeedError.htmlPage(feedLinks: FeedDiscovery.feedLinks(inHTML: data, baseURL: url))
    case .xml(let offset):
      return try parseXML(data, from: offset, url: url)
    }
  }

  private func parseXML(_ data: Data, from offset: Int, url: URL?) throws(FeedError) -> Feed {
    if Sniffer.declaresEntities(data) { throw FeedError.entityDeclarations }
    // libxml2 rejects whitespace before the XML declaration, which some servers emit.
    var body = offset > 0 ? data.subdata(in: offset..<data.count) : data
    var warnings: [String] = []
    let encoding = EncodingCheck.override(for: body, warnings: &warnings)
    // HTML entities such as &nbsp; are common in feeds written by HTML templates (and RSS 0.91
    // declared them in a DTD that is never loaded); they become character references.
    let replaced = HTMLEntities.numericReferences(in: body)
    if replaced.count > 0 { body = replaced.data }
    let result = XMLTreeReader.parse(body, baseURL: url, encoding: encoding, recover: false)
    switch result {
    case .success(let parsed):
      var feed = try read(root: parsed.root)
      feed.warnings = warnings + feed.warnings
      return feed
    case .failure(let failure):
      if failure.isDepthLimit { throw FeedError.tooDeeplyNested(limit: 256) }
      let strictError: FeedError =
        failure.isTruncation
        ? .truncated(line: failure.line)
        : .malformedXML(line: failure.line, reason: failure.message)
      // Keep what a lenient reader can salvage, but only when that is at least one item.
      guard
        case .success(let recovered) = XMLTreeReader.parse(
          body, baseURL: url, encoding: encoding, recover: true),
        var feed = try? read(root: recovered.root), !feed.items.isEmpty
      else { throw strictError }
      feed.warnings =
        warnings + [
          "\(strictError.message); kept the \(feed.items.count) items read before the damage"
        ] + feed.warnings
      return feed
    }
  }

  private func read(root: XMLElementNode) throws(FeedError) -> Feed {
    switch root.name.lowercased() {
    case "rss":
      return RSSReader.read(rss: root)
    case "rdf":
      return RSSReader.read(rdf: root)
    case "feed"
    where root.namespace == XMLNamespace.atom || root.namespace == XMLNamespace.atom03
      || root.namespace == nil:
      return AtomReader.read(feed: root)
    case "entry" where root.namespace == XMLNamespace.atom:
      // An Atom entry document (RFC 4287 §4.1.2): read it as a feed of one.
      return AtomReader.read(entryDocument: root)
    case "html":
      throw FeedError.htmlPage(feedLinks: [])
    default:
      throw FeedError.notAFeed(root: root.name)
    }
  }
}

/// UTF-16 documents (with a BOM, or recognisable by `<?` in either byte order) rewritten as
/// UTF-8 with their declaration to match; other input is returned unchanged.
enum UTF16Input {
  static func normalized(_ data: Data) -> Data {
    let head = [UInt8](data.prefix(4))
    let encoding: String.Encoding
    var body = data
    if head.starts(with: [0xFF, 0xFE]) {
      encoding = .utf16LittleEndian
      body = data.dropFirst(2)
    } else if head.starts(with: [0xFE, 0xFF]) {
      encoding = .utf16BigEndian
      body = data.dropFirst(2)
    } else if head.starts(with: [0x3C, 0x00, 0x3F, 0x00]) {
      encoding = .utf16LittleEndian
    } else if head.starts(with: [0x00, 0x3C, 0x00, 0x3F]) {
      encoding = .utf16BigEndian
    } else {
      return data
    }
    // Undecodable UTF-16 is left for libxml2 to report.
    guard var text = String(data: body, encoding: encoding) else { return data }
    if text.hasPrefix("<?xml"), let close = text.range(of: "?>"),
      let declared = text.range(
        of: #"encoding\s*=\s*["'][^"']*["']"#, options: .regularExpression,
        range: text.startIndex..<close.lowerBound)
    {
      text.replaceSubrange(declared, with: "encoding=\"UTF-8\"")
    }
    return Data(text.utf8)
  }
}

/// First look at the bytes: size, binary, and which syntax they are.
enum Sniffer {
  enum Start {
    case json
    case html
    /// XML starting at this byte offset (after leading whitespace).
    case xml(Int)
  }

  static func check(_ data: Data, limit: Int) throws(FeedError) -> Start {
    if data.count > limit { throw FeedError.tooLarge(bytes: data.count, limit: limit) }
    let prefix = [UInt8](data.prefix(4))
    let isUTF16 =
      prefix.starts(with: [0xFF, 0xFE]) || prefix.starts(with: [0xFE, 0xFF])
      || prefix.starts(with: [0x3C, 0x00, 0x3F, 0x00])
      || prefix.starts(with: [0x00, 0x3C, 0x00, 0x3F])
    if isUTF16 { return .xml(0) }
    let bomLength = prefix.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    // Leading whitespace may run past any fixed-size window, so it is skipped over all the data.
    let start = data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Int in
      var offset = bomLength
      while offset < bytes.count,
        bytes[offset] == 0x20 || bytes[offset] == 0x09 || bytes[offset] == 0x0A
          || bytes[offset] == 0x0D
      {
        offset += 1
      }
      return offset
    }
    if start == data.count { throw FeedError.empty }
    let head = [UInt8](data.dropFirst(start).prefix(4096))
    if head.contains(0) { throw FeedError.binary }
    let i = 0
    switch head[i] {
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      return .json
    case UInt8(ascii: "<"):
      if looksLikeHTML(head, from: i) { return .html }
      // libxml2 refuses whitespace before the XML declaration: drop it (and a UTF-8 BOM
      // before it, which the declaration or the UTF-8 default then replaces).
      return .xml(start == bomLength ? 0 : start)
    default:
      if looksLikeHTML(head, from: i) { return .html }
      let preview = String(decoding: head[i..<min(head.count, i + 24)], as: UTF8.self)
        .replacingOccurrences(of: "\n", with: " ")
      throw FeedError.malformedXML(
        line: 1, reason: "it starts with \"\(preview)\" instead of \"<\" or \"{\"")
    }
  }

  /// Whether the first markup (after the XML declaration, comments and whitespace) is an HTML
  /// doctype or `<html>` element.
  static func looksLikeHTML(_ head: [UInt8], from start: Int) -> Bool {
    let text = String(decoding: head[start...], as: UTF8.self).lowercased()
    var rest = Substring(text)
    while true {
      rest = rest.drop(while: { $0.isWhitespace })
      if rest.hasPrefix("<?") || rest.hasPrefix("<!--") {
        let terminator = rest.hasPrefix("<?") ? "?>" : "-->"
        guard let end = rest.range(of: terminator) else { return false }
        rest = rest[end.upperBound...]
        continue
      }
      break
    }
    return rest.hasPrefix("<!doctype html") || rest.hasPrefix("<html")
  }

  /// Whether the DTD's internal subset declares entities. Feeds never need to, and refusing
  /// them up front makes "billion laughs" and external-entity tricks fail in constant time.
  static func declaresEntities(_ data: Data) -> Bool {
    data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Bool in
      guard let doctype = find("<!DOCTYPE", in: buffer, from: 0) else { return false }
      let start = doctype + 9
      guard let entity = find("<!ENTITY", in: buffer, from: start) else { return false }
      // Only an ENTITY inside the DOCTYPE's internal subset counts (not text about XML in an
      // item): the subset opens with "[" before the DOCTYPE's first ">" and closes with "]>".
      let firstClose = find(">", in: buffer, from: start) ?? buffer.count
      guard let open = find("[", in: buffer, from: start), open < firstClose else { return false }
      let subsetEnd = find("]>", in: buffer, from: open) ?? buffer.count
      return entity < subsetEnd
    }
  }

  /// The offset of `needle` in `buffer` at or after `from`: memchr to each candidate first
  /// byte, memcmp for the rest (linear for these short needles, and fast).
  static func find(_ needle: String, in buffer: UnsafeRawBufferPointer, from: Int) -> Int? {
    guard let base = buffer.baseAddress else { return nil }
    let pattern = Array(needle.utf8)
    guard let first = pattern.first else { return from }
    var offset = from
    while offset + pattern.count <= buffer.count {
      guard
        let hit = memchr(base + offset, Int32(first), buffer.count - offset - pattern.count + 1)
      else { return nil }
      let position = base.distance(to: UnsafeRawPointer(hit))
      if memcmp(hit, pattern, pattern.count) == 0 { return position }
      offset = position + 1
    }
    return nil
  }
}

/// Reconciles the declared encoding with the bytes, for the two mislabellings seen in practice.
enum EncodingCheck {
  /// An encoding to force on libxml2, or nil to let it follow the BOM and declaration.
  static func override(for data: Data, warnings: inout [String]) -> String? {
    let head = [UInt8](data.prefix(3))
    if head.starts(with: [0xEF, 0xBB, 0xBF]) || head.starts(with: [0xFF, 0xFE])
      || head.starts(with: [0xFE, 0xFF])
    {
      return nil
    }
    let declared = declaredEncoding(data)?.lowercased()
    let latin1Names: Set<String> = ["iso-8859-1", "latin1", "latin-1", "iso8859-1", "us-ascii"]
    let validUTF8 = String(validating: data, as: UTF8.self) != nil
    let hasNonASCII = data.contains { $0 >= 0x80 }
    switch declared {
    case nil, "utf-8", "utf8":
      if !validUTF8 {
        warnings.append(
          "declared \(declared ?? "UTF-8 (by default)") but is not valid UTF-8; read as windows-1252"
        )
        return "windows-1252"
      }
      return nil
    case let name? where latin1Names.contains(name) || name == "windows-1252":
      if hasNonASCII && validUTF8 {
        warnings.append("declared \(name) but the bytes are UTF-8; read as UTF-8")
        return "UTF-8"
      }
      // Like browsers, read ISO-8859-1 as its superset windows-1252 (curly quotes in 0x80–0x9F).
      return name == "windows-1252" ? nil : (hasNonASCII ? "windows-1252" : nil)
    default:
      return nil
    }
  }

  static func declaredEncoding(_ data: Data) -> String? {
    let head = String(decoding: data.prefix(256), as: UTF8.self)
    guard head.hasPrefix("<?xml"), let close = head.range(of: "?>") else { return nil }
    let declaration = head[..<close.lowerBound]
    guard let key = declaration.range(of: "encoding") else { return nil }
    let afterKey = declaration[key.upperBound...].drop(while: { $0 == " " || $0 == "=" })
    guard let quote = afterKey.first, quote == "\"" || quote == "'" else { return nil }
    let value = afterKey.dropFirst().prefix(while: { $0 != quote })
    return value.isEmpty ? nil : String(value)
  }
}

/// HTML named entities that feeds written by HTML templates use without declaring them.
enum HTMLEntities {
  static let codes: [String: Int] = [
    "nbsp": 160, "iexcl": 161, "cent": 162, "pound": 163, "curren": 164, "yen": 165,
    "brvbar": 166, "sect": 167, "uml": 168, "copy": 169, "ordf": 170, "laquo": 171, "not": 172,
    "shy": 173, "reg": 174, "macr": 175, "deg": 176, "plusmn": 177, "sup2": 178, "sup3": 179,
    "acute": 180, "micro": 181, "para": 182, "middot": 183, "cedil": 184, "sup1": 185,
    "ordm": 186, "raquo": 187, "frac14": 188, "frac12": 189, "frac34": 190, "iquest": 191,
    "Agrave": 192, "Aacute": 193, "Acirc": 194, "Atilde": 195, "Auml": 196, "Aring": 197,
    "AElig": 198, "Ccedil": 199, "Egrave": 200, "Eacute": 201, "Ecirc": 202, "Euml": 203,
    "Igrave": 204, "Iacute": 205, "Icirc": 206, "Iuml": 207, "ETH": 208, "Ntilde": 209,
    "Ograve": 210, "Oacute": 211, "Ocirc": 212, "Otilde": 213, "Ouml": 214, "times": 215,
    "Oslash": 216, "Ugrave": 217, "Uacute": 218, "Ucirc": 219, "Uuml": 220, "Yacute": 221,
    "THORN": 222, "szlig": 223, "agrave": 224, "aacute": 225, "acirc": 226, "atilde": 227,
    "auml": 228, "aring": 229, "aelig": 230, "ccedil": 231, "egrave": 232, "eacute": 233,
    "ecirc": 234, "euml": 235, "igrave": 236, "iacute": 237, "icirc": 238, "iuml": 239,
    "eth": 240, "ntilde": 241, "ograve": 242, "oacute": 243, "ocirc": 244, "otilde": 245,
    "ouml": 246, "divide": 247, "oslash": 248, "ugrave": 249, "uacute": 250, "ucirc": 251,
    "uuml": 252, "yacute": 253, "thorn": 254, "yuml": 255, "OElig": 338, "oelig": 339,
    "Scaron": 352, "scaron": 353, "Yuml": 376, "fnof": 402, "circ": 710, "tilde": 732,
    "ensp": 8194, "emsp": 8195, "thinsp": 8201, "zwnj": 8204, "zwj": 8205, "ndash": 8211,
    "mdash": 8212, "lsquo": 8216, "rsquo": 8217, "sbquo": 8218, "ldquo": 8220, "rdquo": 8221,
    "bdquo": 8222, "dagger": 8224, "Dagger": 8225, "bull": 8226, "hellip": 8230,
    "permil": 8240, "prime": 8242, "Prime": 8243, "lsaquo": 8249, "rsaquo": 8250,
    "euro": 8364, "trade": 8482, "larr": 8592, "rarr": 8594, "minus": 8722,
  ]

  /// Rewrites `&name;` for the names above as `&#N;`, leaving the five XML entities alone.
  /// Returns the input itself (and 0) when there is nothing to rewrite.
  static func numericReferences(in data: Data) -> (data: Data, count: Int) {
    data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> (Data, Int) in
      let bytes = buffer.bindMemory(to: UInt8.self)
      var output: [UInt8] = []
      var copiedUpTo = 0
      var count = 0
      var i = 0
      while i < bytes.count {
        guard bytes[i] == UInt8(ascii: "&") else {
          i += 1
          continue
        }
        var j = i + 1
        while j < bytes.count, j - i <= 10, isAlphanumeric(bytes[j]) { j += 1 }
        if j < bytes.count, bytes[j] == UInt8(ascii: ";"), j > i + 1,
          let code = codes[
            String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + 1)..<j]), as: UTF8.self)]
        {
          if output.isEmpty { output.reserveCapacity(bytes.count + 64) }
          output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copiedUpTo..<i]))
          output.append(contentsOf: Array("&#\(code);".utf8))
          count += 1
          copiedUpTo = j + 1
          i = j + 1
          continue
        }
        i += 1
      }
      guard count > 0 else { return (data, 0) }
      output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copiedUpTo..<bytes.count]))
      return (Data(output), count)
    }
  }

  private static func isAlphanumeric(_ byte: UInt8) -> Bool {
    (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57)
  }
}

/// Titles are plain text in every dialect, yet feeds often carry them HTML-escaped a second
/// time (`&#8211;`, `&amp;amp;`) or with tags; this reads them as a person would.
enum TitleText {
  static func plain(_ raw: String?) -> String? {
    guard var text = raw else { return nil }
    if text.contains("<" as Character) { text = stripTags(text) }
    if text.contains("&" as Character) { text = decodeEntities(text) }
    let collapsed = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    return collapsed.isEmpty ? nil : collapsed
  }

  private static func stripTags(_ text: String) -> String {
    var result = ""
    var inTag = false
    var previous: Character = " "
    for character in text {
      if inTag {
        if character == ">" { inTag = false }
      } else if previous == "<" && (character.isLetter || character == "/" || character == "!") {
        result.removeLast()
        inTag = character != ">"
      } else {
        result.append(character)
      }
      previous = character
    }
    return result
  }

  /// Decodes `&#N;`, `&#xH;`, the XML five and the HTML names ``HTMLEntities`` knows.
  static func decodeEntities(_ text: String) -> String {
    var result = ""
    var rest = Substring(text)
    while let amp = rest.firstIndex(of: "&") {
      result += rest[..<amp]
      let afterAmp = rest.index(after: amp)
      if let semicolon = rest[afterAmp...].prefix(12).firstIndex(of: ";") {
        let name = rest[afterAmp..<semicolon]
        var scalar: Unicode.Scalar?
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
          scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
        } else if name.hasPrefix("#") {
          scalar = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init)
        } else if let code = xmlEntities[String(name)] ?? HTMLEntities.codes[String(name)] {
          scalar = Unicode.Scalar(UInt32(code))
        }
        if let scalar {
          result.unicodeScalars.append(scalar)
          rest = rest[rest.index(after: semicolon)...]
          continue
        }
      }
      result.append("&")
      rest = rest[afterAmp...]
    }
    result += rest
    return result
  }

  private static let xmlEntities: [String: Int] = [
    "amp": 38, "lt": 60, "gt": 62, "quot": 34, "apos": 39,
  ]
}
