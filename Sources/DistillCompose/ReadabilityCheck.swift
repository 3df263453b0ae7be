import DistillModel
import DistillText
import Foundation

/// Counts of what makes a brief read unlike a wire story, summed over one or more briefs.
public struct ReadabilityCounts: Sendable, Hashable, Codable {
  /// Briefs counted.
  public var briefs = 0
  /// Ledes whose first sentence is a question.
  public var ledeQuestions = 0
  /// Ledes whose first sentence opens with a pronoun or demonstrative ("It…", "This was…").
  public var ledePronouns = 0
  /// Ledes whose first sentence opens with a definite subject nothing before has named
  /// ("The company hopes to…").
  public var ledeDefiniteSubjects = 0
  /// Ledes whose first sentence opens with a connective ("But…", "Eventually, …").
  public var ledeConnectives = 0
  /// Sentences of the lede (after the first) and of the sections.
  public var bodySentences = 0
  /// Body sentences that are questions.
  public var bodyQuestions = 0
  /// Body sentences opening with a pronoun whose sentence before, in the brief, is not the one
  /// before it in its source.
  public var bodyPronouns = 0
  /// Body sentences opening with a definite subject no earlier sentence of the brief names.
  public var bodyDefiniteSubjects = 0
  /// Body sentences opening with a connective, not right after their source's sentence before.
  public var bodyConnectives = 0
  /// Quotes listed.
  public var quotes = 0
  /// Quotes whose speaker is a surname (perhaps with a title) where the cited article gives a
  /// fuller name.
  public var surnameOnlySpeakers = 0
  /// Sentences (lede, sections, timeline, what's next) that repeat one earlier in the brief:
  /// the same words, or a span of the same source sentence.
  public var duplicateSentences = 0
  /// Section headings.
  public var headings = 0
  /// One-word section headings other than the planner's generic ones ("Context", "Damage").
  public var singleWordHeadings = 0

  /// All counts zero.
  public init() {}

  /// Every count added field by field.
  public static func + (a: Self, b: Self) -> Self {
    var s = a
    s.briefs += b.briefs
    s.ledeQuestions += b.ledeQuestions
    s.ledePronouns += b.ledePronouns
    s.ledeDefiniteSubjects += b.ledeDefiniteSubjects
    s.ledeConnectives += b.ledeConnectives
    s.bodySentences += b.bodySentences
    s.bodyQuestions += b.bodyQuestions
    s.bodyPronouns += b.bodyPronouns
    s.bodyDefiniteSubjects += b.bodyDefiniteSubjects
    s.bodyConnectives += b.bodyConnectives
    s.quotes += b.quotes
    s.surnameOnlySpeakers += b.surnameOnlySpeakers
    s.duplicateSentences += b.duplicateSentences
    s.headings += b.headings
    s.singleWordHeadings += b.singleWordHeadings
    return s
  }

  /// The counts as `name value` pairs, in a fixed order, for printing.
  public var rows: [(name: String, value: Int)] {
    [
      ("briefs", briefs), ("lede questions", ledeQuestions), ("lede pronouns", ledePronouns),
      ("lede definite subjects", ledeDefiniteSubjects), ("lede connectives", ledeConnectives),
      ("body sentences", bodySentences), ("body questions", bodyQuestions),
      ("body pronouns", bodyPronouns), ("body definite subjects", bodyDefiniteSubjects),
      ("body connectives", bodyConnectives), ("quotes", quotes),
      ("surname-only speakers", surnameOnlySpeakers),
      ("duplicate sentences", duplicateSentences), ("headings", headings),
      ("single-word headings", singleWordHeadings),
    ]
  }

  /// The sum of the problem counts (everything but the totals they are counted among).
  public var problems: Int {
    ledeQuestions + ledePronouns + ledeDefiniteSubjects + ledeConnectives + bodyQuestions
      + bodyPronouns + bodyDefiniteSubjects + bodyConnectives + surnameOnlySpeakers
      + duplicateSentences + singleWordHeadings
  }
}

/// Measures how a brief reads: openings that lean on missing context, questions, surname-only
/// speakers, repeated sentences and one-word headings. A measurement, not a gate: the composer
/// uses the same sentence rules (``SentenceOpening``) to avoid what is counted here.
public enum ReadabilityCheck {
  /// The counts for one brief.
  public static func counts(_ brief: Brief) -> ReadabilityCounts { analyze(brief).counts }

  /// One line per counted problem ("lede pronoun: It said…"), for reading what was counted.
  public static func findings(_ brief: Brief) -> [String] { analyze(brief).findings }

  static func analyze(_ brief: Brief) -> (counts: ReadabilityCounts, findings: [String]) {
    var findings: [String] = []
    func note(_ kind: String, _ text: String) { findings.append("\(kind): \(text)") }
    var c = ReadabilityCounts()
    c.briefs = 1
    var earlier: [String] = []
    if let first = brief.lede.first {
      let opening = SentenceOpening(first.text)
      if opening.isQuestion {
        c.ledeQuestions += 1
        note("lede question", first.text)
      }
      if opening.startsWithPronoun {
        c.ledePronouns += 1
        note("lede pronoun", first.text)
      }
      if opening.definiteSubject != nil {
        c.ledeDefiniteSubjects += 1
        note("lede definite subject", first.text)
      }
      if opening.startsWithConnective {
        c.ledeConnectives += 1
        note("lede connective", first.text)
      }
      earlier.append(first.text)
    }
    let runs = [Array(brief.lede.dropFirst())] + brief.sections.map(\.sentences)
    for (r, run) in runs.enumerated() {
      // The lede's second sentence follows its first.
      var previous: BriefSentence? = r == 0 ? brief.lede.first : nil
      for sentence in run {
        c.bodySentences += 1
        let opening = SentenceOpening(sentence.text)
        let followsItsSource =
          previous.map { follows(sentence, after: $0, sources: brief.sources) } ?? false
        if opening.isQuestion {
          c.bodyQuestions += 1
          note("body question", sentence.text)
        }
        if !followsItsSource {
          if opening.startsWithPronoun {
            c.bodyPronouns += 1
            note("body pronoun", sentence.text)
          }
          if opening.startsWithConnective {
            c.bodyConnectives += 1
            note("body connective", sentence.text)
          }
          if let noun = opening.definiteSubject, !SentenceOpening.names(noun, in: earlier) {
            c.bodyDefiniteSubjects += 1
            note("body definite subject", sentence.text)
          }
        }
        earlier.append(sentence.text)
        previous = sentence
      }
    }

    c.quotes = brief.quotes.count
    for quote in brief.quotes {
      guard let speaker = quote.speaker,
        let text = brief.sources.first(where: { $0.number == quote.citation.source })?.text,
        let full = SpeakerNames.fullName(of: speaker, in: text)
      else { continue }
      if full.split(separator: " ").count > SpeakerNames.withoutTitle(speaker).count {
        c.surnameOnlySpeakers += 1
        note("surname-only speaker", "\(speaker) (the article says \(full))")
      }
    }

    var seen: [(key: String, citations: [Citation])] = []
    let all =
      brief.lede + brief.sections.flatMap(\.sentences) + brief.timeline.map(\.event)
      + brief.whatsNext
    for sentence in all {
      let key = TextSupport.normalized(sentence.text)
      let repeats = seen.contains { other in
        other.key == key
          || other.citations.contains { a in
            sentence.citations.contains { b in
              a.source == b.source && a.span.start < b.span.end && b.span.start < a.span.end
            }
          }
      }
      if repeats {
        c.duplicateSentences += 1
        note("duplicate", sentence.text)
      }
      seen.append((key, sentence.citations))
    }

    let generic = Set(SectionPlanner.topics.map(\.heading))
    c.headings = brief.sections.count
    for section in brief.sections
    where !generic.contains(section.heading) && section.heading.split(separator: " ").count == 1 {
      c.singleWordHeadings += 1
      note("single-word heading", section.heading)
    }
    return (c, findings)
  }

  /// True when `sentence` comes right after `previous` in one of the sources both cite (only
  /// spaces, quotation marks or a paragraph break between them).
  static func follows(
    _ sentence: BriefSentence, after previous: BriefSentence, sources: [BriefSource]
  )
    -> Bool
  {
    for a in previous.citations {
      for b in sentence.citations where a.source == b.source && a.span.end <= b.span.start {
        guard let text = sources.first(where: { $0.number == a.source })?.text else { continue }
        let scalars = Array(text.unicodeScalars)
        guard b.span.start <= scalars.count else { continue }
        let between = scalars[a.span.end..<b.span.start]
        if between.count < 12,
          between.allSatisfy({ TextSupport.isSpace($0) || !TextSupport.isWordScalar($0) })
        {
          return true
        }
      }
    }
    return false
  }
}

/// How a sentence opens, for judging whether it can stand where a brief puts it.
public struct SentenceOpening: Sendable, Hashable {
  /// It ends in a question mark (perhaps inside closing quotation marks).
  public var isQuestion: Bool
  /// It opens with a pronoun or demonstrative that stands for something said before.
  public var startsWithPronoun: Bool
  /// It opens with a connective that links it to a sentence before ("But", "However,",
  /// "Eventually,").
  public var startsWithConnective: Bool
  /// The noun of a definite subject that needs an antecedent ("company" in "The company
  /// said…"), or nil.
  public var definiteSubject: String?

  /// Reads how `text` opens (and whether it asks a question).
  public init(_ text: String) {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    isQuestion = Self.isQuestion(trimmed)
    startsWithPronoun = SentenceCleaner.startsWithReference(trimmed)
    startsWithConnective =
      SentenceCleaner.startsWithMarker(trimmed) || Self.startsWithTimeConnective(trimmed)
    definiteSubject = Self.definiteSubject(trimmed)
  }

  /// True when `text` ends in a question mark, perhaps inside closing quotation marks or a
  /// parenthesis. The same as `SentenceOpening(text).isQuestion`, for callers that need only
  /// that: reading the opening as well tokenizes the sentence several times over.
  static func isQuestion(_ text: String) -> Bool {
    let end = text.unicodeScalars.reversed()
      .drop { CharacterSet.whitespacesAndNewlines.contains($0) }
      .first { !"\"'\u{201D}\u{2019})".unicodeScalars.contains($0) }
    return end == "?"
  }

  /// True when the sentence can open a brief or a paragraph.
  public var standsAlone: Bool {
    !isQuestion && !startsWithPronoun && !startsWithConnective && definiteSubject == nil
  }

  /// Openers of a step in a sequence told before ("Eventually, bone rubs against bone").
  static let timeConnectives: [[String]] = [
    ["eventually"], ["ultimately"], ["now"], ["so", "far"], ["in", "the", "meantime"],
  ]

  static func startsWithTimeConnective(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars)
    let words = TextSupport.words(scalars, limit: 4)
    return timeConnectives.contains { m in
      words.count > m.count && words.prefix(m.count).map(\.lower) == m
        && words[m.count - 1].end < scalars.count && scalars[words[m.count - 1].end] == ","
    }
  }

  /// Nouns that, after "The" at the start of a sentence, point back to something the reader
  /// was told before ("The company", "The agency", "The drug").
  static let anaphoricNouns: Set<String> = [
    "company", "companies", "agency", "firm", "group", "organization", "drug", "drugs",
    "drugmaker", "man", "woman", "men", "women", "boy", "girl", "couple", "suspect", "study",
    "report", "plan", "bill", "measure", "move", "decision", "program", "proposal", "product",
    "device", "treatment", "researchers", "scientists", "team", "panel", "committee",
    "incident", "ruling", "official", "spokesman", "spokeswoman", "same", "latter", "former",
    "vaccine", "medication", "procedure", "findings", "survey", "authors", "carrier", "airline",
  ]

  /// The anaphoric noun of a "The N…" / "The adjective N…" opening, lower-cased.
  static func definiteSubject(_ text: String) -> String? {
    let words = TextSupport.words(text, limit: 3)
    guard words.count >= 2, words[0].lower == "the" else { return nil }
    if anaphoricNouns.contains(words[1].lower) { return words[1].lower }
    // "The new drug", "The Atlanta-based company": one modifier, then the noun.
    if words.count == 3, !words[1].isCapitalized || words[1].text.contains("-"),
      anaphoricNouns.contains(words[2].lower), !["same", "two", "three"].contains(words[2].lower)
    {
      return words[2].lower
    }
    return nil
  }

  /// True when one of `texts` uses `noun` (as a word, any case), so "The company" has
  /// something to point back to.
  static func names(_ noun: String, in texts: [String]) -> Bool {
    let stem = TextSupport.stem(noun)
    return texts.contains { text in
      TextSupport.words(text).contains { TextSupport.stem($0.lower) == stem }
    }
  }
}

/// A speaker's name as the article gives it in full.
public enum SpeakerNames {
  /// Abbreviated titles that may precede a name ("Gov.", "Dr.").
  static let titles: Set<String> = [
    "gov", "sen", "rep", "dr", "mr", "mrs", "ms", "gen", "lt", "col", "sgt", "capt", "prof",
    "rev", "sup", "atty", "insp", "supt", "cmdr", "adm", "maj", "pres", "president", "senator",
    "governor", "professor", "doctor", "judge", "mayor", "chairman", "secretary", "minister",
  ]

  /// The words of `name` without leading titles ("Dr. Jane Rubin" → ["Jane", "Rubin"]).
  public static func withoutTitle(_ name: String) -> [String] {
    var words = name.split(separator: " ").map(String.init)
    while words.count > 1,
      titles.contains(words[0].lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".")))
    {
      words.removeFirst()
    }
    return words
  }

  /// The fullest name `text` gives for the person `speaker` names: the longest run of
  /// capitalized name words ending in the speaker's surname, without titles. Nil when the
  /// text gives no more of the name than `speaker` does.
  public static func fullName(of speaker: String, in text: String) -> String? {
    let given = withoutTitle(speaker)
    guard let surname = given.last, surname.count > 1, surname.first?.isUppercase == true else {
      return nil
    }
    let scalars = Array(text.unicodeScalars)
    let words = TextSupport.words(scalars)
    var runs: [[String]] = []
    for (i, w) in words.enumerated() where w.text == surname && i > 0 {
      var j = i
      // Walk back over name words one space apart: "Jane Rubin", "J. Michael Smith".
      while j > 0 {
        let p = words[j - 1]
        let gap = TextSupport.string(scalars, p.end, words[j].start)
        guard gap == " " || gap == ". " && p.text.count == 1 else { break }
        guard p.isCapitalized, !Stopwords.english.contains(p.lower),
          !titles.contains(p.lower), !QuoteSpeakerStoplist.words.contains(p.lower)
        else { break }
        j -= 1
      }
      let run = words[j...i].map { $0.text.count == 1 ? $0.text + "." : $0.text }
      if run.count > given.count, run.count <= 4, run.suffix(given.count).elementsEqual(given) {
        runs.append(run)
      }
    }
    // Runs that end another run ("W. Bush" of "George W. Bush") are the same name; two
    // different longest names ("George Bush", "Laura Bush") leave the speaker unresolved.
    let longest = runs.filter { run in
      !runs.contains { other in
        other.count > run.count && other.suffix(run.count).elementsEqual(run)
      }
    }
    guard let first = longest.first, longest.allSatisfy({ $0 == first }) else { return nil }
    return first.joined(separator: " ")
  }
}

/// Capitalized words that open sentences or name days, never a person's first name.
enum QuoteSpeakerStoplist {
  static let words: Set<String> = [
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "june", "july", "august", "september", "october", "november",
    "december", "said", "says", "according", "but", "and", "when", "while", "after", "before",
    "since", "although", "though", "because", "if", "as", "says", "told", "asked", "added",
    "yesterday", "today", "tonight", "officials", "police", "spokesman", "spokeswoman",
  ]
}
