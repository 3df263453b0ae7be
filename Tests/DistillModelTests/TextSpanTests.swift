import DistillModel
import Testing

@Suite struct TextSpanTests {
  @Test func textInSpanCountsUnicodeScalars() {
    let text = "Café owner said “yes” today."
    #expect(text.text(in: TextSpan(start: 0, end: 4)) == "Café")
    #expect(text.text(in: TextSpan(start: 16, end: 21)) == "“yes”")
    #expect(text.text(in: TextSpan(start: 0, end: 999)) == nil)
  }

  @Test func skipMessagesNameTheProblem() {
    let skip = Skip(source: SourceRef("a.bin"), reason: .binary)
    #expect(skip.description.hasPrefix("distill: skipped a.bin: looks like a binary file"))
  }

  @Test func disputedFigureNeedsDifferentNumbers() {
    let cite = Citation(source: 1, span: TextSpan(start: 0, end: 1))
    let same = KeyFigure(
      label: "dead",
      reports: [
        FigureReport(value: "40", number: 40, reported: nil, citation: cite),
        FigureReport(value: "40", number: 40, reported: nil, citation: cite),
      ])
    #expect(!same.isDisputed)
    var differ = same
    differ.reports[1].number = 57
    #expect(differ.isDisputed)
  }
}
