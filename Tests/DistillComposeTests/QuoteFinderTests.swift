import DistillCompose
import DistillModel
import DistillTestSupport
import Foundation
import Testing

/// The quotations of a one-paragraph-per-string article.
private func quotes(_ paragraphs: [String]) -> (text: String, quotes: [FoundQuote]) {
  let article = Fixtures.article(paragraphs: paragraphs)
  let doc = StoryFixtures.document(article, index: 0)
  return (article.text, QuoteFinder().quotes(in: article.text, sentences: doc.sentences))
}

struct QuoteShape: CustomTestStringConvertible, Sendable {
  var paragraph: String
  var text: String
  var speaker: String?
  var role: String?
  var testDescription: String { paragraph }
}

@Test(
  "Attribution shapes give the speaker and role the source states",
  arguments: [
    QuoteShape(
      paragraph:
        "\"We will rebuild every house,\" said Maria Ortega, the port authority's director.",
      text: "We will rebuild every house", speaker: "Maria Ortega",
      role: "the port authority's director"),
    QuoteShape(
      paragraph: "Ortega said: \"The port will reopen on Friday.\"",
      text: "The port will reopen on Friday.", speaker: "Ortega", role: nil),
    QuoteShape(
      paragraph: "\"The water is still rising,\" Ortega said.",
      text: "The water is still rising", speaker: "Ortega", role: nil),
    QuoteShape(
      paragraph:
        "\u{201C}We have never seen water this high,\u{201D} Mayor Tom Lee told reporters on Tuesday.",
      text: "We have never seen water this high", speaker: "Mayor Tom Lee", role: nil),
    QuoteShape(
      paragraph: "``Nobody expected the levee to fail,'' said Gov. Kristi Noem.",
      text: "Nobody expected the levee to fail", speaker: "Gov. Kristi Noem", role: nil),
    QuoteShape(
      paragraph: "According to Ortega, \"the damage is worse than in 2011.\"",
      text: "the damage is worse than in 2011.", speaker: "Ortega", role: nil),
    QuoteShape(
      paragraph: "In a statement, the agency said: \"Help is on the way for every family.\"",
      text: "Help is on the way for every family.", speaker: nil, role: "the agency"),
    QuoteShape(
      paragraph: "\"Two bodies were recovered near the bridge,\" the sheriff's office said.",
      text: "Two bodies were recovered near the bridge", speaker: nil, role: "the sheriff's office"),
    QuoteShape(
      paragraph: "Frank Lee, the tribal president, said: \"We asked for help three days ago.\"",
      text: "We asked for help three days ago.", speaker: "Frank Lee", role: "the tribal president"),
    QuoteShape(
      paragraph: "\"This is the worst flood anyone here remembers.\"",
      text: "This is the worst flood anyone here remembers.", speaker: nil, role: nil),
    QuoteShape(
      paragraph: "Residents gathered at the school. \"Where do we go now?\" one woman asked.",
      text: "Where do we go now?", speaker: nil, role: "one woman"),
  ])
func attributionShapes(_ shape: QuoteShape) throws {
  let (text, found) = quotes([shape.paragraph])
  let q = try #require(found.first)
  #expect(found.count == 1)
  #expect(q.text == shape.text)
  #expect(q.speaker == shape.speaker)
  #expect(q.role == shape.role)
  #expect(text.text(in: q.span) == q.text, "the span must hold exactly the quoted words")
}

@Test func pronounSpeakerResolvesWhenOnePersonIsNamed() throws {
  let (_, found) = quotes([
    "Maria Ortega, the housing director, said the water rose within an hour.",
    "\"We lost everything we had in that house,\" she said.",
  ])
  let q = try #require(found.first)
  #expect(q.speaker == "Maria Ortega")
}

@Test func pronounSpeakerStaysUnknownWhenTwoPeopleAreNamed() throws {
  let (_, found) = quotes([
    "Maria Ortega said the water rose within an hour, and Tom Lee said the levee failed.",
    "\"We lost everything we had in that house,\" she said.",
  ])
  let q = try #require(found.first)
  #expect(q.speaker == nil, "two people named nearby: the pronoun is not guessed")
}

@Test func pronounWithNoNamedPersonStaysUnknown() throws {
  let (_, found) = quotes(["\"We lost everything we had in that house,\" he said."])
  #expect(try #require(found.first).speaker == nil)
}

@Test func interruptedQuoteKeepsEachPartVerbatim() throws {
  let (text, found) = quotes([
    "\"We lost everything,\" said Maria Ortega, \"and nobody came to help us for three days.\""
  ])
  #expect(found.count == 1)
  let q = try #require(found.first)
  #expect(q.text == "We lost everything")
  #expect(q.speaker == "Maria Ortega")
  #expect(q.continuations.map(\.text) == ["and nobody came to help us for three days."])
  for piece in q.continuations { #expect(text.text(in: piece.span) == piece.text) }
}

@Test func quoteContinuedInTheNextSentenceJoinsItsSpeaker() throws {
  let (text, found) = quotes([
    "``We lost everything in an hour,'' said Maria Ortega, the housing director. ``The water came faster than anyone expected.''"
  ])
  #expect(found.count == 1)
  let q = try #require(found.first)
  #expect(q.speaker == "Maria Ortega")
  #expect(q.continuations.map(\.text) == ["The water came faster than anyone expected."])
  #expect(text.text(in: q.continuations[0].span) == "The water came faster than anyone expected.")
}

@Test func quoteSpanningTwoSentencesIsOneContiguousQuote() throws {
  let (text, found) = quotes([
    "\"The water came at night. We had ten minutes to get out,\" said Tom Lee, a farmer."
  ])
  let q = try #require(found.first)
  #expect(found.count == 1)
  #expect(q.text == "The water came at night. We had ten minutes to get out")
  #expect(q.continuations.isEmpty)
  #expect(text.text(in: q.span) == q.text)
}

@Test func unclosedQuoteEndsWithItsParagraph() throws {
  let (text, found) = quotes([
    "Ortega said: \"The first floor is gone. The second floor is next.",
    "\"We need pumps,\" she said.",
  ])
  #expect(found.count == 2)
  #expect(found[0].text == "The first floor is gone. The second floor is next.")
  #expect(found[0].speaker == "Ortega")
  for q in found { #expect(text.text(in: q.span) == q.text) }
}

@Test func composerListsEachQuoteOnceAndSkipsFragments() {
  let paragraphs = [
    "Floodwaters forced dozens of families from their homes on Monday.",
    "\"We lost everything in an hour,\" said Maria Ortega, the housing director.",
    "Officials called the response \"a disaster.\"",
  ]
  let copy = [
    "\u{201C}We  lost everything in an HOUR,\u{201D} said Maria Ortega, the housing director."
  ]
  let docs = [
    StoryFixtures.document(
      StoryFixtures.article("a", title: "Flood", outlet: "A", date: "2026-11-17", paragraphs),
      index: 0),
    StoryFixtures.document(
      StoryFixtures.article("b", title: "Flood", outlet: "B", date: "2026-11-18", copy), index: 1),
  ]
  let brief = StoryComposer(clock: FixedClock(StoryFixtures.now)).compose(
    docs, summary: Summary(sentences: [SelectedSentence(sentence: docs[0].sentences[0])]))
  #expect(brief.quotes.count == 1)
  #expect(brief.quotes.first?.text == "We lost everything in an hour")
  #expect(
    !brief.quotes.contains { $0.text.contains("disaster") }, "two-word fragments are not quotes")

  // A quotation the prose already carries is not repeated under Quotes.
  let quoted = StoryComposer(clock: FixedClock(StoryFixtures.now)).compose(
    docs, summary: Summary(sentences: [SelectedSentence(sentence: docs[0].sentences[1])]))
  #expect(quoted.lede.first?.text.contains("We lost everything") == true)
  #expect(quoted.quotes.isEmpty)
}

@Test func quoteSentenceAttributedToAPronounDoesNotOpenAParagraph() {
  let article = StoryFixtures.article(
    "p", title: "Flood", outlet: nil, date: "2026-11-18",
    [
      "The river rose six feet overnight in the valley.",
      "\"I have never seen anything like it in my life,\" she said.",
    ])
  let doc = StoryFixtures.document(article, index: 0)
  let brief = StoryComposer(clock: FixedClock(StoryFixtures.now)).compose(
    [doc], summary: Summary(sentences: [SelectedSentence(sentence: doc.sentences[1])]))
  #expect(brief.lede.isEmpty && brief.sections.isEmpty, "who \"she\" is, the brief cannot say")
}
