/// A half-open range of Unicode scalar offsets into an ``Article``'s `text`.
///
/// Offsets count Unicode scalars (code points), so they match string indexing in Python and
/// most JSON consumers that count code points.
public struct TextSpan: Sendable, Codable, Hashable, Comparable {
  public var start: Int
  public var end: Int
  public init(start: Int, end: Int) {
    precondition(start <= end, "span start after end")
    self.start = start
    self.end = end
  }
  public var length: Int { end - start }
  public static func < (a: TextSpan, b: TextSpan) -> Bool {
    (a.start, a.end) < (b.start, b.end)
  }
}

/// One sentence of one article, located in the article's text.
public struct Sentence: Sendable, Codable, Hashable {
  /// Position of the article in the document set being summarized.
  public var document: Int
  /// Position of the sentence in its article (0-based).
  public var index: Int
  /// Paragraph number within the article (0-based).
  public var paragraph: Int
  public var text: String
  public var span: TextSpan

  public init(document: Int, index: Int, paragraph: Int, text: String, span: TextSpan) {
    self.document = document
    self.index = index
    self.paragraph = paragraph
    self.text = text
    self.span = span
  }
}

/// An article split into sentences: what the summarizer and composer read.
public struct Document: Sendable, Codable, Equatable, Hashable {
  public var article: Article
  public var sentences: [Sentence]
  public init(article: Article, sentences: [Sentence]) {
    self.article = article
    self.sentences = sentences
  }
}

extension String {
  /// The substring covered by a scalar-offset span, or nil when the span is out of range.
  public func text(in span: TextSpan) -> String? {
    let scalars = unicodeScalars
    guard span.start >= 0, span.end <= scalars.count else { return nil }
    let lo = scalars.index(scalars.startIndex, offsetBy: span.start)
    let hi = scalars.index(lo, offsetBy: span.length)
    return String(scalars[lo..<hi])
  }
}
