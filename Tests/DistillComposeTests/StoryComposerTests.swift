import DistillCompose
import DistillModel
import DistillTestSupport
import Foundation
import Testing

private func composeFixture() -> (docs: [Document], brief: Brief) {
  let docs = StoryFixtures.documents
  let brief = StoryComposer(clock: FixedClock(StoryFixtures.now)).compose(
    docs, summary: StoryFixtures.summary(docs))
  return (docs, brief)
}

/// Lower-cased words, for comparing sentences.
private func words(_ text: String) -> [String] {
  text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
}

/// Words as written, case kept: brief text may only delete words from its source.
private func exactWords(_ text: String) -> [String] {
  text.split { !$0.isLetter && !$0.isNumber }.map(String.init)
}

private func isSubsequence(_ small: [String], of big: [String]) -> Bool {
  var i = 0
  for w in big where i < small.count && w == small[i] { i += 1 }
  return i == small.count
}

/// The sentences a reader reads as prose.
private func prose(_ brief: Brief) -> [BriefSentence] {
  brief.lede + brief.sections.flatMap(\.sentences) + brief.whatsNew + brief.whatsNext
}

@Test func everySentenceIsTakenFromItsCitedSources() throws {
  let (_, brief) = composeFixture()
  #expect(!brief.allSentences.isEmpty)
  for sentence in brief.allSentences {
    #expect(!sentence.citations.isEmpty, "uncited: \(sentence.text)")
    for citation in sentence.citations {
      let source = try #require(brief.sources.first { $0.number == citation.source })
      let cited = try #require(source.text.text(in: citation.span), "span out of range")
      #expect(
        isSubsequence(exactWords(sentence.text), of: exactWords(cited)),
        "\(sentence.text) is not its cited source text \(cited)")
    }
  }
}

@Test func noSentenceStartsWithAnUnresolvedPronounOrConnective() {
  let (_, brief) = composeFixture()
  let leaning: Set<String> = [
    "he", "she", "it", "they", "his", "her", "their", "its", "but", "and", "however", "also",
    "meanwhile", "still", "moreover", "this", "these", "those",
  ]
  let groups = [brief.lede, brief.whatsNext] + brief.sections.map(\.sentences)
  for group in groups {
    for (i, sentence) in group.enumerated() {
      guard let first = words(sentence.text).first, leaning.contains(first) else { continue }
      // Allowed only right after the sentence it leans on: same source, the span just before.
      let previous = i > 0 ? group[i - 1] : nil
      let resolved =
        previous.map { prev in
          sentence.citations.contains { c in
            prev.citations.contains {
              $0.source == c.source && $0.span.end <= c.span.start
                && c.span.start - $0.span.end <= 2
            }
          }
        } ?? false
      #expect(resolved, "\(sentence.text) leans on a sentence that is not before it")
    }
  }
  for entry in brief.timeline {
    #expect(!leaning.contains(words(entry.event.text).first ?? ""), "\(entry.event.text)")
  }
}

@Test func noSentenceOrQuoteAppearsTwice() {
  let (_, brief) = composeFixture()
  let sentences = prose(brief).map { words($0.text).joined(separator: " ") }
  #expect(Set(sentences).count == sentences.count)
  let quotes = brief.quotes.map { words($0.text).joined(separator: " ") }
  #expect(Set(quotes).count == quotes.count)
  #expect(!brief.whatsNext.contains { n in brief.lede.contains { $0.text == n.text } })
}

@Test func quotesAreVerbatimInTheirCitedSpans() throws {
  let (_, brief) = composeFixture()
  #expect(brief.quotes.count >= 2)
  for quote in brief.quotes {
    let source = try #require(brief.sources.first { $0.number == quote.citation.source })
    #expect(source.text.text(in: quote.citation.span) == quote.text)
    for part in quote.continuations {
      let s = try #require(brief.sources.first { $0.number == part.citation.source })
      #expect(s.text.text(in: part.citation.span) == part.text)
    }
  }
  let ortega = try #require(brief.quotes.first { $0.text.hasPrefix("We lost everything") })
  #expect(ortega.speaker == "Maria Ortega")
  #expect(ortega.role == "the tribal housing director")
  #expect(ortega.continuations.map(\.text) == ["The water came faster than anyone expected."])
  let waiting = try #require(brief.quotes.first { $0.text.hasPrefix("We have asked for help") })
  #expect(
    waiting.speaker == "Tribal President Frank Star Comes Out", "\"he said\" with one named person")
}

@Test func sourcesAreNumberedByPublicationWithFirstReportAndCopiesMarked() {
  let (_, brief) = composeFixture()
  #expect(brief.sources.map(\.number) == [1, 2, 3, 4])
  #expect(brief.sources.map(\.outlet) == ["AP", "Rapid City Journal", "Lakota Times", "KOTA"])
  #expect(brief.sources.map(\.isFirstReport) == [true, false, false, false])
  #expect(brief.sources[0].alsoPublishedBy == ["Lakota Times"])
  #expect(brief.sources[2].alsoPublishedBy == ["AP"])
  #expect(brief.sources[1].alsoPublishedBy.isEmpty)
  #expect(brief.sources[1].title == "Pine Ridge flood forces evacuations as White River crests")
  #expect(brief.sources[1].location == "https://example.com/journal/flood?id=1&ref=2")
  #expect(brief.sources[3].location == "kota.txt")
  #expect(brief.sources[0].text == StoryFixtures.articles[2].text)
}

@Test func syndicatedSentencesCiteEveryCopy() throws {
  let (_, brief) = composeFixture()
  let lede = try #require(brief.lede.first)
  #expect(lede.sourceNumbers == [1, 3])
  #expect(!lede.text.hasPrefix("PINE RIDGE"), "the dateline is shown once, not in the lede")
}

@Test func headlineDatelineAndNotice() {
  let (docs, brief) = composeFixture()
  #expect(!brief.headline.isEmpty && brief.headline.count <= 90)
  let sourceWords = Set(docs.flatMap { words($0.article.title + " " + $0.article.text) })
  #expect(words(brief.headline).allSatisfy(sourceWords.contains), "the headline invents no words")
  #expect(brief.dateline == Fixtures.date("2026-11-19"))
  #expect(brief.place == "PINE RIDGE, S.D.")
  #expect(
    brief.notice
      == "This brief was assembled by software from the 4 cited sources on 2026-11-20 09:30 UTC; every sentence is taken from them."
  )
  #expect(brief.generatedAt == StoryFixtures.now)
}

@Test func sectionsHaveHeadingsAndSentences() {
  let (_, brief) = composeFixture()
  #expect((1...5).contains(brief.sections.count))
  for section in brief.sections {
    #expect(!section.heading.trimmingCharacters(in: .whitespaces).isEmpty)
    #expect(!section.sentences.isEmpty)
  }
  #expect(Set(brief.sections.map(\.heading)).count == brief.sections.count)
  // Dated background is told once, in the timeline, not in a section as well.
  #expect(!brief.sections.flatMap(\.sentences).contains { $0.text.contains("June 2011") })
  #expect(brief.timeline.contains { $0.event.text.contains("June 2011") })
}

@Test func timelineIsOrderedCitedAndMarksBackground() throws {
  let (_, brief) = composeFixture()
  #expect(brief.timeline.count >= 2)
  #expect(brief.timeline.map(\.date) == brief.timeline.map(\.date).sorted())
  for entry in brief.timeline { #expect(!entry.event.citations.isEmpty) }
  let flood2011 = try #require(brief.timeline.first { $0.event.text.contains("June 2011") })
  #expect(flood2011.isBackground)
  #expect(flood2011.precision == .month)
  // Recent news the prose already tells is not repeated as a row.
  let prose = (brief.lede + brief.sections.flatMap(\.sentences)).map(\.text)
  #expect(prose.contains { $0.contains("crested at 19 feet") })
  #expect(!brief.timeline.contains { $0.event.text.contains("crested at 19 feet") })
  let inferred = brief.timeline.filter(\.isInferred)
  #expect(
    inferred.allSatisfy { $0.event.sourceNumbers == [4] }, "only the undated source is inferred")
  #expect(!brief.timeline.contains { $0.event.text.contains("will begin") }, "plans are not events")
}

@Test func whatsNextHoldsCitedPlans() {
  let (_, brief) = composeFixture()
  let texts = brief.whatsNext.map(\.text)
  #expect(texts.contains { $0.contains("expected to vote next week") })
  #expect(texts.contains { $0.contains("will begin pumping") })
  #expect(brief.whatsNext.allSatisfy { !$0.citations.isEmpty })
}

@Test func figuresAreCited() throws {
  let (_, brief) = composeFixture()
  #expect(!brief.figures.isEmpty)
  for figure in brief.figures {
    for report in figure.reports {
      let source = try #require(brief.sources.first { $0.number == report.citation.source })
      let cited = try #require(source.text.text(in: report.citation.span))
      #expect(cited.contains(report.value))
    }
  }
  #expect(brief.figures.contains { $0.label == "dollars in emergency aid" })
}

@Test func tinyAndEmptyInputsStillMakeABrief() {
  let article = StoryFixtures.article(
    "one", title: "Bridge closed for repairs", outlet: nil, date: nil,
    ["The Elm Street bridge closed on Monday for repairs. It will reopen in the spring."])
  let doc = StoryFixtures.document(article, index: 0)
  let composer = StoryComposer(clock: FixedClock(StoryFixtures.now))
  let brief = composer.compose(
    [doc], summary: Summary(sentences: doc.sentences.map { SelectedSentence(sentence: $0) }))
  // The pronoun-led second sentence may follow the first, never stand alone.
  #expect(
    brief.lede.map(\.text) == [
      "The Elm Street bridge closed on Monday for repairs.", "It will reopen in the spring.",
    ])
  #expect(brief.sections.isEmpty)
  #expect(
    ["Bridge closed for repairs", "The Elm Street bridge closed on Monday for repairs"].contains(
      brief.headline))
  #expect(brief.notice.contains("from the 1 cited source on"))
  #expect(brief.sources.first?.isFirstReport == false, "an undated source is not marked first")

  let empty = composer.compose([], summary: Summary(sentences: []))
  #expect(empty.lede.isEmpty && empty.sections.isEmpty && empty.sources.isEmpty)
  #expect(!empty.headline.isEmpty)
}

@Test func mainNewsSplitsIntoSubTopicsHeadedByTheirSharedWords() {
  let article = StoryFixtures.article(
    "s", title: "Rain soaks county", outlet: "Ledger", date: "2026-11-18",
    [
      "Heavy rain fell across Marren County on Monday, officials said.",
      "The levee along Elm Creek was built from clay and sand.",
      "Engineers said the levee had not been inspected in a decade.",
      "The levee protects about 300 homes in the valley.",
      "The school board met in the gymnasium on Tuesday evening.",
      "The school board postponed its vote until December.",
      "Parents asked the school board to reopen the library.",
    ])
  let doc = StoryFixtures.document(article, index: 0)
  let brief = StoryComposer(clock: FixedClock(StoryFixtures.now)).compose(
    [doc], summary: Summary(sentences: doc.sentences.map { SelectedSentence(sentence: $0) }))
  let headings = brief.sections.map(\.heading)
  #expect(headings.contains("School board"))
  let board = brief.sections.first { $0.heading == "School board" }
  #expect(board?.sentences.allSatisfy { $0.text.contains("school board") } == true)
  // "levee" alone is one word, too little to head a section: those sentences stay in the
  // main news.
  #expect(!headings.contains("Levee"))
  let main = brief.sections.first { $0.heading == "What happened" }
  #expect(main?.sentences.contains { $0.text.contains("levee") } == true)
}

@Test func contractedPronounsLeanOnThePreviousSentence() {
  let article = StoryFixtures.article(
    "c", title: "Vote", outlet: nil, date: "2026-11-18",
    [
      "Voters in the district rejected the school bond on Tuesday.",
      "They're expected to see a new proposal in the spring.",
    ])
  let doc = StoryFixtures.document(article, index: 0)
  let brief = StoryComposer(clock: FixedClock(StoryFixtures.now)).compose(
    [doc], summary: Summary(sentences: [SelectedSentence(sentence: doc.sentences[1])]))
  #expect(brief.lede.isEmpty, "\"They're\" needs the sentence before it")
  #expect(!brief.whatsNext.contains { $0.text.hasPrefix("They") })
}
