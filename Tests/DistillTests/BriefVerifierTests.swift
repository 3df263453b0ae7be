import Distill
import Foundation
import Testing

@Suite struct BriefVerifierTests {
  let source =
    "The harbor closed on Monday. \"We will reopen soon,\" said Maria Ortega. At least 40 people left."

  func span(of needle: String) -> TextSpan {
    let range = source.range(of: needle)!
    let start = source.unicodeScalars.distance(
      from: source.unicodeScalars.startIndex, to: range.lowerBound)
    return TextSpan(start: start, end: start + needle.unicodeScalars.count)
  }

  func brief(sentences: [BriefSentence], quotes: [Quote] = [], figures: [KeyFigure] = []) -> Brief {
    Brief(
      headline: "Harbor closes", dateline: nil, lede: sentences, sections: [], quotes: quotes,
      figures: figures,
      sources: [
        BriefSource(
          number: 1, title: "Harbor", outlet: "Ledger", published: nil, location: "a.txt",
          text: source)
      ], notice: "", generatedAt: Date(timeIntervalSince1970: 0))
  }

  @Test func verbatimAndCompressedSentencesPass() {
    let cite = Citation(source: 1, span: span(of: "The harbor closed on Monday."))
    let b = brief(sentences: [
      BriefSentence(text: "The harbor closed on Monday.", citations: [cite]),
      BriefSentence(text: "The harbor closed.", citations: [cite]),
    ])
    #expect(BriefVerifier().verify(b).isEmpty)
  }

  @Test func addedWordsFail() {
    let cite = Citation(source: 1, span: span(of: "The harbor closed on Monday."))
    let b = brief(sentences: [
      BriefSentence(text: "The harbor closed forever on Monday.", citations: [cite])
    ])
    #expect(BriefVerifier().verify(b).map(\.kind) == [.sentenceNotInSource])
  }

  @Test func reorderedWordsFail() {
    let cite = Citation(source: 1, span: span(of: "The harbor closed on Monday."))
    let b = brief(sentences: [
      BriefSentence(text: "On Monday the harbor closed.", citations: [cite])
    ])
    #expect(BriefVerifier().verify(b).map(\.kind) == [.sentenceNotInSource])
  }

  @Test func uncitedAndOutOfRangeFail() {
    let b = brief(sentences: [
      BriefSentence(text: "The harbor closed on Monday.", citations: []),
      BriefSentence(
        text: "The harbor closed on Monday.",
        citations: [Citation(source: 1, span: TextSpan(start: 0, end: 9999))]),
      BriefSentence(
        text: "The harbor closed on Monday.",
        citations: [Citation(source: 7, span: TextSpan(start: 0, end: 3))]),
    ])
    #expect(BriefVerifier().verify(b).map(\.kind) == [.uncited, .spanOutOfRange, .unknownSource])
  }

  @Test func quotesMustBeVerbatim() {
    let cite = Citation(source: 1, span: span(of: "\"We will reopen soon,\" said Maria Ortega."))
    let good = Quote(text: "We will reopen soon,", speaker: "Maria Ortega", citation: cite)
    let bad = Quote(text: "We will reopen very soon", speaker: "Maria Ortega", citation: cite)
    #expect(BriefVerifier().verify(brief(sentences: [], quotes: [good])).isEmpty)
    #expect(
      BriefVerifier().verify(brief(sentences: [], quotes: [bad])).map(\.kind) == [
        .quoteNotVerbatim
      ])
  }

  @Test func figuresMustAppearInTheirSpan() {
    let cite = Citation(source: 1, span: span(of: "At least 40 people left."))
    let figure = KeyFigure(
      label: "people left",
      reports: [
        FigureReport(value: "At least 40", number: 40, reported: nil, citation: cite),
        FigureReport(value: "57", number: 57, reported: nil, citation: cite),
      ])
    #expect(
      BriefVerifier().verify(brief(sentences: [], figures: [figure])).map(\.kind) == [
        .figureNotInSource
      ])
  }

  @Test func changedSourceTextIsReported() {
    let b = brief(sentences: [])
    #expect(BriefVerifier().verify(b, rereadSources: [source]).isEmpty)
    #expect(
      BriefVerifier().verify(b, rereadSources: ["something else"]).map(\.kind) == [
        .sourceTextChanged
      ])
  }
}

@Test func aDroppedLeadingConjunctionMayRecapitalize() {
  let source = "But the rate climbed in 1995."
  let b = Brief(
    headline: "h", dateline: nil,
    lede: [
      BriefSentence(
        text: "The rate climbed in 1995.",
        citations: [Citation(source: 1, span: TextSpan(start: 0, end: 29))]),
      BriefSentence(
        text: "But the Rate climbed.",
        citations: [Citation(source: 1, span: TextSpan(start: 0, end: 29))]),
    ], sections: [],
    sources: [
      BriefSource(number: 1, title: "t", outlet: nil, published: nil, location: "a", text: source)
    ], notice: "", generatedAt: Date(timeIntervalSince1970: 0))
  #expect(BriefVerifier().verify(b).map(\.kind) == [.sentenceNotInSource])
}
