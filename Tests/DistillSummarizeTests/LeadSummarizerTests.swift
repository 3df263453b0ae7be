import DistillModel
import DistillSummarize
import DistillTestSupport
import Testing

@Test func leadTakesTheNewestDocumentsOpeningWithinBudget() {
  func doc(_ n: Int, _ date: String, _ sentences: [String]) -> Document {
    let article = Fixtures.article(
      id: "d\(n)", paragraphs: sentences, published: Fixtures.date(date))
    var offset = 0
    let split = sentences.enumerated().map { i, s in
      defer { offset += s.unicodeScalars.count + 2 }
      return Sentence(
        document: n, index: i, paragraph: i, text: s,
        span: TextSpan(start: offset, end: offset + s.unicodeScalars.count))
    }
    return Document(article: article, sentences: split)
  }
  let old = doc(0, "2024-01-01", ["Old news here."])
  let new = doc(1, "2024-01-02", ["One two three.", "Four five six.", "Seven eight nine."])
  let summary = LeadSummarizer().summarize([old, new], request: SummaryRequest(wordBudget: 6))
  #expect(summary.sentences.map(\.text) == ["One two three.", "Four five six."])
}
