import DistillModel
import DistillText
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
    /// False for an article's opening sentence offered only as a lede.
    var inSummary = true
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

    // Articles' opening sentences compete for the lede too: a wire lede names who and what,
    // and the summary's best sentences do not always.
    let summaryCount = prose.count
    prose += ledeOpeners(story: story, excluding: Set(prose.map(\.key)), rank: summaryCount)
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
    // Questions tease rather than tell; a brief states.
    let ordered = prose.indices.filter {
      !used.contains($0) && prose[$0].inSummary && !SentenceOpening(prose[$0].text).isQuestion
    }.sorted {
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
    var plan = SectionPlanner.plan(items, maxSections: options.maxSections)
    // "The company said…" needs the brief to have named a company before it; a unit that opens
    // so with nothing to point back to is left out.
    var told = lede.map(\.text)
    for g in plan.indices {
      plan[g].items.removeAll { u in
        let first = prose[bodyUnits[u][0]].text
        if let noun = SentenceOpening(first).definiteSubject,
          !SentenceOpening.names(noun, in: told)
        {
          return true
        }
        told += bodyUnits[u].map { prose[$0].text }
        return false
      }
    }
    // A dated background sentence reads best once, in the timeline, and the rest of the prose
    // is never repeated there: the timeline takes no lede or recent body sentence, and body
    // units whose sentence it takes leave the sections.
    func isBackground(_ i: Int) -> Bool { story.facts(prose[i].sentence)?.isBackground ?? false }
    let recent =
      lede
      + plan.flatMap(\.items).flatMap { bodyUnits[$0] }.filter { !isBackground($0) }
      .map { prose[$0] }
    // A timeline row should be about the story at least half as much as a typical sentence of
    // the brief's prose is.
    let centralities = (lede + plan.flatMap(\.items).flatMap { bodyUnits[$0] }.map { prose[$0] })
      .compactMap { story.facts($0.sentence)?.centrality }.sorted()
    let timeline = story.timeline(
      limit: options.maxTimelineRows, summary: summary, excludingKeys: Set(recent.map(\.key)),
      excludingIDs: Set(recent.map { SentenceID($0) }),
      minCentrality: centralities.isEmpty ? 0 : 0.5 * centralities[centralities.count / 2],
      retelling: recent.map(\.terms))
    let inTimeline = Set(timeline.map { TextSupport.normalized($0.event.text) })
    for g in plan.indices {
      plan[g].items.removeAll { u in bodyUnits[u].contains { inTimeline.contains(prose[$0].key) } }
    }

    let kept = plan.flatMap(\.items)
    bodyUnits = bodyUnits.indices.map { kept.contains($0) ? bodyUnits[$0] : [] }
    let sections = plan.map { group in
      BriefSection(
        heading: group.heading,
        sentences: group.items.flatMap { bodyUnits[$0] }.map { story.briefSentence(prose[$0]) })
    }

    let ledeSentences = lede.map { story.briefSentence($0) }
    let proseKeys = Set((lede + bodyUnits.flatMap { $0 }.map { prose[$0] }).map(\.key))
      .union(inTimeline)
    let proseIDs = Set((lede + bodyUnits.flatMap { $0 }.map { prose[$0] }).map { SentenceID($0) })

    var proseSpans: [Int: [TextSpan]] = [:]
    for sentence in ledeSentences + sections.flatMap(\.sentences) {
      for c in sentence.citations { proseSpans[c.source, default: []].append(c.span) }
    }
    let quotes = story.quotes(
      limit: options.maxQuotes, minWords: options.minQuoteWords, proseSpans: proseSpans)
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
    let loose = prose.indices.filter {
      prose[$0].inSummary && !SentenceCleaner.leansOnPrevious(prose[$0].text)
    }
    // A lede opens the brief: no question, no subject the reader has not met, no quotation.
    let fit = prose.indices.filter { i in
      let text = prose[i].text
      return SentenceOpening(text).standsAlone && !SentenceCleaner.startsWithQuote(text)
        && TextSupport.words(text, limit: 8).count >= 8 && !story.isStanding(prose[i].key)
    }
    let fromSummary = fit.filter { prose[$0].inSummary }
    let openers = fit.filter { !prose[$0].inSummary }
    let pool = fromSummary.isEmpty && openers.isEmpty ? loose : fromSummary
    guard !pool.isEmpty || !openers.isEmpty else { return [] }
    let window = Array(pool.prefix(max(4, options.maxLedeSentences * 2))) + openers
    func score(_ i: Int) -> Double {
      let c = prose[i]
      let words = TextSupport.words(c.text)
      var s = 2.0 * (1.0 - Double(c.rank) / Double(max(prose.count, 1)))
      let names = words.dropFirst().filter { $0.isCapitalized }.count
      if names > 0 { s += 0.5 }
      // Who: a name in the first few words ("Merck & Co. said…", "Gov. Jeb Bush…").
      if words.prefix(4).contains(where: {
        $0.isCapitalized && !Stopwords.english.contains($0.lower)
      }) {
        s += 0.4
      }
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
    // An article's opening sentence goes first: it was written to.
    return chosen.sorted {
      (prose[$0].inSummary ? prose[$0].rank : -1) < (prose[$1].inSummary ? prose[$1].rank : -1)
    }
  }

  /// The opening sentence of each article that could lead the brief, as lede-only candidates
  /// (the most central few, ranked after every summary sentence).
  func ledeOpeners(story: StoryContext, excluding keys: Set<String>, rank: Int) -> [Candidate] {
    var found: [Candidate] = []
    for (d, doc) in story.documents.enumerated() {
      // The first sentence long enough to be a lede, among the first three.
      guard
        let s = doc.sentences.prefix(3).first(where: {
          TextSupport.words(story.facts($0)?.standalone ?? "", limit: 12).count >= 12
        }), let f = story.facts(s), let text = f.standalone,
        !keys.contains(TextSupport.normalized(text)),
        TextSupport.words(text).count <= 45
      else { continue }
      found.append(
        Candidate(
          document: d, sentence: s, text: text, citations: story.citations(for: s),
          terms: f.terms, score: f.centrality, rank: rank, inSummary: false))
    }
    return Array(found.sorted { ($0.score, -$0.document) > ($1.score, -$1.document) }.prefix(3))
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
