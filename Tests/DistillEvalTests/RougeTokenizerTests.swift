import Testing

@testable import DistillEval

@Suite struct RougeTokenizerTests {
  let tokenizer = RougeTokenizer()

  @Test func lowerCasesAndSplitsOnEverythingButLettersAndDigits() {
    #expect(
      tokenizer.tokens(of: "U.S.-led talks, O'Brien's $5 million (1990s)")
        == ["u", "s", "led", "talks", "o", "brien", "s", "5", "million", "1990s"])
  }

  @Test func nonASCIILettersSeparateWordsAsROUGEReadsBytes() {
    #expect(tokenizer.tokens(of: "Café naïve résumé") == ["caf", "na", "ve", "r", "sum"])
  }

  @Test func linesAreSentencesAndEmptyLinesAreSkipped() {
    #expect(tokenizer.tokens(of: "One two.\n\n\nThree\r\nfour") == ["one", "two", "three", "four"])
  }

  @Test func wordLimitKeepsWholeLinesThenCutsTheLineThatReachesIt() {
    let cut = RougeTokenizer(wordLimit: 5)
    #expect(cut.tokens(of: "a b\nc d e f\ng") == ["a", "b", "c", "d", "e"])
    // A line that reaches the limit exactly is kept whole, and nothing after it.
    #expect(cut.tokens(of: "a b c\nd e\nf") == ["a", "b", "c", "d", "e"])
  }

  @Test func wordLimitCountsWhitespaceFieldsBeforePunctuationIsRemoved() {
    // "U.S.-led" is one word for the limit but gives three tokens; "--" is a word, no token.
    let cut = RougeTokenizer(wordLimit: 3)
    #expect(cut.tokens(of: "U.S.-led -- talks resumed") == ["u", "s", "led", "talks"])
  }

  @Test func aLineStartingWithWhitespaceCountsOneExtraEmptyWord() {
    // Perl's split(/\s+/, " a b") gives ("", "a", "b"): three words toward the limit.
    let cut = RougeTokenizer(wordLimit: 4)
    #expect(cut.tokens(of: " a b\nc d e") == ["a", "b", "c"])
    #expect(cut.tokens(of: "a b\nc d e") == ["a", "b", "c", "d"])
  }

  @Test func perlFieldsMatchPerlSplit() {
    func fields(_ s: String) -> [String] {
      RougeTokenizer.perlFields(Array(s.utf8)[...]).map { String(decoding: $0, as: UTF8.self) }
    }
    #expect(fields("a  b\tc ") == ["a", "b", "c"])
    #expect(fields("  a b") == ["", "a", "b"])
    #expect(fields("   ") == [])
  }
}
