import DistillModel
import Testing

@Test func escapesMarkupCharactersAndDropsForbiddenOnes() {
  #expect(XMLEscape.escape("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;")
  #expect(XMLEscape.escape("bell\u{07}\u{FFFE}end") == "bellend")
  #expect(XMLEscape.escape("two\nlines\tand tab") == "two\nlines\tand tab")
  #expect(XMLEscape.escape("two\nlines\tand tab", attribute: true) == "two&#10;lines&#9;and tab")
}
