import Testing

@testable import DistillSummarize

@Test func antecedentOpeners() {
  #expect(SentenceTraits.dependsOnAntecedent(["he", "said", "the", "plan", "failed"]))
  #expect(SentenceTraits.dependsOnAntecedent(["but", "the", "mayor", "refused"]))
  #expect(SentenceTraits.dependsOnAntecedent(["that", "decision", "angered", "farmers"]))
  #expect(SentenceTraits.dependsOnAntecedent(["the", "decision", "angered", "farmers"]))
  #expect(!SentenceTraits.dependsOnAntecedent(["the", "mayor", "refused"]))
  #expect(!SentenceTraits.dependsOnAntecedent([]))
}

@Test func pronounsBeforeNames() {
  #expect(SentenceTraits.hasUnresolvedPronoun("Police tried to block them at the gate."))
  #expect(SentenceTraits.hasUnresolvedPronoun("The governor said he would resign."))
  #expect(!SentenceTraits.hasUnresolvedPronoun("Governor Li said he would resign."))
  #expect(!SentenceTraits.hasUnresolvedPronoun("The river rose two meters overnight."))
  // "I" is not a name.
  #expect(SentenceTraits.hasUnresolvedPronoun("The day I met them was cold."))
}

@Test func quoteFragments() {
  #expect(SentenceTraits.isQuoteFragment("``We didn't get into this in a week."))
  #expect(SentenceTraits.isQuoteFragment("It's going to take years.''"))
  #expect(SentenceTraits.isQuoteFragment("\"We will win.\""))
  #expect(SentenceTraits.isQuoteFragment("\u{201C}We will win.\u{201D}"))
  #expect(!SentenceTraits.isQuoteFragment("\"We will win,\" he said."))
  #expect(!SentenceTraits.isQuoteFragment("``Welcome,'' the sign read."))
  #expect(!SentenceTraits.isQuoteFragment("The mayor spoke for an hour."))
}

@Test func datelines() {
  let ap = "PINE RIDGE, S.D. (AP) -- President Clinton turned the attention of his tour today."
  #expect(
    ap.unicodeScalars.dropFirst(SentenceTraits.datelineEnd(ap)!).starts(
      with: "President".unicodeScalars))
  let xinhua = "BEIJING, January 5 (Xinhua) -- China will build more dams."
  #expect(SentenceTraits.datelineEnd(xinhua) == 31)
  let nyt = "WASHINGTON _ The Senate voted on Tuesday."
  #expect(SentenceTraits.datelineEnd(nyt) == 13)
  // Dashes inside an ordinary sentence are not datelines.
  #expect(SentenceTraits.datelineEnd("The plan -- costly as it is -- passed.") == nil)
  #expect(
    SentenceTraits.datelineEnd("Officials in Ohio said the vote - held Monday - passed.") == nil)
}

@Test func trailingAttributions() {
  #expect(
    SentenceTraits.withoutTrailingAttribution(
      "The county will close three rural schools next year, officials said.")
      == "The county will close three rural schools next year.")
  #expect(
    SentenceTraits.withoutTrailingAttribution(
      "Prices rose sharply in the capital last month, according to the statistics office.")
      == "Prices rose sharply in the capital last month.")
  #expect(
    SentenceTraits.withoutTrailingAttribution("\"We will close three schools,\" officials said.")
      == nil)
  #expect(SentenceTraits.withoutTrailingAttribution("Schools close, officials said.") == nil)
}
