import DistillCompose
import DistillModel
import DistillTestSupport
import Foundation
import Testing

// MARK: How a sentence opens

@Test(
  "Openings that need something said before them",
  arguments: [
    ("Does it actually cure arthritis?", "question"),
    ("\"Why would anyone wait?\"", "question"),
    ("It was the third recall this year.", "pronoun"),
    ("Eventually, bone rubs against bone.", "connective"),
    ("But the tribe said the levee held.", "connective"),
    ("The company hopes to sell the drug again next year.", "definite"),
    ("The Atlanta-based agency said it would review the data.", "definite"),
  ])
func openingsThatLean(_ text: String, _ kind: String) {
  let opening = SentenceOpening(text)
  #expect(!opening.standsAlone)
  switch kind {
  case "question": #expect(opening.isQuestion)
  case "pronoun": #expect(opening.startsWithPronoun)
  case "connective": #expect(opening.startsWithConnective)
  default: #expect(opening.definiteSubject != nil)
  }
}

@Test(
  "Openings that stand alone",
  arguments: [
    "Halvor Pharma said on Tuesday it would withdraw its arthritis drug Zentrel.",
    "The Food and Drug Administration approved the drug in 1999.",
    "The river crested at 19 feet late Monday.",
    "Now that the water has receded, crews are pumping basements.",
  ])
func openingsThatStandAlone(_ text: String) {
  #expect(SentenceOpening(text).standsAlone, "\(text)")
}

// MARK: Speakers' names

@Test func aSurnameSpeakerTakesTheFullNameTheArticleGives() {
  let text = """
    Dr. Jane Rubin, a rheumatologist at Marren General Hospital, studied the drug. \
    "We saw no benefit," Rubin said.
    """
  #expect(SpeakerNames.fullName(of: "Rubin", in: text) == "Jane Rubin")
  #expect(SpeakerNames.fullName(of: "Dr. Rubin", in: text) == "Jane Rubin")
  #expect(SpeakerNames.fullName(of: "Jane Rubin", in: text) == nil, "already in full")
  #expect(SpeakerNames.fullName(of: "Ortega", in: text) == nil, "not named in the text")
}

@Test func twoPeopleWithOneSurnameLeaveTheSpeakerAsGiven() {
  let text = "Anna Voss and Peter Voss ran the shop. \"It was ours,\" Voss said."
  #expect(SpeakerNames.fullName(of: "Voss", in: text) == nil)
  let sentenceStart = "Monday Voss said the shop would close. Later, Anna Voss said so again."
  #expect(SpeakerNames.fullName(of: "Voss", in: sentenceStart) == "Anna Voss")
}

// MARK: The composer

private let drugStory = StoryFixtures.article(
  "drug", title: "Halvor withdraws arthritis drug", outlet: "Ledger", date: "2026-11-18",
  [
    "Halvor Pharma said on Tuesday it would withdraw its arthritis drug Zentrel from pharmacies worldwide after a study linked it to heart attacks.",
    "Does it actually cure arthritis?",
    "Eventually, bone rubs against bone and every step hurts.",
    "The company hopes to sell the drug again next year.",
    "Dr. Jane Rubin, a rheumatologist at Marren General Hospital, led the study of 2,600 patients.",
    "\"We saw twice as many heart attacks among the patients who took it,\" Rubin said.",
    "The agency said it would review every drug of the same class.",
    "Regulators in Marren approved Zentrel in 2019 after two years of trials.",
  ])

private func composeDrugStory(order: [Int]) -> Brief {
  let doc = StoryFixtures.document(drugStory, index: 0)
  let summary = Summary(
    sentences: order.map { SelectedSentence(sentence: doc.sentences[$0], score: 1) })
  return StoryComposer(clock: FixedClock(StoryFixtures.now)).compose([doc], summary: summary)
}

@Test func theLedeNamesWhoAndWhatEvenWhenTheSummaryOpensWeakly() throws {
  let brief = composeDrugStory(order: [3, 1, 2, 0, 4, 7])
  let first = try #require(brief.lede.first)
  #expect(first.text.hasPrefix("Halvor Pharma said"))
  let counts = ReadabilityCheck.counts(brief)
  #expect(counts.ledeQuestions + counts.ledeDefiniteSubjects + counts.ledeConnectives == 0)
}

@Test func anArticlesOpeningSentenceCanLeadWhenTheSummaryHasNoLede() throws {
  // The summary holds no sentence fit to lead; the article's first sentence does.
  let brief = composeDrugStory(order: [3, 1, 2])
  #expect(brief.lede.first?.text.hasPrefix("Halvor Pharma said") == true)
  #expect(ReadabilityCheck.counts(brief).duplicateSentences == 0)
}

@Test func sectionsHoldNoQuestionsAndNoSubjectTheBriefHasNotNamed() {
  let brief = composeDrugStory(order: [0, 1, 3, 6, 4, 7, 2])
  let body = brief.sections.flatMap(\.sentences).map(\.text)
  #expect(!body.contains { $0.hasSuffix("?") })
  // "company" is never named before "The company hopes…"; nothing names an agency.
  #expect(!body.contains { $0.hasPrefix("The company") })
  #expect(!body.contains { $0.hasPrefix("The agency") })
  // "Eventually, …" follows a question that was left out, so it has nothing to follow.
  #expect(!body.contains { $0.hasPrefix("Eventually") })
  // Dated background goes to the timeline rather than the sections.
  #expect(!body.contains { $0.hasPrefix("Regulators in Marren") })
  #expect(brief.timeline.contains { $0.event.text.hasPrefix("Regulators in Marren") })
}

@Test func aDefiniteSubjectStaysWhenTheBriefNamedItBefore() {
  let article = StoryFixtures.article(
    "co", title: "Recall", outlet: "Ledger", date: "2026-11-18",
    [
      "Halvor Pharma, a drug company based in Marren, recalled 40,000 bottles of cough syrup on Tuesday.",
      "Inspectors found the syrup had been stored at the wrong temperature for weeks.",
      "The company said no one had been harmed by the syrup so far.",
    ])
  let doc = StoryFixtures.document(article, index: 0)
  let brief = StoryComposer(clock: FixedClock(StoryFixtures.now)).compose(
    [doc], summary: Summary(sentences: doc.sentences.map { SelectedSentence(sentence: $0) }))
  let all = (brief.lede + brief.sections.flatMap(\.sentences)).map(\.text)
  #expect(all.contains { $0.hasPrefix("The company said") })
}

@Test func quotesNameTheSpeakerInFull() throws {
  let brief = composeDrugStory(order: [0, 7, 4])
  let quote = try #require(brief.quotes.first { $0.text.hasPrefix("We saw twice") })
  #expect(quote.speaker == "Jane Rubin")
  #expect(ReadabilityCheck.counts(brief).surnameOnlySpeakers == 0)
}

@Test func theTimelineDoesNotRepeatTheProse() {
  let (docs, summary) = (StoryFixtures.documents, StoryFixtures.summary(StoryFixtures.documents))
  let brief = StoryComposer(clock: FixedClock(StoryFixtures.now)).compose(docs, summary: summary)
  let prose = Set((brief.lede + brief.sections.flatMap(\.sentences)).map(\.text))
  #expect(!brief.timeline.isEmpty)
  #expect(!brief.timeline.contains { prose.contains($0.event.text) })
  #expect(ReadabilityCheck.counts(brief).duplicateSentences == 0)
}

// MARK: The measurement itself

@Test func theCheckCountsEachProblemOnce() {
  let source = BriefSource(
    number: 1, title: "T", outlet: nil, published: nil, location: "a.txt", isFirstReport: false,
    alsoPublishedBy: [],
    text: "Dr. Jane Rubin led the study. Rubin said more. It was late. The levee broke.")
  func sentence(_ text: String, _ start: Int, _ end: Int) -> BriefSentence {
    BriefSentence(
      text: text, citations: [Citation(source: 1, span: TextSpan(start: start, end: end))])
  }
  let brief = Brief(
    headline: "H", dateline: nil, place: nil,
    lede: [sentence("It was late.", 47, 59)],
    sections: [
      BriefSection(
        heading: "Warms",
        sentences: [
          sentence("The levee broke.", 60, 76), sentence("Does it work?", 0, 5),
          sentence("But the study ended.", 0, 29),
        ])
    ],
    quotes: [
      Quote(
        text: "More", speaker: "Rubin",
        citation: Citation(source: 1, span: TextSpan(start: 30, end: 46)))
    ],
    timeline: [
      TimelineEntry(
        date: Fixtures.date("2026-11-18"), precision: .day,
        event: sentence("The levee broke.", 60, 76),
        isBackground: false, isInferred: false)
    ],
    whatsNext: [], figures: [], whatsNew: [], sources: [source], notice: "", generatedAt: Date())
  let c = ReadabilityCheck.counts(brief)
  #expect(c.ledePronouns == 1)
  #expect(c.bodyQuestions == 1)
  #expect(c.bodyConnectives == 1)
  #expect(c.surnameOnlySpeakers == 1)
  // The timeline row repeats a section sentence; "Does it work?" and "But the study ended."
  // cite overlapping spans of one source sentence.
  #expect(c.duplicateSentences == 2)
  #expect(c.singleWordHeadings == 1)
  #expect(c.problems == 7)
}

@Test func aTimelineRowNeverLeansOnAPronounSpeaker() {
  let article = StoryFixtures.article(
    "tl", title: "Vapor lingers", outlet: "Ledger", date: "2026-11-18",
    [
      "A tank at the Northquay terminal leaked styrene vapor over the Lower Wharf on Monday, fire officials said.",
      "Fire Chief Daniel Okafor said crews sprayed foam on the tank through the morning.",
      "Air monitors on Quay Street still showed traces of styrene vapor on Tuesday morning, he said.",
      "The Northquay terminal, which opened in 1978, stores styrene for plants along the coast.",
    ])
  let doc = StoryFixtures.document(article, index: 0)
  let brief = StoryComposer(clock: FixedClock(StoryFixtures.now)).compose(
    [doc], summary: Summary(sentences: [SelectedSentence(sentence: doc.sentences[0])]))
  #expect(brief.timeline.contains { $0.event.text.contains("1978") })
  #expect(!brief.timeline.contains { $0.event.text.hasSuffix("he said.") })
}

@Test func anotherOutletsRetellingOfTheLedeIsNotATimelineRow() {
  let wire = StoryFixtures.article(
    "wire", title: "Leak", outlet: "Wire", date: "2026-11-16",
    [
      "A storage tank at the Northquay chemical terminal leaked styrene vapor over the Lower Wharf neighborhood on Monday, fire officials said.",
      "The Northquay terminal, which opened in 1978, stores styrene for plants along the coast.",
    ])
  let paper = StoryFixtures.article(
    "paper", title: "Vapor", outlet: "Ledger", date: "2026-11-17",
    [
      "Styrene vapor from a storage tank at the Northquay chemical terminal drifted over the Lower Wharf neighborhood on Monday.",
      "Harbor crews emptied the leaking tank into a barge on Tuesday night.",
    ])
  let docs = [StoryFixtures.document(wire, index: 0), StoryFixtures.document(paper, index: 1)]
  let brief = StoryComposer(clock: FixedClock(StoryFixtures.now)).compose(
    docs, summary: Summary(sentences: [SelectedSentence(sentence: docs[0].sentences[0])]))
  #expect(brief.lede.first?.text.hasPrefix("A storage tank") == true)
  #expect(brief.timeline.contains { $0.event.text.contains("1978") })
  #expect(!brief.timeline.contains { $0.event.text.hasPrefix("Styrene vapor") })
}

@Test func aSentenceRepeatedDayAfterDayDoesNotLead() {
  let notice =
    "Spot news budgets from the Harbor News Service move daily at 2 p.m. and 6 p.m. Eastern."
  let days = ["2026-11-16", "2026-11-17", "2026-11-18"]
  let articles = days.enumerated().map { n, day in
    StoryFixtures.article(
      "hns\(n)", title: "Budget \(n)", outlet: "Harbor News Service", date: day,
      [
        notice,
        [
          "The Marren port authority voted on Monday to close the Northquay terminal for a month of inspections.",
          "Inspectors from the state found corroded valves on two more tanks at the Northquay terminal on Tuesday.",
          "Brackwater Terminals agreed on Wednesday to replace every valve at the Northquay terminal by spring.",
        ][n],
      ])
  }
  let docs = articles.enumerated().map { StoryFixtures.document($0.element, index: $0.offset) }
  let summary = Summary(sentences: [
    SelectedSentence(sentence: docs[0].sentences[0]),
    SelectedSentence(sentence: docs[2].sentences[1]),
  ])
  let brief = StoryComposer(clock: FixedClock(StoryFixtures.now)).compose(docs, summary: summary)
  let first = brief.lede.first?.text ?? ""
  #expect(!first.hasPrefix("Spot news budgets"))
  #expect(!first.isEmpty)
}
