import Foundation

/// Decides whether a sentence can stand on its own at the place it is put in a brief, and
/// trims what can be trimmed by deleting words (never by adding any).
enum SentenceCleaner {
  /// First words that refer back to something the previous sentence said.
  static let pronouns: Set<String> = [
    "he", "she", "it", "they", "them", "his", "her", "its", "their", "theirs", "him", "we",
    "our", "i", "such", "both", "neither", "either", "another", "the latter", "the former",
  ]
  static let demonstratives: Set<String> = ["this", "that", "these", "those"]
  /// Words after a demonstrative that show it stands for a noun ("This is…", "That was…").
  static let demonstrativeFollowers: Set<String> = [
    "is", "was", "are", "were", "has", "had", "have", "will", "would", "could", "can", "may",
    "might", "means", "meant", "comes", "came", "includes", "included", "led", "leads", "made",
    "makes", "prompted", "caused", "followed", "happened", "shows", "showed", "suggests",
    "marks", "marked", "left", "brought", "raised", "prompts", "adds", "added", "did", "does",
    "should", "must", "remains", "remained",
  ]
  /// Opening connectives that always lean on the previous sentence.
  static let alwaysMarkers: [[String]] = [
    ["but"], ["and"], ["however"], ["moreover"], ["furthermore"], ["nevertheless"],
    ["nonetheless"], ["meanwhile"], ["additionally"], ["besides"], ["likewise"], ["similarly"],
    ["consequently"], ["therefore"], ["thus"], ["hence"], ["or"], ["plus"],
  ]
  /// Openers that lean on the previous sentence only when set off by a comma ("Still, …").
  static let commaMarkers: [[String]] = [
    ["also"], ["still"], ["instead"], ["then"], ["later"], ["indeed"], ["in", "addition"],
    ["as", "a", "result"], ["in", "turn"], ["in", "fact"], ["at", "the", "same", "time"],
    ["on", "the", "other", "hand"], ["by", "contrast"], ["even", "so"], ["otherwise"], ["yet"],
    ["so"], ["again"], ["for", "example"], ["for", "instance"], ["in", "response"],
    ["in", "other", "words"], ["after", "that"], ["afterward"], ["afterwards"], ["earlier"],
    ["separately"], ["too"], ["overall"], ["first"], ["second"], ["finally"], ["in", "contrast"],
    ["eventually"], ["ultimately"], ["now"], ["so", "far"], ["in", "the", "meantime"],
  ]

  static func firstWords(_ text: String, _ n: Int) -> [String] {
    TextSupport.words(text, limit: n).map(\.lower)
  }

  static func startsWithQuote(_ text: String) -> Bool {
    guard let c = text.unicodeScalars.first(where: { !$0.properties.isWhitespace }) else {
      return false
    }
    return "\"\u{201C}`'\u{2018}".unicodeScalars.contains(c)
  }

  /// True when the sentence opens with a pronoun or demonstrative that needs the sentence
  /// before it ("He said…", "This was…", "They…").
  static func startsWithReference(_ text: String) -> Bool {
    if startsWithQuote(text) { return attributedToPronoun(text) }
    // "They're" and "He's" lean on the sentence before as much as "They" and "He".
    let w = firstWords(text, 3).map { word -> String in
      for suffix in ["'re", "'s", "'ll", "'ve", "'d", "\u{2019}re", "\u{2019}s", "\u{2019}ll"]
      where word.hasSuffix(suffix) {
        return String(word.dropLast(suffix.count))
      }
      return word
    }
    guard let first = w.first else { return false }
    if pronouns.contains(first) { return true }
    if w.count >= 2, pronouns.contains("\(w[0]) \(w[1])") { return true }
    if demonstratives.contains(first) {
      return w.count < 2 || demonstrativeFollowers.contains(w[1])
    }
    return false
  }

  /// True for a quotation attributed only to a pronoun (`"…," she said.`): who "she" is, the
  /// sentence before says.
  static func attributedToPronoun(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars)
    guard
      let close = scalars.lastIndex(where: {
        $0 == "\"" || $0 == "\u{201D}" || $0 == "'"
      })
    else { return false }
    let after = TextSupport.words(
      TextSupport.string(scalars, close + 1, scalars.count), limit: 2)
    guard after.count >= 2 else { return false }
    return ["he", "she", "they", "we", "i"].contains(after[0].lower)
      && ["said", "says", "added", "asked", "told", "explained", "noted", "continued"].contains(
        after[1].lower)
  }

  /// The number of scalars of a leading connective (with its comma and following space) that
  /// can be deleted, or 0.
  static func markerLength(_ text: String) -> Int {
    let scalars = Array(text.unicodeScalars)
    let words = TextSupport.words(scalars, limit: 5)
    let lower = words.map(\.lower)
    func cut(after count: Int, requireComma: Bool) -> Int? {
      guard words.count > count else { return nil }
      var end = words[count - 1].end
      let hasComma = end < scalars.count && scalars[end] == ","
      if requireComma && !hasComma { return nil }
      if hasComma { end += 1 }
      while end < scalars.count, scalars[end].properties.isWhitespace { end += 1 }
      return end
    }
    for m in alwaysMarkers where lower.starts(with: m) {
      if let e = cut(after: m.count, requireComma: false) { return e }
    }
    for m in commaMarkers where lower.starts(with: m) {
      if let e = cut(after: m.count, requireComma: true) { return e }
    }
    return 0
  }

  /// `text` without a leading connective, when what follows already opens like a sentence
  /// ("But Ortega said…" → "Ortega said…"). Case is never changed, so the result stays a
  /// word-for-word deletion from the source; "However, the levee…" is returned unchanged, and
  /// ``startsWithMarker(_:)`` tells the composer it still leans on the sentence before.
  static func removingMarker(_ text: String) -> String {
    var t = text
    var rounds = 0
    while rounds < 3 {
      let n = markerLength(t)
      guard n > 0 else { break }
      let rest = String(String.UnicodeScalarView(t.unicodeScalars.dropFirst(n)))
      guard let first = rest.unicodeScalars.first,
        first.properties.isUppercase || TextSupport.isDigit(first)
          || startsWithQuote(rest)
      else { break }
      t = rest
      rounds += 1
    }
    return t
  }

  /// True when the sentence opens with a connective that leans on the sentence before.
  static func startsWithMarker(_ text: String) -> Bool { markerLength(text) > 0 }

  /// True when the sentence cannot open a paragraph: it starts with a pronoun, a demonstrative
  /// or a connective that needs the sentence before it.
  static func leansOnPrevious(_ text: String) -> Bool {
    startsWithReference(text) || startsWithMarker(text)
  }

  /// `text` without a newswire dateline prefix ("PINE RIDGE, S.D. (AP) -- ") or a leading
  /// dash of a newswire list ("_ Vitamin E eased…").
  static func removingDateline(_ text: String) -> String {
    let scalars = Array(text.unicodeScalars)
    var lead = 0
    while lead < scalars.count,
      "_-\u{2014}\u{2013}\u{2022}*".unicodeScalars.contains(scalars[lead])
        || lead > 0 && scalars[lead].properties.isWhitespace
    {
      lead += 1
    }
    if lead > 0, lead < scalars.count {
      return removingDateline(String(String.UnicodeScalarView(scalars[lead...])))
    }
    guard let d = NewswireDateline.parse(text) else { return text }
    let rest = String(String.UnicodeScalarView(text.unicodeScalars.dropFirst(d.length)))
    guard let first = rest.first, first.isLetter || first.isNumber || startsWithQuote(rest) else {
      return text
    }
    return rest
  }
}
