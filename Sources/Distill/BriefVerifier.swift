import DistillModel

/// One way a brief fails to rest on its sources.
public struct VerificationFailure: Sendable, Equatable, Hashable, CustomStringConvertible {
  public enum Kind: String, Sendable, Hashable {
    case unknownSource = "unknown source"
    case spanOutOfRange = "citation out of range"
    case sourceTextChanged = "source text differs"
    case sentenceNotInSource = "sentence not in its cited source"
    case quoteNotVerbatim = "quote not verbatim in its cited source"
    case figureNotInSource = "figure not in its cited source"
    case uncited = "uncited sentence"
  }
  public var kind: Kind
  /// The brief text that failed, shortened for display.
  public var text: String
  public var source: Int?

  public var description: String {
    let shown = text.count > 80 ? String(text.prefix(77)) + "..." : text
    return source.map { "\(kind.rawValue) [\($0)]: \(shown)" } ?? "\(kind.rawValue): \(shown)"
  }
}

/// Re-checks a brief against the source texts it cites.
///
/// Rules (every writer, extractive or not, must pass them):
/// - every citation names a source in the list and a span inside that source's text;
/// - every sentence has at least one citation, and one of its cited spans contains the sentence
///   (``Grounding/isWordSubsequence(_:of:)``: verbatim, or with words deleted, never added or
///   reordered); every other cited span (the same sentence in other outlets) must carry it too
///   (``Grounding/isCopy(_:of:)``);
/// - every quote's text appears verbatim at its cited span;
/// - every key figure's value appears in its cited span.
///
/// When `sources` is given (the texts re-read from the inputs), each brief source's stored text
/// must equal it, so a brief cannot cite text its source no longer has.
public struct BriefVerifier: Sendable {
  public init() {}

  public func verify(_ brief: Brief, rereadSources: [String]? = nil) -> [VerificationFailure] {
    var failures: [VerificationFailure] = []
    let texts = Dictionary(uniqueKeysWithValues: brief.sources.map { ($0.number, $0.text) })

    if let reread = rereadSources {
      for source in brief.sources where !reread.contains(source.text) {
        failures.append(.init(kind: .sourceTextChanged, text: source.title, source: source.number))
      }
    }

    func cited(_ citation: Citation, for text: String) -> String? {
      guard let sourceText = texts[citation.source] else {
        failures.append(.init(kind: .unknownSource, text: text, source: citation.source))
        return nil
      }
      guard let span = sourceText.text(in: citation.span) else {
        failures.append(.init(kind: .spanOutOfRange, text: text, source: citation.source))
        return nil
      }
      return span
    }

    for sentence in brief.allSentences {
      guard !sentence.citations.isEmpty else {
        failures.append(.init(kind: .uncited, text: sentence.text, source: nil))
        continue
      }
      let spans = sentence.citations.map { (citation: $0, text: cited($0, for: sentence.text)) }
      let found = spans.compactMap(\.text)
      guard found.count == spans.count else { continue }
      if !found.contains(where: { Grounding.isWordSubsequence(sentence.text, of: $0) }) {
        failures.append(
          .init(kind: .sentenceNotInSource, text: sentence.text, source: spans[0].citation.source))
        continue
      }
      for (citation, text) in spans where !Grounding.isCopy(text!, of: sentence.text) {
        failures.append(
          .init(kind: .sentenceNotInSource, text: sentence.text, source: citation.source))
      }
    }
    for quote in brief.quotes {
      if let span = cited(quote.citation, for: quote.text), !span.contains(quote.text) {
        failures.append(
          .init(kind: .quoteNotVerbatim, text: quote.text, source: quote.citation.source))
      }
    }
    for figure in brief.figures {
      for report in figure.reports {
        if let span = cited(report.citation, for: report.value), !span.contains(report.value) {
          failures.append(
            .init(kind: .figureNotInSource, text: report.value, source: report.citation.source))
        }
      }
    }
    return failures
  }
}
