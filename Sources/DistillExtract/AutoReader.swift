import DistillModel
import Foundation

/// Tells the input formats apart from their first bytes.
public enum FormatSniffer {
  private static let tag = try! NSRegularExpression(pattern: #"</?[a-zA-Z][a-zA-Z0-9]*[\s>/]"#)

  /// `<DOC>` → newswire SGML; `<html`, `<!doctype html` or tag-dense markup → HTML; else
  /// plain text. Only the first 8 KB are looked at.
  public static func sniff(_ text: String) -> InputFormat {
    let head = String(text.prefix(8192))
    let lower = head.lowercased()
    let start = lower.trimmingCharacters(in: .whitespacesAndNewlines)
    if start.hasPrefix("<doc>") || start.hasPrefix("<doc ")
      || (lower.contains("<doc>") && lower.contains("<docno>"))
    {
      return .newswireSGML
    }
    if start.hasPrefix("<!doctype html") || start.hasPrefix("<html") || lower.contains("<html") {
      return .html
    }
    let tags = tag.numberOfMatches(in: head, range: NSRange(head.startIndex..., in: head))
    let words = NewswireText.wordCount(head)
    if tags >= 8 && tags * 10 >= words / 2 { return .html }
    // A fragment that opens with markup (`<p>…</p><p>…</p>`), as pasted from a page source.
    if start.hasPrefix("<") && tags >= 2 && !start.hasPrefix("<?xml") { return .html }
    return .plainText
  }
}

/// Reads any supported input: checks for empty, binary and badly encoded bytes, sniffs the
/// format and hands the input to the reader for it. HTML goes to an injected reader, so the
/// extract stage's HTML extractor can be swapped (and faked in tests).
public struct AutoReader: ArticleReader {
  public var html: any ArticleReader
  public var plainText: PlainTextReader
  public var newswire: NewswireReader
  /// Inflates gzip data to at most the given number of bytes (nil when corrupt or larger).
  /// Without it, `.gz` inputs are skipped as unsupported.
  public var gunzip: (@Sendable (Data, Int) -> Data?)?
  /// The largest inflated size accepted from a gzip input.
  public var maxInflatedBytes: Int
  /// The standard rules without duplicate removal: page analysis already drops repeated
  /// furniture, and pages that repeat a paragraph on purpose (the same interview question put
  /// to several people) lost real text to it on the extraction development set.
  public static let htmlCleaningDefault = CleaningRules(
    rules: CleaningRules.standard.rules, removesDuplicates: false)

  /// Applied to what the HTML reader returns, to catch furniture its page analysis kept
  /// (captions with credits, sign-up lines inside the article body); nil leaves it as is.
  public var htmlCleaning: CleaningRules?

  public init(
    html: any ArticleReader, plainText: PlainTextReader = PlainTextReader(),
    newswire: NewswireReader = NewswireReader(),
    gunzip: (@Sendable (Data, Int) -> Data?)? = nil,
    maxInflatedBytes: Int = InputLoader.defaultMaxBytes,
    htmlCleaning: CleaningRules? = AutoReader.htmlCleaningDefault
  ) {
    self.html = html
    self.plainText = plainText
    self.newswire = newswire
    self.gunzip = gunzip
    self.maxInflatedBytes = maxInflatedBytes
    self.htmlCleaning = htmlCleaning
  }

  public func read(_ data: Data, from source: SourceRef) -> IngestOutcome {
    readAll(data, from: source).first ?? .skipped(source, .notAnArticle("no article found"))
  }

  /// RSS, RDF or Atom documents, recognized by their root element near the top.
  static func isFeed(_ text: String) -> Bool {
    let head = text.prefix(2048).lowercased()
    let start = head.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" })
    guard
      start.hasPrefix("<?xml") || start.hasPrefix("<rss") || start.hasPrefix("<feed")
        || start.hasPrefix("<rdf:rdf")
    else { return false }
    return head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf")
  }

  /// `outcome` with ``htmlCleaning`` applied to its paragraphs and the removals added to its
  /// cleaning report.
  func recleaned(_ outcome: IngestOutcome) -> IngestOutcome {
    guard let rules = htmlCleaning, case .article(var article) = outcome else { return outcome }
    let paragraphs = article.paragraphs.map(String.init)
    let (kept, report) = rules.clean(paragraphs: paragraphs)
    guard kept.count < paragraphs.count else { return outcome }
    guard !kept.isEmpty else {
      return .skipped(article.source, .notAnArticle("nothing but page furniture after cleaning"))
    }
    article.text = kept.joined(separator: "\n\n")
    for (rule, count) in report.removedByRule { article.cleaning.record(rule, count: count) }
    if article.cleaning.linesIn == 0 { article.cleaning.linesIn = report.linesIn }
    return .article(article)
  }

  /// Every article in `data`: one for HTML and plain text, one per `<DOC>` for newswire.
  public func readAll(_ data: Data, from source: SourceRef) -> [IngestOutcome] {
    guard !data.isEmpty else { return [.skipped(source, .empty)] }
    if data.starts(with: [0x1F, 0x8B]) {
      guard let gunzip else {
        return [.skipped(source, .unsupported("gzip-compressed; decompress it first"))]
      }
      guard let inflated = gunzip(data, maxInflatedBytes + 1) else {
        return [.skipped(source, .unreadable("corrupt gzip data"))]
      }
      if inflated.count > maxInflatedBytes {
        return [.skipped(source, .tooLarge(bytes: inflated.count, limit: maxInflatedBytes))]
      }
      if inflated.starts(with: [0x1F, 0x8B]) {
        return [.skipped(source, .unsupported("gzip inside gzip"))]
      }
      return readAll(inflated, from: source)
    }
    let hasUTF16BOM = data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF])
    if !hasUTF16BOM && data.prefix(65536).contains(0) { return [.skipped(source, .binary)] }
    guard let decoded = TextDecoding.decode(data) else {
      return [.skipped(source, .invalidEncoding)]
    }
    if decoded.text.allSatisfy(\.isWhitespace) { return [.skipped(source, .empty)] }
    if Self.isFeed(decoded.text) {
      return [.skipped(source, .unsupported("a news feed (RSS or Atom), not an article"))]
    }
    switch FormatSniffer.sniff(decoded.text) {
    case .newswireSGML: return newswire.readAll(text: decoded.text, from: source)
    case .html: return [recleaned(html.read(data, from: source))]
    case .plainText: return [plainText.read(text: decoded.text, from: source)]
    }
  }
}
