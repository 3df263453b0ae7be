/// English function words: ignored when weighing content, kept in the text.
public enum Stopwords {
  /// Lower-cased English stopwords (articles, pronouns, auxiliaries, prepositions, conjunctions).
  public static let english: Set<String> = [
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
    "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few",
    "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers",
    "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its",
    "itself", "just", "may", "me", "might", "more", "most", "must", "my", "myself", "no", "nor",
    "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves",
    "out", "over", "own", "said", "same", "says", "she", "should", "so", "some", "such", "than",
    "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they",
    "this", "those", "through", "to", "too", "under", "until", "up", "upon", "very", "was", "we",
    "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with",
    "would", "you", "your", "yours", "yourself", "yourselves", "s", "t", "would", "shall", "us",
    "mr", "mrs", "ms", "one", "also", "yet", "its", "many", "much", "among", "within", "without",
    "per", "via", "whether", "however", "although", "though", "since", "ever", "every",
  ]

  /// True when `word` (any case) is a stopword.
  public static func contains(_ word: some StringProtocol) -> Bool {
    english.contains(word.lowercased())
  }
}
