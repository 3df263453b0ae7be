import Testing

@testable import DistillCompose

@Test(
  "A sentence that names its source only as a pronoun after a comma or quote",
  arguments: [
    ("Air monitors still showed traces of styrene vapor on Tuesday, he said.", true),
    ("\u{201C}We lost everything,\u{201D} she added", true),
    ("The valve was replaced in 2023, they told reporters.", true),
    ("The valve was replaced in 2023, they told Reuters.", false),
    ("The valve was replaced in 2023, Okafor said.", false),
    ("He said the valve was replaced in 2023.", false),
    ("said", false),
  ])
func bareAttributionEndings(_ text: String, _ expected: Bool) {
  #expect(StoryContext.endsWithBareAttribution(text) == expected, "\(text)")
}
