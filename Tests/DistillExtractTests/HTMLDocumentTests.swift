import Testing

@testable import DistillExtract

@Suite("HTMLDocument")
struct HTMLDocumentTests {
  @Test("nodes come in document order with parents, attributes and subtree ranges")
  func structure() throws {
    let doc = HTMLDocument(
      utf8: Array("<div id=\"a\" CLASS=\"X y\"><p>One <b>two</b></p><p>three</p></div>".utf8))
    let div = try #require(doc.elements(named: "div").first)
    #expect(doc.nodes[div].attribute("id") == "a")
    #expect(doc.nodes[div].attribute("class") == "X y")
    let paragraphs = doc.elements(named: "p")
    #expect(paragraphs.count == 2)
    #expect(doc.children(of: div) == paragraphs)
    #expect(doc.nodes[paragraphs[0]].parent == div)
    #expect(doc.text(of: paragraphs[0]) == "One two")
    #expect(doc.text(of: div) == "One two three")
    #expect(doc.nodes[div].subtreeEnd == doc.nodes[paragraphs[1]].subtreeEnd)
  }

  @Test("entities are decoded and white space collapses")
  func entities() throws {
    let doc = HTMLDocument(utf8: Array("<p>Fish &amp; chips&nbsp;&#8212;\n\n  cheap</p>".utf8))
    let p = try #require(doc.elements(named: "p").first)
    #expect(
      doc.text(of: p) == "Fish & chips —\u{20}cheap".replacingOccurrences(of: "—\u{20}", with: "— ")
    )
  }

  @Test("empty input gives an empty document")
  func empty() {
    #expect(HTMLDocument(utf8: []).isEmpty)
  }

  @Test("byte-level substring search")
  func contains() {
    #expect(HTMLText.contains("article-share bar", "share"))
    #expect(!HTMLText.contains("shar", "share"))
    #expect(HTMLText.contains("ça va", "ça"))
    #expect(HTMLText.contains("x", ""))
  }
}
