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

  public init(
    html: any ArticleReader, plainText: PlainTextReader = PlainTextReader(),
    newswire: NewswireReader = NewswireReader()
  ) {
    self.html = html
    self.plainText = plainText
    self.newswire = newswire
  }

  public func read(_ data: Data, from source: SourceRef) -> IngestOutcome {
    readAll(data, from: source).first ?? .skipped(source, .notAnArticle("no article found"))
  }

  /// Every article in `data`: one for HTML and plain text, one per `<DOC>` for newswire.
  public func readAll(_ data: Data, from source: SourceRef) -> [IngestOutcome] {
    guard !data.isEmpty else { return [.skipped(source, .empty)] }
    if data.starts(with: [0x1F, 0x8B]) {
      return [.skipped(source, .unsupported("gzip-compressed; decompress it first"))]
    }
    let hasUTF16BOM = data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF])
    if !hasUTF16BOM && data.prefix(65536).contains(0) { return [.skipped(source, .binary)] }
    guard let decoded = TextDecoding.decode(data) else {
      return [.skipped(source, .invalidEncoding)]
    }
    if decoded.text.allSatisfy(\.isWhitespace) { return [.skipped(source, .empty)] }
    switch FormatSniffer.sniff(decoded.text) {
    case .newswireSGML: return newswire.readAll(text: decoded.text, from: source)
    case .html: return [html.read(data, from: source)]
    case .plainText: return [plainText.read(text: decoded.text, from: source)]
    }
  }
}
