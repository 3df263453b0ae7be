/// What the caller wants from a summarizer.
public struct SummaryRequest: Sendable, Codable, Equatable, Hashable {
  /// Upper bound on the words of the summary (words as whitespace-separated tokens).
  public var wordBudget: Int
  /// An optional question or topic the summary should answer.
  public var focus: String?
  /// Sentences the reader has already seen (update mode): the summary should say what is new.
  public var alreadyRead: [Document]

  public init(wordBudget: Int = 200, focus: String? = nil, alreadyRead: [Document] = []) {
    self.wordBudget = wordBudget
    self.focus = focus
    self.alreadyRead = alreadyRead
  }
}

/// A sentence chosen by a summarizer, possibly shortened by deleting words (never adding any).
public struct SelectedSentence: Sendable, Codable, Equatable, Hashable {
  /// The source sentence it comes from.
  public var sentence: Sentence
  /// The text to show: equal to `sentence.text`, or the same with some words removed.
  public var text: String
  /// Other sentences (in other documents) that say the same thing; cited too.
  public var alsoIn: [Sentence]
  public var score: Double

  public init(sentence: Sentence, text: String? = nil, alsoIn: [Sentence] = [], score: Double = 0) {
    self.sentence = sentence
    self.text = text ?? sentence.text
    self.alsoIn = alsoIn
    self.score = score
  }
}

/// An ordered extractive summary.
public struct Summary: Sendable, Codable, Equatable, Hashable {
  public var sentences: [SelectedSentence]
  public init(sentences: [SelectedSentence]) { self.sentences = sentences }
  public var wordCount: Int {
    sentences.reduce(0) { $0 + $1.text.split(whereSeparator: \.isWhitespace).count }
  }
}

/// The summarize stage. Implementations score and select; they never write new text.
public protocol Summarizer: Sendable {
  func summarize(_ documents: [Document], request: SummaryRequest) -> Summary
}
