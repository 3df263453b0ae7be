import DistillText
import Testing

@Test func collapseJoinsRunsAndTrims() {
  #expect(Whitespace.collapse("  Harbor\n\t closes \u{00A0}today ") == "Harbor closes today")
  #expect(Whitespace.collapse("zero\u{200B}width\u{FEFF}") == "zero width")
  #expect(Whitespace.collapse("") == "")
  #expect(Whitespace.collapse("   ") == "")
}

@Test func lettersAndPunctuationAreNotSpaces() {
  for scalar in "aZ9.,\u{2019}é".unicodeScalars { #expect(!Whitespace.isSpace(scalar)) }
  for scalar in " \t\n\u{00A0}\u{2003}\u{3000}".unicodeScalars {
    #expect(Whitespace.isSpace(scalar))
  }
}
