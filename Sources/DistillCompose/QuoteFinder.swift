import DistillModel
import Foundation

/// A direct quotation found in one article, located by scalar offsets into its text.
public struct FoundQuote: Sendable, Hashable {
  /// The quoted words exactly as written (quotation marks and a trailing comma left out).
  public var text: String
  public var span: TextSpan
  /// Who said it, when the source names the speaker (or a pronoun resolves unambiguously).
  public var speaker: String?
  /// The speaker's role as the source gives it.
  public var role: String?
  /// Later parts of the same quotation, interrupted by the attribution
  /// (`"A," she said, "B."`), each with its exact span.
  public var continuations: [QuotePiece]
}

/// A verbatim piece of source text and where it is.
public struct QuotePiece: Sendable, Hashable {
  public var text: String
  public var span: TextSpan
}

/// Finds direct quotations in an article and who said them.
///
/// Recognizes straight (`"…"`), curly (`“…”`) and newswire (` ``…'' `) quotation marks, and the
/// attribution shapes of news writing: `"…," said Maria Ortega, the port authority's director.`,
/// `"…," Ortega said.`, `Ortega said: "…"`, `According to Ortega, "…"`, `"…," she told
/// reporters.`, `In a statement, the agency said: "…"`. Pronoun speakers resolve to the most
/// recently named person only when exactly one person was named nearby; otherwise the speaker
/// stays nil. A quotation without any attribution has speaker and role nil: never guessed.
public struct QuoteFinder: Sendable {
  public init() {}

  private static let titles =
    #"(?:(?:Gov|Sen|Rep|Dr|Mr|Mrs|Ms|Gen|Lt|Col|Sgt|Capt|Prof|Rev|Sup|Atty|Insp|Supt|Cmdr|Adm|Maj|Pres)\.\s+)?"#
  private static let nameWord = #"(?:[A-Z][\p{L}'\u2019\-]+|[A-Z]\.)"#
  private static let name =
    "(\(titles)\(nameWord)(?:\\s+(?:\(nameWord)|de|van|von|da|del|der|bin|al-\\p{L}+|Jr\\.?|Sr\\.?))*)"
  private static let verbs =
    #"(?:said|says|added|adds|told(?: [^,.;"“”]{1,40}?)?|explained|noted|wrote|writes|asked|declared|insisted|warned|stated|recalled|continued|testified|tweeted|posted|argued|acknowledged|conceded|cautioned|replied|responded|announced)"#
  private static let verbTail =
    #"(?:\s+(?:in a statement|in an interview|on \p{Lu}\p{Ll}+|at a news conference|at a press conference|last week|this week|yesterday|today|late \p{Lu}\p{Ll}+|earlier))?"#
  private static let pronoun = #"(he|she|He|She)"#
  private static let descriptor = #"((?:the|a|an|The|A|An|one|One)\s+[^,.;:"“”]{2,60}?)"#
  private static let role = #"((?:the|a|an|who is|its|his|her|\p{Lu})[^.;"“”]{1,90}?)"#

  private static func regex(_ p: String) -> NSRegularExpression {
    try! NSRegularExpression(pattern: p, options: [])
  }

  // Attributions after the closing mark.
  private static let afterVerbName = regex(
    #"^[,]?\s*"# + verbs + #"\s+"# + name + #"(?:,\s*"# + role + #")?\s*(?:[.,;]|$)"#)
  private static let afterNameVerb = regex(
    #"^[,]?\s*"# + name + #"(?:,\s*"# + role + #",)?\s+"# + verbs + verbTail + #"\s*(?:[.,;:]|$)"#)
  private static let afterPronoun = regex(#"^[,]?\s*"# + pronoun + #"\s+"# + verbs + #"\b"#)
  private static let afterDescriptorVerb = regex(
    #"^[,]?\s*"# + descriptor + #"\s+"# + verbs + verbTail + #"\s*(?:[.,;:]|$)"#)
  private static let afterVerbDescriptor = regex(
    #"^[,]?\s*"# + verbs + #"\s+"# + descriptor + #"\s*(?:[.,;]|$)"#)
  private static let afterAccording = regex(
    #"^[,]?\s*according to\s+"# + name + #"(?:,\s*"# + role + #")?\s*(?:[.,;]|$)"#)

  // Attributions before the opening mark.
  private static let beforeNameVerb = regex(
    name + #"(?:,\s*"# + role + #",)?\s+"# + verbs + verbTail + #"(?:\s+that)?\s*[:,]?\s*$"#)
  private static let beforePronoun = regex(
    #"\b"# + pronoun + #"\s+"# + verbs + verbTail + #"(?:\s+that)?\s*[:,]?\s*$"#)
  private static let beforeAccording = regex(
    #"[Aa]ccording to\s+"# + name + #"(?:,\s*"# + role + #")?,\s*$"#)
  private static let beforeDescriptor = regex(
    descriptor + #"\s+"# + verbs + verbTail + #"(?:\s+that)?\s*[:,]?\s*$"#)

  /// "X said" anywhere: the people an article names as speakers, for resolving pronouns.
  private static let personMention = regex(
    name + #"(?:,\s*[^,.;"“”]{1,80},)?\s+(?:said|says|told|added|asked|explained)\b"#)

  private static let notNames: Set<String> = [
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "It", "They",
    "We", "I", "You", "This", "That", "There", "The", "Officials", "Police", "Authorities",
    "Residents", "Witnesses", "Others", "Some", "Many", "Experts", "Analysts", "Critics", "But",
    "And", "Yesterday", "Today",
  ]

  /// Every direct quotation in `text`, in reading order. `sentences` are the article's
  /// sentences (their spans bound the attribution search).
  public func quotes(in text: String, sentences: [Sentence]) -> [FoundQuote] {
    let scalars = Array(text.unicodeScalars)
    let raw = Self.quotedRanges(scalars)
    let mentions = Self.personMentions(text)
    var found: [(quote: FoundQuote, closeEnd: Int, attributedAfter: Bool, sentence: Int?)] = []

    for (openEnd, closeStart, closeEnd) in raw {
      var (lo, hi) = TextSupport.trimmed(scalars, openEnd, closeStart)
      while hi > lo, scalars[hi - 1] == "," { hi -= 1 }
      guard hi > lo else { continue }
      let quoteText = TextSupport.string(scalars, lo, hi)
      let sentenceIndex = sentences.firstIndex {
        $0.span.start <= closeEnd - 1 && closeEnd - 1 < $0.span.end
      }
      let openSentence = sentences.first {
        $0.span.start <= openEnd - 1 && openEnd - 1 < $0.span.end
      }
      let afterEnd =
        sentenceIndex.map { sentences[$0].span.end } ?? min(scalars.count, closeEnd + 160)
      let beforeStart = openSentence?.span.start ?? max(0, openEnd - 160)
      let after = TextSupport.string(scalars, closeEnd, max(closeEnd, afterEnd))
      let before = TextSupport.string(scalars, beforeStart, max(beforeStart, openEnd - 1))
      var attribution = Self.attribution(after: after) ?? Self.attribution(before: before)
      let attributedAfter = Self.attribution(after: after) != nil
      if let a = attribution, a.isPronoun {
        attribution?.speaker = Self.resolvePronoun(at: openEnd, mentions: mentions)
      }
      let quote = FoundQuote(
        text: quoteText, span: TextSpan(start: lo, end: hi), speaker: attribution?.speaker,
        role: attribution?.role, continuations: [])
      found.append((quote, closeEnd, attributedAfter, sentenceIndex))
    }

    // Join `"A," she said, "B."`: the second part continues the first when it opens in the
    // same sentence right after the attribution and has none of its own.
    var result: [FoundQuote] = []
    var k = 0
    while k < found.count {
      var current = found[k]
      var j = k + 1
      while j < found.count, current.attributedAfter, let s = current.sentence,
        found[j].quote.speaker == nil && found[j].quote.role == nil
          || found[j].quote.speaker == current.quote.speaker
      {
        let next = found[j]
        let between = TextSupport.string(scalars, current.closeEnd, next.quote.span.start)
        guard between.count < 140 else { break }
        if next.sentence != s {
          // A quotation that fills the next sentence of the same paragraph, with no
          // attribution of its own, goes on with the same speaker's words.
          guard let n = next.sentence, n == s + 1,
            sentences[n].paragraph == sentences[s].paragraph,
            next.quote.span.start - sentences[n].span.start <= 2,
            sentences[n].span.end - next.closeEnd <= 1
          else { break }
        }
        current.quote.continuations.append(
          QuotePiece(text: found[j].quote.text, span: found[j].quote.span))
        current.closeEnd = found[j].closeEnd
        current.attributedAfter = false
        j += 1
      }
      result.append(current.quote)
      k = j
    }
    return result
  }

  struct Attribution {
    var speaker: String?
    var role: String?
    var isPronoun = false
  }

  private static func group(_ m: NSTextCheckingResult, _ i: Int, in s: String) -> String? {
    let r = m.range(at: i)
    guard r.location != NSNotFound else { return nil }
    return (s as NSString).substring(with: r).trimmingCharacters(in: .whitespaces)
  }

  private static func validName(_ n: String?) -> String? {
    guard var n else { return nil }
    if n.hasSuffix(".") && !n.hasSuffix("Jr.") && !n.hasSuffix("Sr.")
      && n.split(separator: " ").last?.count ?? 0 > 2
    {
      n.removeLast()
    }
    let first = String(n.split(separator: " ").first ?? "")
    guard !notNames.contains(first) || n.contains(" ") && first == "The" else { return nil }
    if notNames.contains(n) { return nil }
    return n
  }

  private static func validRole(_ r: String?) -> String? {
    guard let r, !r.isEmpty else { return nil }
    let first = r.split(separator: " ").first.map(String.init) ?? ""
    let rejected: Set<String> = [
      "who", "which", "adding", "as", "when", "after", "in", "on", "at", "speaking", "because",
      "but", "and", "before", "while", "noting", "saying", "according",
    ]
    if rejected.contains(first.lowercased()) { return nil }
    var role = r
    if let comma = role.firstIndex(of: ",") { role = String(role[..<comma]) }
    // "the council member who represents the neighborhood": the role is the noun phrase.
    for clause in [" who ", " which ", " that ", " whose "] {
      if let r = role.range(of: clause) { role = String(role[..<r.lowerBound]) }
    }
    role = role.trimmingCharacters(in: .whitespaces)
    if role.hasSuffix(".") { role.removeLast() }
    return role.isEmpty ? nil : role
  }

  static func attribution(after: String) -> Attribution? {
    let range = NSRange(location: 0, length: (after as NSString).length)
    if let m = afterPronoun.firstMatch(in: after, range: range) {
      _ = m
      return Attribution(speaker: nil, role: nil, isPronoun: true)
    }
    if let m = afterAccording.firstMatch(in: after, range: range),
      let speaker = validName(group(m, 1, in: after))
    {
      return Attribution(speaker: speaker, role: validRole(group(m, 2, in: after)))
    }
    if let m = afterVerbName.firstMatch(in: after, range: range),
      let speaker = validName(group(m, 1, in: after))
    {
      return Attribution(speaker: speaker, role: validRole(group(m, 2, in: after)))
    }
    if let m = afterNameVerb.firstMatch(in: after, range: range),
      let speaker = validName(group(m, 1, in: after))
    {
      return Attribution(speaker: speaker, role: validRole(group(m, 2, in: after)))
    }
    if let m = afterVerbDescriptor.firstMatch(in: after, range: range) {
      return Attribution(speaker: nil, role: validRole(group(m, 1, in: after)))
    }
    if let m = afterDescriptorVerb.firstMatch(in: after, range: range) {
      return Attribution(speaker: nil, role: validRole(group(m, 1, in: after)))
    }
    return nil
  }

  static func attribution(before: String) -> Attribution? {
    let range = NSRange(location: 0, length: (before as NSString).length)
    if beforePronoun.firstMatch(in: before, range: range) != nil {
      return Attribution(speaker: nil, role: nil, isPronoun: true)
    }
    if let m = beforeAccording.firstMatch(in: before, range: range),
      let speaker = validName(group(m, 1, in: before))
    {
      return Attribution(speaker: speaker, role: validRole(group(m, 2, in: before)))
    }
    if let m = beforeNameVerb.firstMatch(in: before, range: range),
      let speaker = validName(group(m, 1, in: before))
    {
      return Attribution(speaker: speaker, role: validRole(group(m, 2, in: before)))
    }
    if let m = beforeDescriptor.firstMatch(in: before, range: range) {
      return Attribution(speaker: nil, role: validRole(group(m, 1, in: before)))
    }
    return nil
  }

  /// Named speakers with the scalar offset where they are named.
  static func personMentions(_ text: String) -> [(offset: Int, name: String)] {
    let ns = text as NSString
    var result: [(Int, String)] = []
    for m in personMention.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
      guard let n = validName(group(m, 1, in: text)) else { continue }
      let offset = ns.substring(to: m.range.location).unicodeScalars.count
      result.append((offset, n))
    }
    return result
  }

  /// The one person named as a speaker in the 600 scalars before `offset`, in its fullest
  /// form; nil when none or several.
  static func resolvePronoun(at offset: Int, mentions: [(offset: Int, name: String)]) -> String? {
    let window = mentions.filter { $0.offset < offset && $0.offset >= offset - 600 }
    let surnames = Set(
      window.map { $0.name.split(separator: " ").last.map(String.init) ?? $0.name })
    guard surnames.count == 1, let surname = surnames.first else { return nil }
    let forms = mentions.filter {
      ($0.name.split(separator: " ").last.map(String.init) ?? "") == surname
    }
    return forms.max { $0.name.count < $1.name.count }?.name
  }

  /// Ranges of quoted text: (end of opening mark, start of closing mark, end of closing mark).
  /// Quotations never run past a line break; one left open at the end of a paragraph (the
  /// newswire convention for a quote that continues) ends there.
  static func quotedRanges(_ s: [Unicode.Scalar]) -> [(Int, Int, Int)] {
    var result: [(Int, Int, Int)] = []
    var open: Int?
    var i = 0
    let n = s.count
    func isOpeningStraight(_ i: Int) -> Bool {
      if i == 0 { return true }
      let p = s[i - 1]
      return TextSupport.isSpace(p) || "([{\u{2014}\u{2013}-".unicodeScalars.contains(p)
    }
    while i < n {
      let c = s[i]
      if c == "\n" {
        if let o = open, i > o + 1 {
          let (lo, hi) = TextSupport.trimmed(s, o, i)
          if hi > lo { result.append((o, i, i)) }
        }
        open = nil
        i += 1
        continue
      }
      if c == "\u{201C}" || (c == "`" && i + 1 < n && s[i + 1] == "`") {
        let width = c == "`" ? 2 : 1
        open = i + width
        i += width
        continue
      }
      if c == "\"" {
        if open == nil && isOpeningStraight(i) {
          open = i + 1
        } else if let o = open {
          result.append((o, i, i + 1))
          open = nil
        }
        i += 1
        continue
      }
      if c == "\u{201D}" || (c == "'" && i + 1 < n && s[i + 1] == "'") {
        let width = c == "'" ? 2 : 1
        if let o = open {
          result.append((o, i, i + width))
          open = nil
        }
        i += width
        continue
      }
      i += 1
    }
    if let o = open, n > o + 1 {
      let (lo, hi) = TextSupport.trimmed(s, o, n)
      if hi > lo { result.append((o, n, n)) }
    }
    return result
  }
}
