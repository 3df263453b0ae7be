import DistillText

/// Surface checks that keep sentences out of a summary because they cannot stand alone, and the
/// word deletions that make a picked sentence read better out of context.
enum SentenceTraits {
  /// First words that point back to something the previous sentence said ("He said…",
  /// "But the…", "That decision…", "They…").
  static let dependentOpeners: Set<String> = [
    "he", "she", "it", "they", "them", "him", "his", "her", "its", "their", "this", "that",
    "these", "those", "such", "but", "and", "or", "so", "yet", "also", "however", "still",
    "then", "thus", "therefore", "moreover", "furthermore", "instead", "besides", "nevertheless",
    "nonetheless", "otherwise", "hence", "both", "neither", "meanwhile", "there", "here",
    "accordingly", "likewise", "similarly", "consequently", "afterward", "afterwards", "later",
    "earlier", "again", "too", "either", "others", "another", "former", "latter",
  ]

  /// Two-word openers that refer back ("The same…", "The latter…", "The two…").
  static let dependentPairs: Set<String> = [
    "the same", "the latter", "the former", "the two", "the three", "the move",
    "the decision", "the plan", "the proposal", "the report", "the incident", "the attack",
    "the agreement", "the deal", "the measure", "the bill", "the case", "the study",
    "in addition", "as well", "at that", "by then", "even so", "after that",
    "in response", "for example", "for instance",
  ]

  /// True when the sentence's meaning hangs on a missing antecedent.
  static func dependsOnAntecedent(_ words: [String]) -> Bool {
    guard let first = words.first else { return false }
    if dependentOpeners.contains(first) { return true }
    if words.count > 1 {
      let pair = first + " " + words[1]
      if dependentPairs.contains(pair) { return true }
    }
    return false
  }

  static let thirdPersonPronouns: Set<String> = [
    "he", "she", "they", "him", "her", "them", "his", "their", "hers", "theirs",
  ]

  /// True when a third-person pronoun comes before any name the sentence gives
  /// ("Dozens of police tried to block them…"): whoever it means was named earlier. A name is
  /// a capitalized word after the first.
  static func hasUnresolvedPronoun(_ text: String) -> Bool {
    // Scans whitespace-separated tokens; each token's word is its letters (and apostrophes)
    // after any leading punctuation.
    var tokenIndex = -1
    var inToken = false
    var inWord = false
    var wordDone = false
    var word = String.UnicodeScalarView()
    func finish() -> Bool? {
      defer {
        word = String.UnicodeScalarView()
        inWord = false
        wordDone = false
      }
      guard let first = word.first else { return nil }
      if tokenIndex > 0 && first.isUpperFast && !(word.count == 1 && first == "I") {
        return false
      }
      if word.count <= 6, thirdPersonPronouns.contains(String(word).lowercased()) { return true }
      return nil
    }
    for scalar in text.unicodeScalars {
      if scalar.isSpaceFast {
        if inToken, let verdict = finish() { return verdict }
        inToken = false
        continue
      }
      if !inToken {
        inToken = true
        tokenIndex += 1
      }
      guard !wordDone else { continue }
      if scalar.isLetterFast || (inWord && scalar == "'") {
        inWord = true
        word.append(scalar)
      } else if inWord {
        wordDone = true
      }
    }
    if inToken, let verdict = finish() { return verdict }
    return false
  }

  /// True for pieces of quotation that make no sense alone: unbalanced quotation marks (one
  /// sentence of a several-sentence quote) or a sentence that is nothing but a quote.
  static func isQuoteFragment(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars)
    var opens = 0
    var closes = 0
    var straight = 0
    var i = 0
    while i < scalars.count {
      let c = scalars[i]
      let next: Unicode.Scalar? = i + 1 < scalars.count ? scalars[i + 1] : nil
      if c == "`" && next == "`" {
        opens += 1
        i += 2
        continue
      }
      if c == "'" && next == "'" {
        closes += 1
        i += 2
        continue
      }
      switch c {
      case "\u{201C}": opens += 1
      case "\u{201D}": closes += 1
      case "\"": straight += 1
      default: break
      }
      i += 1
    }
    if opens != closes || straight % 2 == 1 { return true }
    guard opens + straight > 0 else { return false }
    // Wholly quoted: begins with an opening mark and ends with a closing one.
    let startsQuoted = text.hasPrefix("``") || text.hasPrefix("\u{201C}") || text.hasPrefix("\"")
    let trimmedEnd = text.trimmingTrailing { ".!?,".unicodeScalars.contains($0) }
    let endsQuoted =
      trimmedEnd.hasSuffix("''") || trimmedEnd.hasSuffix("\u{201D}") || trimmedEnd.hasSuffix("\"")
    return startsQuoted && endsQuoted
  }

  /// True when the text ends like a finished sentence (., ! or ?, maybe before closing quotes).
  static func endsLikeASentence(_ text: String) -> Bool {
    for scalar in text.unicodeScalars.reversed() {
      switch scalar {
      case ".", "!", "?", "\u{2026}": return true
      case "\"", "'", "\u{201D}", "\u{2019}", ")", " ": continue
      default: return false
      }
    }
    return false
  }

  /// True for bylines, credits and all-capitals lines.
  static func isBylineOrShouting(_ text: String) -> Bool {
    if text.hasPrefix("By ") && Tokenizer.whitespaceWordCount(text) < 12 { return true }
    var letters = 0
    var upper = 0
    for scalar in text.unicodeScalars where scalar.isLetterFast {
      letters += 1
      if scalar.isUpperFast { upper += 1 }
    }
    guard letters > 0 else { return true }
    return Double(upper) / Double(letters) > 0.6
  }

  private static let datelineSeparators = [" -- ", " _ ", " \u{2014} ", " - ", " \u{2013} "]

  /// The scalar offset where the sentence proper starts after a leading dateline
  /// ("PINE RIDGE, S.D. (AP) -- President…" → offset of "President"), or nil when there is none.
  static func datelineEnd(_ text: String) -> Int? {
    guard let first = text.unicodeScalars.first, first.isUpperFast else { return nil }
    let scalars = Array(text.unicodeScalars.prefix(120))
    let window = min(scalars.count, 90)
    var best: (prefix: Int, after: Int)?
    search: for start in 0..<window where scalars[start] == " " {
      for separator in datelineSeparators {
        let pattern = Array(separator.unicodeScalars)
        guard start + pattern.count <= scalars.count,
          scalars[start..<(start + pattern.count)].elementsEqual(pattern)
        else { continue }
        best = (start, start + pattern.count)
        break search
      }
    }
    guard let best, best.prefix > 0, best.after < scalars.count else { return nil }
    let prefix = String(String.UnicodeScalarView(scalars[0..<best.prefix]))
    guard Tokenizer.whitespaceWordCount(prefix) <= 8 else { return nil }
    let hasWireTag = prefix.contains("(") && prefix.hasSuffix(")")
    let firstWord = prefix.split(separator: " ").first.map(String.init) ?? ""
    let firstLetters = firstWord.unicodeScalars.filter { $0.properties.isAlphabetic }
    let shouted = firstLetters.count >= 3 && firstLetters.allSatisfy { $0.properties.isUppercase }
    guard hasWireTag || shouted else { return nil }
    // The rest must start like a sentence.
    guard let lead = scalars[best.after...].first(where: { !$0.properties.isWhitespace }),
      lead.properties.isUppercase || lead == "`" || lead == "\"" || lead == "\u{201C}"
    else { return nil }
    var start = best.after
    while start < scalars.count, scalars[start].properties.isWhitespace { start += 1 }
    return start
  }
}

extension SentenceTraits {
  static let attributionVerbs: Set<String> = [
    "said", "says", "reported", "reports", "added", "adds", "announced", "noted", "stated",
    "explained", "warned", "estimated", "told",
  ]

  /// The sentence without a trailing attribution (", officials said." / ", according to the
  /// ministry."), ending in a period; nil when there is none or when the sentence quotes
  /// someone (quotes keep their speaker).
  static func withoutTrailingAttribution(_ text: String) -> String? {
    guard text.hasSuffix("."), !text.contains("\""), !text.contains("``"),
      !text.contains("\u{201C}"), let comma = text.lastIndex(of: ",")
    else { return nil }
    let tail = text[text.index(after: comma)...].dropLast()
    let words = tail.split(whereSeparator: \.isWhitespace).map { $0.lowercased() }
    guard (1...8).contains(words.count) else { return nil }
    let isAttribution =
      (words.count >= 2 && words[0] == "according" && words[1] == "to")
      || (words.count <= 6 && attributionVerbs.contains(words.last!))
      || (words.count <= 6 && attributionVerbs.contains(words[0]))
      || (words.count <= 6 && words.count >= 2 && attributionVerbs.contains(words[words.count - 2]))
    guard isAttribution else { return nil }
    let main = text[..<comma]
    guard Tokenizer.whitespaceWordCount(main) >= 8 else { return nil }
    return main + "."
  }
}

extension String {
  fileprivate func trimmingTrailing(_ drop: (Unicode.Scalar) -> Bool) -> String {
    var view = unicodeScalars
    while let last = view.last, drop(last) { view.removeLast() }
    return String(view)
  }
}

extension Unicode.Scalar {
  /// Letter and upper-case tests with an ASCII fast path: they run on every sentence.
  fileprivate var isLetterFast: Bool {
    value < 0x80
      ? (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value) : properties.isAlphabetic
  }
  fileprivate var isSpaceFast: Bool {
    value < 0x80 ? (value == 0x20 || (0x09...0x0D).contains(value)) : properties.isWhitespace
  }
  fileprivate var isUpperFast: Bool {
    value < 0x80 ? (0x41...0x5A).contains(value) : properties.isUppercase
  }
}
