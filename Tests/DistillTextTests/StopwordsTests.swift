import DistillText
import Testing

@Test func stopwordsIgnoreCase() {
  #expect(Stopwords.contains("The"))
  #expect(!Stopwords.contains("reservation"))
}
