import DistillModel

/// Splits article text into sentences, tuned for news copy.
///
/// Rules, in the order they matter:
/// - A blank line (`"\n\n"`, possibly with spaces between) ends a paragraph, and with it any
///   sentence; a single line break inside a paragraph is just a space.
/// - `?` and `!` end a sentence unless the next word starts in lower case (`"Why?" he asked.`).
/// - `.` ends a sentence only when followed by whitespace and a word that starts in upper case, a
///   digit or an opening quote, and the word before it is not a title or other abbreviation that
///   never ends a sentence (Gen., Dr., Jan., No., vs.), nor a single-letter initial
///   (George W. Bush). After abbreviations that may end a sentence (U.S., Inc., p.m., etc.) the
///   sentence ends only if the next word is a typical sentence opener ("The", "He", "But").
/// - Closing quotes and brackets after the terminator stay with their sentence, including the
///   newswire `''` close quote.
/// - An ellipsis ends a sentence only before a capitalized word.
///
/// Spans count Unicode scalars into the text and exclude surrounding whitespace, so
/// `text.text(in: span)` returns the sentence exactly as written.
public struct SentenceSplitter: Sendable {
  public init() {}

  /// Sentence spans of `text`, in order.
  public func spans(in text: String) -> [TextSpan] {
    locate(in: text).map(\.span)
  }

  /// The sentences of an article, numbered from 0, with their paragraph numbers.
  public func sentences(of document: Article, documentIndex: Int) -> [Sentence] {
    let scalars = Array(document.text.unicodeScalars)
    return locate(in: document.text).enumerated().map { index, found in
      var view = String.UnicodeScalarView()
      view.append(contentsOf: scalars[found.span.start..<found.span.end])
      return Sentence(
        document: documentIndex, index: index, paragraph: found.paragraph, text: String(view),
        span: found.span)
    }
  }

  /// Sentence spans of `text` with the paragraph each belongs to.
  public func locate(in text: String) -> [(span: TextSpan, paragraph: Int)] {
    let scalars = Array(text.unicodeScalars)
    var result: [(span: TextSpan, paragraph: Int)] = []
    for (number, paragraph) in paragraphRanges(scalars).enumerated() {
      for span in splitParagraph(scalars, paragraph) {
        result.append((span, number))
      }
    }
    return result
  }

  // MARK: - Paragraphs

  /// Ranges of the paragraphs: maximal stretches separated by whitespace runs holding two or
  /// more line breaks.
  private func paragraphRanges(_ s: [Unicode.Scalar]) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    var start = 0
    var i = 0
    while i < s.count {
      guard s[i].isSpace else {
        i += 1
        continue
      }
      var j = i
      var newlines = 0
      while j < s.count, s[j].isSpace {
        if s[j] == "\n" { newlines += 1 }
        j += 1
      }
      if newlines >= 2 {
        if hasContent(s, start..<i) { ranges.append(start..<i) }
        start = j
      }
      i = j
    }
    if hasContent(s, start..<s.count) { ranges.append(start..<s.count) }
    return ranges
  }

  private func hasContent(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
    range.contains { !s[$0].isSpace }
  }

  // MARK: - Sentences within a paragraph

  private func splitParagraph(_ s: [Unicode.Scalar], _ range: Range<Int>) -> [TextSpan] {
    var spans: [TextSpan] = []
    var start = range.lowerBound
    var i = range.lowerBound
    func emit(_ end: Int) {
      if let span = trimmed(s, start..<end) { spans.append(span) }
    }
    while i < range.upperBound {
      let c = s[i]
      guard Self.terminators.contains(c) else {
        i += 1
        continue
      }
      // The run of terminators: "?!", "...", "…".
      var j = i
      while j < range.upperBound, Self.terminators.contains(s[j]) { j += 1 }
      // Closing quotes and brackets belong to the sentence they close.
      var k = j
      while k < range.upperBound, Self.closers.contains(s[k]) { k += 1 }
      if k == range.upperBound { break }
      guard s[k].isSpace else {
        i = k == i ? i + 1 : k
        continue
      }
      var n = k
      while n < range.upperBound, s[n].isSpace { n += 1 }
      if n == range.upperBound { break }
      if endsSentence(s, terminatorRun: i..<j, nextWordAt: n, limit: range.upperBound) {
        emit(k)
        start = n
      }
      i = n
    }
    emit(range.upperBound)
    return spans
  }

  private func trimmed(_ s: [Unicode.Scalar], _ range: Range<Int>) -> TextSpan? {
    var lo = range.lowerBound
    var hi = range.upperBound
    while lo < hi, s[lo].isSpace { lo += 1 }
    while hi > lo, s[hi - 1].isSpace { hi -= 1 }
    return lo < hi ? TextSpan(start: lo, end: hi) : nil
  }

  private func endsSentence(
    _ s: [Unicode.Scalar], terminatorRun runRange: Range<Int>, nextWordAt n: Int, limit: Int
  ) -> Bool {
    // The next word, past any opening quotes.
    var w = n
    var opensWithQuote = false
    while w < limit, Self.openingQuotes.contains(s[w]) {
      opensWithQuote = true
      w += 1
    }
    guard w < limit else { return false }
    let first = s[w]
    let nextIsLower = first.isLower
    let nextIsUpper = first.isUpper
    let nextIsDigit = first.properties.numericType == .decimal
    let run = Array(s[runRange])
    if run.contains("?") || run.contains("!") {
      return !nextIsLower
    }
    if run.count > 1 || run.contains("\u{2026}") {
      return nextIsUpper
    }
    // A single period.
    guard nextIsUpper || nextIsDigit || (opensWithQuote && !nextIsLower) else { return false }
    let previous = wordBefore(s, terminatorAt: runRange.lowerBound)
    let key = previous.lowercased()
    if key == "no" || key == "nos" { return !nextIsDigit }  // "No. 5" but "said no. The"
    if Self.nonFinalAbbreviations.contains(key) { return false }
    let letters = previous.unicodeScalars.filter { $0.isLetter }
    if previous.unicodeScalars.count == 1, let only = letters.first, only.isUpper {
      return false  // an initial: "George W. Bush"
    }
    let isDottedAcronym =
      previous.contains(".")
      && previous.split(separator: ".").allSatisfy { $0.count <= 2 }
    if Self.possiblyFinalAbbreviations.contains(key) || isDottedAcronym {
      return Self.sentenceOpeners.contains(nextWord(s, from: w, limit: limit).lowercased())
    }
    return true
  }

  /// The token ending just before the terminator at `end`, without opening punctuation
  /// ("(U.S" → "U.S", "``Gen" → "Gen").
  private func wordBefore(_ s: [Unicode.Scalar], terminatorAt end: Int) -> String {
    var i = end
    while i > 0, !s[i - 1].isSpace { i -= 1 }
    while i < end, !Tokenizer.isWordScalar(s[i]) { i += 1 }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: s[i..<end])
    return String(view)
  }

  private func nextWord(_ s: [Unicode.Scalar], from: Int, limit: Int) -> String {
    var view = String.UnicodeScalarView()
    var i = from
    while i < limit, s[i].isLetter {
      view.append(s[i])
      i += 1
    }
    return String(view)
  }

  // MARK: - Word lists

  private static let terminators: Set<Unicode.Scalar> = [".", "?", "!", "\u{2026}"]
  private static let closers: Set<Unicode.Scalar> = [
    "\"", "'", "\u{201D}", "\u{2019}", ")", "]", "\u{00BB}",
  ]
  private static let openingQuotes: Set<Unicode.Scalar> = [
    "\"", "'", "`", "\u{201C}", "\u{2018}", "\u{00AB}",
  ]

  /// Abbreviations that stand before something (a name, a number) and so never end a sentence.
  private static let nonFinalAbbreviations: Set<String> = [
    "mr", "mrs", "ms", "messrs", "dr", "prof", "gen", "gens", "lt", "col", "maj", "capt", "cpt",
    "sgt", "cpl", "pvt", "adm", "cmdr", "cdr", "sen", "sens", "rep", "reps", "gov", "govs",
    "pres", "rev", "hon", "supt", "st", "ste", "mt", "ft", "vs", "v", "e.g", "i.e",
    "cf", "approx", "fig", "figs", "vol", "vols", "pp", "jan", "feb", "apr", "aug", "sept",
    "sep", "oct", "nov", "dec", "mme", "mlle", "sra", "atty", "insp", "det", "brig",
  ]

  /// Abbreviations that often stand mid-sentence but may also end one.
  private static let possiblyFinalAbbreviations: Set<String> = [
    "inc", "corp", "co", "ltd", "llc", "plc", "jr", "sr", "etc", "bros", "dept", "univ", "assn",
    "ave", "blvd", "rd", "calif", "ariz", "ark", "colo", "conn", "del", "fla", "ga", "ill",
    "ind", "kan", "kans", "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb",
    "nev", "okla", "ore", "pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo", "ala", "dak",
    "mex", "a.m", "p.m", "u.s", "u.k", "u.n", "d.c", "n.y", "l.a", "est", "min", "max", "oz",
    "lb", "lbs", "yr", "yrs",
  ]

  /// Words that commonly open a sentence, used to decide whether an abbreviation that may end a
  /// sentence does so ("in the U.S. The" ends; "the U.S. Army" does not).
  private static let sentenceOpeners: Set<String> = [
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "but", "and", "or", "so",
    "yet", "in", "on", "at", "for", "with", "by", "from", "as", "if", "when", "while", "after",
    "before", "this", "that", "these", "those", "there", "his", "her", "their", "its", "our",
    "my", "what", "who", "why", "how", "where", "some", "many", "most", "all", "both", "no",
    "not", "however", "meanwhile", "still", "also", "although", "though", "because", "since",
    "despite", "during", "under", "until", "other", "officials", "one", "two", "three", "each",
    "such", "then", "now", "today", "yesterday", "last", "earlier", "later", "instead",
  ]
}

extension Unicode.Scalar {
  /// Whitespace, with a fast path for ASCII (property lookups are slow on hot paths).
  var isSpace: Bool {
    value < 0x80 ? (value == 0x20 || (0x09...0x0D).contains(value)) : properties.isWhitespace
  }
  var isLower: Bool { value < 0x80 ? (0x61...0x7A).contains(value) : properties.isLowercase }
  var isUpper: Bool { value < 0x80 ? (0x41...0x5A).contains(value) : properties.isUppercase }
  var isLetter: Bool {
    value < 0x80
      ? (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value) : properties.isAlphabetic
  }
}
