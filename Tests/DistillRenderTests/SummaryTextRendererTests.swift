import DistillModel
import DistillRender
import Foundation
import Testing

@Test func textRendererPrintsSentencesOnlyOnePerLine() {
  let cite = Citation(source: 1, span: TextSpan(start: 0, end: 3))
  let brief = Brief(
    headline: "H", dateline: nil,
    lede: [BriefSentence(text: "Lede sentence.", citations: [cite])],
    sections: [
      BriefSection(heading: "More", sentences: [BriefSentence(text: "Body.", citations: [cite])])
    ],
    sources: [], notice: "n", generatedAt: Date(timeIntervalSince1970: 0))
  #expect(SummaryTextRenderer().render(brief) == "Lede sentence.\nBody.\n")
}
