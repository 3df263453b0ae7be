import DistillCompose
import DistillModel
import DistillRender
import DistillTestSupport
import Foundation
import Testing

struct FigureFixture: CustomTestStringConvertible, Sendable {
  var sentence: String
  var label: String
  var value: String
  var number: Double
  var testDescription: String { sentence }
}

@Test(
  "Numbers are reported with what they count",
  arguments: [
    FigureFixture(
      sentence: "At least 40 people were killed in the collapse.", label: "dead",
      value: "At least 40", number: 40),
    FigureFixture(
      sentence: "The death toll rose to 57 on Thursday.", label: "dead", value: "57", number: 57),
    FigureFixture(
      sentence: "Officials said 1,200 residents were evacuated overnight.", label: "evacuated",
      value: "1,200", number: 1200),
    FigureFixture(
      sentence: "The storm caused $2.5 million in damage, the county said.",
      label: "dollars in damage", value: "$2.5 million", number: 2_500_000),
    FigureFixture(
      sentence: "The Pentagon is sending 3,000 troops to the border.", label: "troops",
      value: "3,000", number: 3000),
    FigureFixture(
      sentence: "Nearly two dozen people were injured, including three children.",
      label: "injured", value: "Nearly two dozen", number: 24),
    FigureFixture(
      sentence: "More than 300 homes were destroyed by the fire.", label: "homes destroyed",
      value: "More than 300", number: 300),
    FigureFixture(
      sentence: "Rescuers said twelve people are still missing.", label: "missing",
      value: "twelve", number: 12),
  ])
func findsFigures(_ fixture: FigureFixture) throws {
  let f = try #require(FigureFinder().figures(in: fixture.sentence).first)
  #expect(f.label == fixture.label)
  #expect(f.value == fixture.value)
  #expect(f.number == fixture.number)
}

@Test(
  "Numbers that count nothing named are not figures",
  arguments: [
    "The same street flooded in 2014.",
    "The levee broke on Jan. 3 at 3 p.m.",
    "The river crested at 19 feet.",
    "Route 66 was closed for 4 hours.",
    "Turnout was 45 percent.",
  ])
func ignoresBareNumbers(_ sentence: String) {
  #expect(FigureFinder().figures(in: sentence).isEmpty)
}

/// Three reports of an evacuation: two disagree, one repeats a figure.
private func evacuationStory() -> [Document] {
  let articles = [
    StoryFixtures.article(
      "a", title: "Evacuations begin", outlet: "AP", date: "2026-11-17",
      ["At least 40 people were evacuated from the valley on Tuesday, officials said."]),
    StoryFixtures.article(
      "b", title: "More evacuations", outlet: "Journal", date: "2026-11-19",
      [
        "Officials said 57 people were evacuated by Thursday.",
        "Earlier, 12 people were evacuated from a nursing home.",
      ]),
    StoryFixtures.article(
      "c", title: "Valley empties", outlet: "Times", date: "2026-11-20",
      ["Some 57 people were evacuated, the county said."]),
  ]
  return articles.enumerated().map { StoryFixtures.document($0.element, index: $0.offset) }
}

@Test func conflictingFiguresAreEachListedWithCitationAndDate() throws {
  let docs = evacuationStory()
  let brief = StoryComposer(clock: FixedClock(StoryFixtures.now)).compose(
    docs, summary: Summary(sentences: [SelectedSentence(sentence: docs[0].sentences[0])]))
  let figure = try #require(brief.figures.first { $0.label == "evacuated" })
  #expect(figure.isDisputed)
  #expect(figure.reports.map(\.number) == [40, 57], "one report per distinct figure, oldest first")
  #expect(figure.reports.map(\.value) == ["At least 40", "57"])
  #expect(figure.reports.map(\.citation.source) == [1, 2])
  #expect(
    figure.reports.map(\.reported) == [Fixtures.date("2026-11-17"), Fixtures.date("2026-11-19")])
  for report in figure.reports {
    let cited = try #require(
      brief.sources[report.citation.source - 1].text.text(in: report.citation.span))
    #expect(cited.contains(report.value), "the cited span states the figure")
  }
  let markdown = MarkdownRenderer().render(brief)
  #expect(
    markdown.contains(
      "- **Evacuated** (sources differ): At least 40 evacuated [1], reported Nov. 17, 2026; 57 evacuated [2], reported Nov. 19, 2026"
    ))
}

@Test func agreeingFiguresAreNotADispute() throws {
  let docs = Array(evacuationStory().dropFirst()).enumerated().map { i, d in
    StoryFixtures.document(d.article, index: i)
  }
  let brief = StoryComposer(clock: FixedClock(StoryFixtures.now)).compose(
    docs, summary: Summary(sentences: [SelectedSentence(sentence: docs[0].sentences[0])]))
  let figure = try #require(brief.figures.first { $0.label == "evacuated" })
  #expect(!figure.isDisputed)
  #expect(figure.reports.count == 1)
  #expect(figure.reports[0].number == 57)
}
