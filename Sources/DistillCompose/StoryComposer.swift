import DistillModel
import Foundation

/// Settings for ``StoryComposer``. The defaults suit a brief of a few hundred words.
public struct ComposerOptions: Sendable, Hashable {
  /// At most this many sentences open the brief.
  public var maxLedeSentences: Int
  /// At most this many sub-headed sections.
  public var maxSections: Int
  public var maxQuotes: Int
  /// Quotations shorter than this many words (scare quotes, fragments) are not listed.
  public var minQuoteWords: Int
  public var maxTimelineRows: Int
  public var maxWhatsNext: Int
  public var maxFigures: Int
  /// Longest headline, in characters.
  public var maxHeadlineLength: Int
  /// Share of a shorter article's 5-word shingles found in another article above which the two
  /// count as copies of one text (syndication).
  public var syndicationOverlap: Double
  /// Events dated more than this many days before the earliest source are background.
  public var backgroundWindowDays: Int

  public init(
    maxLedeSentences: Int = 2, maxSections: Int = 5, maxQuotes: Int = 4, minQuoteWords: Int = 5,
    maxTimelineRows: Int = 8, maxWhatsNext: Int = 3, maxFigures: Int = 6,
    maxHeadlineLength: Int = 90, syndicationOverlap: Double = 0.7, backgroundWindowDays: Int = 7
  ) {
    self.maxLedeSentences = maxLedeSentences
    self.maxSections = maxSections
    self.maxQuotes = maxQuotes
    self.minQuoteWords = minQuoteWords
    self.maxTimelineRows = maxTimelineRows
    self.maxWhatsNext = maxWhatsNext
    self.maxFigures = maxFigures
    self.maxHeadlineLength = maxHeadlineLength
    self.syndicationOverlap = syndicationOverlap
    self.backgroundWindowDays = backgroundWindowDays
  }
}

/// Composes a brief that reads like a news story: a headline drawn from the sources, a
/// dateline, a lede, sub-headed sections, quotes, a timeline, what's next, key figures
/// (with disagreements between sources kept visible) and a numbered source list.
///
/// Every sentence of the brief is a sentence of a source, possibly shortened by deleting words,
/// and carries citations to the exact source spans it rests on.
public struct StoryComposer: BriefComposer {
  public var clock: any Clock
  public var options: ComposerOptions

  public init(clock: any Clock = SystemClock(), options: ComposerOptions = .init()) {
    self.clock = clock
    self.options = options
  }

  /// One sentence the brief may use, with where it comes from.
  struct Candidate {
    var document: Int
    var sentence: Sentence
    var text: String
    var citations: [Citation]
    var terms: [String: Double]
    var score: Double
    var rank: Int
    var key: String { TextSupport.normalized(text) }
  }

  public func compose(_ documents: [Document], summary: Summary) -> Brief {
    let now = clock.now
    let story = StoryContext(documents: documents, options: options)

    // Prose candidates from the summary, in summary order, merging repeated sentences.
    var prose: [Candidate] = []
    var seen: [String: Int] = [:]
    for (rank, selected) in summary.sentences.enumerated() {
      guard story.documents.indices.contains(selected.sentence.document) else { continue }
      var text = SentenceCleaner.removingDateline(selected.text)
      text = SentenceCleaner.removingMarker(text)
      guard TextSupport.words(text).count >= 3 else { continue }
      var citations = story.citations(for: selected.sentence)
      // Cite another outlet's sentence only when it carries this one, not a paraphrase of it.
      for copy in selected.alsoIn where Grounding.isCopy(copy.text, of: text) {
        citations += story.citations(for: copy)
      }
      citations = StoryContext.sorted(citations)
      let key = TextSupport.normalized(text)
      if let i = seen[key] {
        prose[i].citations = StoryContext.sorted(prose[i].citations + citations)
        continue
      }
      seen[key] = prose.count
      let terms = TextSupport.termVector(text, stems: story.stems)
      prose.append(
        Candidate(
          document: selected.sentence.document, sentence: selected.sentence, text: text,
          citations: citations, terms: terms, score: selected.score, rank: rank))
    }

    // Sentences that lean on the one before them stay only right after it.
    func predecessorIndex(_ c: Candidate) -> Int? {
      prose.firstIndex {
        $0.document == c.document && $0.sentence.index == c.sentence.index - 1
      }
    }

    let ledeIndices = chooseLede(prose, story: story)
    var lede = ledeIndices.map { prose[$0] }
    var used = Set(ledeIndices)
    // A follow-on sentence to a one-sentence lede may join it.
    if lede.count == 1, options.maxLedeSentences > 1,
      let next = prose.indices.first(where: { i in
        !used.contains(i) && SentenceCleaner.leansOnPrevious(prose[i].text)
          && prose[i].document == lede[0].document
          && prose[i].sentence.index == lede[0].sentence.index + 1
      })
    {
      lede.append(prose[next])
      used.insert(next)
    }

    // Body: the rest, pronoun-led sentences attached to their predecessor or dropped.
    var bodyUnits: [[Int]] = []
    var unitOf: [Int: Int] = [:]
    let ordered = prose.indices.filter { !used.contains($0) }.sorted {
      (story.number(prose[$0].document), prose[$0].sentence.index)
        < (story.number(prose[$1].document), prose[$1].sentence.index)
    }
    for i in ordered {
      if SentenceCleaner.leansOnPrevious(prose[i].text) {
        if let p = predecessorIndex(prose[i]), let u = unitOf[p] {
          bodyUnits[u].append(i)
          unitOf[i] = u
        }
        continue
      }
      unitOf[i] = bodyUnits.count
      bodyUnits.append([i])
    }
    let items = bodyUnits.map { unit -> SectionPlanner.Item in
      let text = unit.map { prose[$0].text }.joined(separator: " ")
      var terms: [String: Double] = [:]
      for i in unit { for (k, v) in prose[i].terms { terms[k, default: 0] += v } }
      let first = prose[unit[0]]
      return SectionPlanner.Item(
        terms: terms, text: text,
        isBackground: story.facts(first.sentence)?.isBackground ?? false,
        order: (story.number(first.document), first.sentence.index))
    }
    let plan = SectionPlanner.plan(items, maxSections: options.maxSections)
    let sections = plan.map { group in
      BriefSection(
        heading: group.heading,
        sentences: group.items.flatMap { bodyUnits[$0] }.map { story.briefSentence(prose[$0]) })
    }

    let ledeSentences = lede.map { story.briefSentence($0) }
    let proseKeys = Set((lede + bodyUnits.flatMap { $0 }.map { prose[$0] }).map(\.key))
    let proseIDs = Set((lede + bodyUnits.flatMap { $0 }.map { prose[$0] }).map { SentenceID($0) })

    var proseSpans: [Int: [TextSpan]] = [:]
    for sentence in ledeSentences + sections.flatMap(\.sentences) {
      for c in sentence.citations { proseSpans[c.source, default: []].append(c.span) }
    }
    let quotes = story.quotes(
      limit: options.maxQuotes, minWords: options.minQuoteWords, proseSpans: proseSpans)
    let timeline = story.timeline(limit: options.maxTimelineRows, summary: summary)
    let whatsNext = story.whatsNext(
      limit: options.maxWhatsNext, excludingKeys: proseKeys, excludingIDs: proseIDs,
      summary: summary)
    let figures = story.figures(limit: options.maxFigures)
    let headline = HeadlineWriter.headline(
      story: story, lede: lede.first?.text, maxLength: options.maxHeadlineLength)

    let count = story.sources.count
    let notice =
      "This brief was assembled by software from the \(count) cited source\(count == 1 ? "" : "s") on \(Self.noticeTime(now)); every sentence is taken from \(count == 1 ? "it" : "them")."
    return Brief(
      headline: headline, dateline: story.newestDate, place: story.place, lede: ledeSentences,
      sections: sections.filter { !$0.sentences.isEmpty }, quotes: quotes, timeline: timeline,
      whatsNext: whatsNext, figures: figures, whatsNew: [], sources: story.sources, notice: notice,
      generatedAt: now)
  }

  /// "2026-11-21 05:17 UTC"
  static func noticeTime(_ date: Date) -> String {
    let c = TextSupport.utc.dateComponents([.year, .month, .day, .hour, .minute], from: date)
    return String(
      format: "%04d-%02d-%02d %02d:%02d UTC", c.year!, c.month!, c.day!, c.hour!, c.minute!)
  }

  /// Picks the lede: among the first summary sentences, the ones that say who, what, when and
  /// where (names, a number, a date), open an article, and stand on their own.
  func chooseLede(_ prose: [Candidate], story: StoryContext) -> [Int] {
    let pool = prose.indices.filter { !SentenceCleaner.leansOnPrevious(prose[$0].text) }
    guard !pool.isEmpty else { return [] }
    let window = Array(pool.prefix(max(4, options.maxLedeSentences * 2)))
    func score(_ i: Int) -> Double {
      let c = prose[i]
      let words = TextSupport.words(c.text)
      var s = 2.0 * (1.0 - Double(c.rank) / Double(max(prose.count, 1)))
      let names = words.dropFirst().filter { $0.isCapitalized }.count
      if names > 0 { s += 0.5 }
      if words.contains(where: \.isNumeric) { s += 0.3 }
      if !story.resolver.mentions(in: c.text, reference: story.reference(c.document)).isEmpty {
        s += 0.3
      }
      if c.sentence.index == 0 {
        s += 0.7
      } else if c.sentence.index <= 2 {
        s += 0.3
      }
      if (12...45).contains(words.count) { s += 0.5 }
      if SentenceCleaner.startsWithQuote(c.text) { s -= 0.8 }
      if c.text.hasSuffix("?") { s -= 1 }
      s += TextSupport.cosine(c.terms, story.centroid)
      return s
    }
    let ranked = window.sorted { score($0) > score($1) }
    var chosen = [ranked[0]]
    let firstWords = TextSupport.words(prose[ranked[0]].text).count
    if options.maxLedeSentences > 1, ranked.count > 1, firstWords < 30 {
      let second = ranked[1]
      let words = TextSupport.words(prose[second].text).count
      if firstWords + words <= 55,
        TextSupport.cosine(prose[second].terms, prose[ranked[0]].terms) < 0.5,
        !SentenceCleaner.startsWithQuote(prose[second].text)
      {
        chosen.append(second)
      }
    }
    return chosen.sorted { prose[$0].rank < prose[$1].rank }
  }
}

/// Identity of a source sentence.
struct SentenceID: Hashable {
  var document: Int
  var index: Int
  init(document: Int, index: Int) {
    self.document = document
    self.index = index
  }
  init(_ c: StoryComposer.Candidate) {
    self.init(document: c.document, index: c.sentence.index)
  }
}
