import Testing

@testable import DistillCompose

// The composer's faster word handling must give exactly what the plain forms give.

@Test(
  "Words keep their text, lower case and place, ASCII or not",
  arguments: [
    (
      "The Army Corps' levee", ["The", "Army", "Corps", "levee"], ["the", "army", "corps", "levee"]
    ),
    (
      "ÉCOLE Zürich, 1,200 well-known", ["ÉCOLE", "Zürich", "1,200", "well-known"],
      ["école", "zürich", "1,200", "well-known"]
    ),
    ("port\u{2019}s O'Neill", ["port", "O'Neill"], ["port", "o'neill"]),
  ])
func wordsAndTheirLowerCase(_ text: String, _ texts: [String], _ lowers: [String]) {
  let words = TextSupport.words(text)
  #expect(words.map(\.text) == texts)
  #expect(words.map(\.lower) == lowers)
  let scalars = Array(text.unicodeScalars)
  for w in words {
    #expect(TextSupport.string(scalars, w.start, w.end) == w.text)
  }
}

@Test(
  "The last words of a sentence are the tail of splitting it on blanks",
  arguments: [
    "", " ", "said", "  he said.  ", "a b", "one\ttwo\nthree four five six",
    "Traces remained on Tuesday,  he   said.", "\u{201C}We lost everything,\u{201D} she added",
    "x\r\ny z",
  ])
func lastWordsMatchSplitting(_ text: String) {
  let split = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
  for n in 1...5 {
    #expect(StoryContext.lastWords(text, n) == Array(split.suffix(n)), "\(n) of \(text)")
  }
}

@Test(
  "A question is told by its last mark alone, as SentenceOpening tells it",
  arguments: [
    "Does it work?", "\"Why would anyone wait?\"  ", "Will it hold?\u{201D})", "It held.",
    "Who knows? Not us.", "? \"", "", "   ", "Really?\n",
  ])
func questionsByTheirLastMark(_ text: String) {
  #expect(SentenceOpening.isQuestion(text) == SentenceOpening(text).isQuestion, "\(text)")
}

@Test(
  "Plans and schedules, and the pairs that only look like them",
  arguments: [
    ("The council plans to vote on Monday.", true),
    ("The vote is set to take place next week.", true),
    ("The dam is set to open.", true),
    ("They set to work at dawn.", false),
    ("The delay was due to the flood.", false),
    ("The report is due to reach the council soon.", true),
    ("Crews cleared the road.", false),
    ("We'll be back.", true),
  ])
func plansAndSchedules(_ text: String, _ expected: Bool) {
  #expect(StoryContext.speaksOfFuture(text) == expected, "\(text)")
}
