import DistillModel
import DistillTestSupport
import DistillText
import Testing

private func split(_ text: String) -> [String] {
  SentenceSplitter().spans(in: text).map { text.text(in: $0)! }
}

@Test func splitsPlainSentencesAndQuestionsAndExclamations() {
  #expect(
    split("The river rose. Was anyone hurt? Nobody! Then it rained.") == [
      "The river rose.", "Was anyone hurt?", "Nobody!", "Then it rained.",
    ])
}

@Test func abbreviationsAndTitlesDoNotEndSentences() {
  let text =
    "Gen. Smith met Dr. Jones and Mr. Brown at St. Mary's on Jan. 5 at 10 a.m. Tuesday. "
    + "The talks, led by Sen. Lee vs. Rep. Kim, ended. It was No. 3 on the list."
  #expect(
    split(text) == [
      "Gen. Smith met Dr. Jones and Mr. Brown at St. Mary's on Jan. 5 at 10 a.m. Tuesday.",
      "The talks, led by Sen. Lee vs. Rep. Kim, ended.",
      "It was No. 3 on the list.",
    ])
}

@Test func abbreviationsThatMayEndASentenceEndItBeforeAnOpener() {
  let text =
    "He moved to the U.S. He stayed. The U.S. Army and Acme Inc. agreed at 5 p.m. "
    + "The deal closed. Apple, Google, etc. The list goes on."
  #expect(
    split(text) == [
      "He moved to the U.S.", "He stayed.",
      "The U.S. Army and Acme Inc. agreed at 5 p.m.", "The deal closed.",
      "Apple, Google, etc.", "The list goes on.",
    ])
}

@Test func initialsStayInTheName() {
  #expect(
    split("J. R. R. Tolkien wrote it. George W. Bush read it.") == [
      "J. R. R. Tolkien wrote it.", "George W. Bush read it.",
    ])
}

@Test func decimalsAndMoney() {
  #expect(
    split("The plan costs $3.5 million. Rates rose 0.25 percent to 4.75%.") == [
      "The plan costs $3.5 million.", "Rates rose 0.25 percent to 4.75%.",
    ])
}

@Test func closingQuotesStayWithTheirSentence() {
  #expect(split("\"We will win.\" He left.") == ["\"We will win.\"", "He left."])
  #expect(split("\"We will win,\" he said.") == ["\"We will win,\" he said."])
  #expect(
    split("\"Why?\" he asked. \u{201C}Because.\u{201D} She left.") == [
      "\"Why?\" he asked.", "\u{201C}Because.\u{201D}", "She left.",
    ])
  #expect(
    split("He said, \"It is over.\" \"No it isn't,\" she replied.") == [
      "He said, \"It is over.\"", "\"No it isn't,\" she replied.",
    ])
}

@Test func newswireBacktickQuotes() {
  let text =
    "``This is generations of poverty,'' Cuomo said. ``We didn't get into this in a week. "
    + "It's going to take years.'' Clinton nodded."
  #expect(
    split(text) == [
      "``This is generations of poverty,'' Cuomo said.",
      "``We didn't get into this in a week.",
      "It's going to take years.''",
      "Clinton nodded.",
    ])
}

@Test func ellipses() {
  #expect(
    split("He paused... and went on. Then silence\u{2026} Nobody spoke. Wait... What?") == [
      "He paused... and went on.", "Then silence\u{2026}", "Nobody spoke.", "Wait...", "What?",
    ])
}

@Test func datelinesStayWithTheirSentence() {
  let text =
    "PINE RIDGE, S.D. (AP) -- President Clinton turned the attention of his tour today. "
    + "He spoke."
  #expect(
    split(text) == [
      "PINE RIDGE, S.D. (AP) -- President Clinton turned the attention of his tour today.",
      "He spoke.",
    ])
  #expect(
    split("WASHINGTON _ The Senate voted. LOS ANGELES, Calif. (AP) - Rain fell.") == [
      "WASHINGTON _ The Senate voted.", "LOS ANGELES, Calif. (AP) - Rain fell.",
    ])
}

@Test func lineWrapsInsideAParagraphAreSpacesAndBlankLinesAreBreaks() {
  let text = "  The storm hit\nthe coast at dawn and\n  moved inland\n\n  It weakened.\n \n\nLater"
  let found = SentenceSplitter().locate(in: text)
  #expect(
    found.map { text.text(in: $0.span)! } == [
      "The storm hit\nthe coast at dawn and\n  moved inland", "It weakened.", "Later",
    ])
  #expect(found.map(\.paragraph) == [0, 1, 2])
}

@Test func sentencesNeverCrossParagraphs() {
  // No terminator at the end of the first paragraph, and an abbreviation ends the second.
  let text = "Breaking news from the port\n\nShips left the U.S.\n\nthey returned."
  #expect(split(text) == ["Breaking news from the port", "Ships left the U.S.", "they returned."])
}

@Test func lowercaseAfterAPeriodDoesNotSplit() {
  #expect(
    split("Prices fell 3 pct. in trading. Analysts shrugged.") == [
      "Prices fell 3 pct. in trading.", "Analysts shrugged.",
    ])
}

@Test func sentencesOfAnArticleRoundTripThroughOffsets() {
  let article = Fixtures.article(paragraphs: [
    "Caf\u{E9} owners \u{1F600} met on Jan. 5. They agreed.",
    "\u{201C}It\u{2019}s done,\u{201D} said Ms. Ortiz. The end.",
  ])
  let sentences = SentenceSplitter().sentences(of: article, documentIndex: 3)
  #expect(
    sentences.map(\.text) == [
      "Caf\u{E9} owners \u{1F600} met on Jan. 5.", "They agreed.",
      "\u{201C}It\u{2019}s done,\u{201D} said Ms. Ortiz.", "The end.",
    ])
  #expect(sentences.map(\.paragraph) == [0, 0, 1, 1])
  #expect(sentences.map(\.index) == [0, 1, 2, 3])
  #expect(sentences.allSatisfy { $0.document == 3 })
  for sentence in sentences {
    #expect(article.text.text(in: sentence.span) == sentence.text)
  }
}

@Test func emptyAndWhitespaceTextHaveNoSentences() {
  #expect(split("").isEmpty)
  #expect(split(" \n\n \n").isEmpty)
}
