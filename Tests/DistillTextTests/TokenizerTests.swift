import DistillText
import Testing

@Test func wordsKeepInternalApostrophesHyphensAndNumbers() {
  #expect(
    Tokenizer.words(
      "The U.S. lost $3.5 million, officials\u{2019} data shows \u{2014} it's well-known.")
      == [
        "the", "u", "s", "lost", "3.5", "million", "officials", "data", "shows", "it's",
        "well-known",
      ])
  #expect(
    Tokenizer.words("``Rock-'n'-roll,'' 1,000 -- fans -yelled-") == [
      "rock", "n", "roll", "1,000", "fans", "yelled",
    ])
  #expect(Tokenizer.words("Z\u{FC}rich's caf\u{E9}s") == ["z\u{FC}rich's", "caf\u{E9}s"])
  #expect(Tokenizer.words("  ").isEmpty)
}

@Test func alphanumericWordsSplitOnEverythingElse() {
  #expect(
    Tokenizer.alphanumericWords("It's well-known: 3.5%") == ["it", "s", "well", "known", "3", "5"])
}

@Test func whitespaceWordCountCountsTokensBetweenSpaces() {
  #expect(Tokenizer.whitespaceWordCount(" a  b\nc -- d ") == 5)
  #expect(Tokenizer.whitespaceWordCount("") == 0)
}
