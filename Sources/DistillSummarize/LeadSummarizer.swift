import DistillModel

/// The classic baseline: the first sentences of the newest document, up to the word budget.
///
/// Kept as the reference point every real summarizer is measured against.
public struct LeadSummarizer: Summarizer {
  public init() {}

  public func summarize(_ documents: [Document], request: SummaryRequest) -> Summary {
    let newest = documents.indices.max { lhs, rhs in
      let l = documents[lhs].article.metadata.published ?? .distantPast
      let r = documents[rhs].article.metadata.published ?? .distantPast
      return l < r
    }
    guard let newest else { return Summary(sentences: []) }
    var picked: [SelectedSentence] = []
    var words = 0
    for sentence in documents[newest].sentences {
      let count = sentence.text.split(whereSeparator: \.isWhitespace).count
      if words + count > request.wordBudget && !picked.isEmpty { break }
      picked.append(SelectedSentence(sentence: sentence))
      words += count
    }
    return Summary(sentences: picked)
  }
}
