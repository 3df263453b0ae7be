import DistillModel
import Foundation

/// Settings for ``HTMLExtractor``. Defaults are the tuned values.
public struct HTMLExtractionOptions: Sendable, Equatable {
  /// Pages larger than this are skipped as ``SkipReason/tooLarge(bytes:limit:)``.
  public var maxBytes: Int
  /// Fewer words of article text than this is "no article".
  public var minimumWords: Int
  /// Whether JSON-LD `articleBody` may replace the text found in the markup.
  public var useJSONLDBody: Bool

  public init(maxBytes: Int = 16 << 20, minimumWords: Int = 15, useJSONLDBody: Bool = true) {
    self.maxBytes = maxBytes
    self.minimumWords = minimumWords
    self.useJSONLDBody = useJSONLDBody
  }
}

/// The result of extracting one page: the article text (empty when none was found), what the
/// page says about itself, and why nothing was found when that is the case.
public struct HTMLExtraction: Sendable, Equatable {
  /// Article body: paragraphs separated by `"\n\n"`, no title or page furniture.
  public var text: String
  public var metadata: ArticleMetadata
  /// Why there is no article, when ``text`` is empty or too short.
  public var failure: SkipReason?
  /// The character encoding the page was read in, and how it was chosen.
  public var charset: String
  /// Where the text came from: `"dom"` (scored markup) or `"json-ld"` (`articleBody`).
  public var method: String

  public init(
    text: String, metadata: ArticleMetadata, failure: SkipReason?, charset: String, method: String
  ) {
    self.text = text
    self.metadata = metadata
    self.failure = failure
    self.charset = charset
    self.method = method
  }

  /// Paragraphs of ``text``.
  public var paragraphs: [Substring] { text.split(separator: "\n\n") }
}

/// Finds the main article in a news page: readability-style content scoring (text and link
/// density, paragraphs, class/id hints, siblings of the best block), page-furniture removal,
/// JSON-LD `articleBody` when plausible, and metadata from OpenGraph, JSON-LD and markup.
///
/// ```swift
/// let extraction = HTMLExtractor().extract(pageBytes, url: nil, contentTypeCharset: nil)
/// print(extraction.text)
/// ```
public struct HTMLExtractor: ArticleReader {
  public var options: HTMLExtractionOptions

  public init(options: HTMLExtractionOptions = .init()) {
    self.options = options
  }

  /// Reads one page as an ``Article``, or says why it has none.
  public func read(_ data: Data, from source: SourceRef) -> IngestOutcome {
    let url = source.location.contains("://") ? source.location : nil
    let extraction = extract(data, url: url, contentTypeCharset: nil)
    if let failure = extraction.failure { return .skipped(source, failure) }
    var metadata = extraction.metadata
    if metadata.url == nil { metadata.url = url }
    // An absolute canonical URL names the article across fetches; else hash the text.
    let id =
      metadata.url.flatMap { $0.contains("://") ? $0 : nil }
      ?? "html-" + HTMLHash.fnv1a64Hex(extraction.text)
    return .article(
      Article(
        id: id, source: source, format: .html, title: metadata.title ?? "", text: extraction.text,
        metadata: metadata))
  }

  /// Extracts the article text and metadata of a page.
  ///
  /// - Parameters:
  ///   - data: The page as served (gzip-compressed pages are inflated first).
  ///   - url: Where the page came from, for resolving relative links; may be nil.
  ///   - contentTypeCharset: The `charset` of the HTTP `Content-Type` header, if known.
  /// - Complexity: Linear in the size of the page.
  public func extract(_ data: Data, url: String?, contentTypeCharset: String?) -> HTMLExtraction {
    func fail(_ reason: SkipReason, charset: String = "") -> HTMLExtraction {
      HTMLExtraction(
        text: "", metadata: ArticleMetadata(url: url), failure: reason, charset: charset,
        method: "none")
    }
    var data = data
    if HTMLGzip.isGzip(data) {
      guard let inflated = HTMLGzip.decompress(data, limit: options.maxBytes) else {
        return fail(.unreadable("corrupt or oversized gzip data"))
      }
      data = inflated
    }
    if data.isEmpty { return fail(.empty) }
    if data.count > options.maxBytes {
      return fail(.tooLarge(bytes: data.count, limit: options.maxBytes))
    }
    let bytes = [UInt8](data)
    if looksBinary(bytes) { return fail(.binary) }

    let decision = HTMLCharset.detect(bytes, contentTypeCharset: contentTypeCharset)
    let document: HTMLDocument
    var charset = decision.label
    if let utf8 = HTMLCharset.decodeToUTF8(bytes, label: decision.label) {
      document = HTMLDocument(utf8: utf8)
    } else {
      let attempt = HTMLDocument(bytes: bytes, encoding: decision.label)
      if attempt.isEmpty {
        // A charset iconv does not know: fall back to detection.
        charset = HTMLCharset.isValidUTF8(bytes) ? "utf-8" : "windows-1252"
        document = HTMLDocument(utf8: HTMLCharset.decodeToUTF8(bytes, label: charset) ?? [])
      } else {
        document = attempt
      }
    }
    if document.isEmpty { return fail(.notAnArticle("no HTML elements or text"), charset: charset) }

    let facts = HTMLMetadataReader.read(document, url: url)
    var content = HTMLContentFinder(document: document, title: facts.metadata.title)
    var paragraphs = content.paragraphs()
    var method = "dom"
    if options.useJSONLDBody, let body = facts.jsonLDBody,
      let better = HTMLContentFinder.preferJSONLD(body: body, over: paragraphs)
    {
      paragraphs = better
      method = "json-ld"
    }
    let text = paragraphs.joined(separator: "\n\n")
    let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).count
    var failure: SkipReason?
    if words < options.minimumWords {
      failure = .notAnArticle(content.emptinessReason(words: words))
    }
    return HTMLExtraction(
      text: failure == nil ? text : "", metadata: facts.metadata, failure: failure,
      charset: charset, method: method)
  }

  /// NUL bytes, or mostly control bytes, in the first 4 KB: not a text page.
  private func looksBinary(_ bytes: [UInt8]) -> Bool {
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return false }
    let head = bytes.prefix(4096)
    var controls = 0
    for b in head {
      if b == 0 { return true }
      if b < 0x09 || (b > 0x0D && b < 0x20) { controls += 1 }
    }
    return controls * 10 > head.count
  }
}

/// A stable 64-bit FNV-1a hash, for content-derived article IDs.
enum HTMLHash {
  static func fnv1a64Hex(_ text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}
