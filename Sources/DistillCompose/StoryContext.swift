import DistillModel
import Foundation

/// What the composer knows about a story's documents: their numbering as sources, their dates,
/// the words the story is about, and where each sentence is repeated.
struct StoryContext {
  let documents: [Document]
  let options: ComposerOptions
  let resolver = TemporalResolver()
  /// Source number of each document (1-based, chronological, then input order).
  let numbers: [Int]
  let sources: [BriefSource]
  /// Term weights of the whole story: how many documents use each content term.
  let centroid: [String: Double]
  let newestDate: Date?
  let earliestDate: Date?
  let place: String?
  /// Normalized sentence text → every sentence with that text.
  let copies: [String: [Sentence]]
  /// What is known of each sentence, by document and sentence position.
  let facts: [[SentenceFacts]]
  let stems: StemCache

  /// One sentence, analysed once for all parts of the brief.
  struct SentenceFacts {
    /// The sentence made fit to stand alone, or nil when it leans on the one before.
    var standalone: String?
    /// Its most telling date.
    var mention: TemporalMention?
    var terms: [String: Double]
    var centrality: Double
    var isBackground: Bool
    /// It speaks of plans, schedules or expectations.
    var isFuture: Bool
    var normalized: String
  }

  init(documents: [Document], options: ComposerOptions) {
    self.documents = documents
    self.options = options
    let order = documents.indices.sorted { a, b in
      let da = documents[a].article.metadata.published ?? .distantFuture
      let db = documents[b].article.metadata.published ?? .distantFuture
      return (da, a) < (db, b)
    }
    var numbers = Array(repeating: 0, count: documents.count)
    for (n, d) in order.enumerated() { numbers[d] = n + 1 }
    self.numbers = numbers

    let dates = documents.compactMap(\.article.metadata.published)
    newestDate = dates.max()
    earliestDate = dates.min()

    // Each sentence is cut into words once; everything below reads those words.
    struct Prepared {
      var undated: String
      var standalone: String?
      var words: [Word]
      var key: String
    }
    let prepared: [[Prepared]] = documents.map { doc in
      doc.sentences.map { s in
        let undated = SentenceCleaner.removingDateline(s.text)
        let standalone = Self.standalone(undated)
        let words = TextSupport.words(standalone ?? undated)
        let key =
          standalone == undated
          ? words.map(\.lower).joined(separator: " ") : TextSupport.normalized(undated)
        return Prepared(undated: undated, standalone: standalone, words: words, key: key)
      }
    }

    // Syndicated copies: articles sharing most of their 5-word shingles.
    let shingles = prepared.map { sentences in
      TextSupport.shingles(words: sentences.flatMap { $0.words.map(\.lower) })
    }
    var copiesOf = Array(repeating: [Int](), count: documents.count)
    for a in documents.indices {
      for b in documents.indices where b > a {
        let small = min(shingles[a].count, shingles[b].count)
        guard small > 0 else { continue }
        // Counted, not intersected: 300 pairs of sets of thousands of shingles each.
        let (fewer, more) =
          shingles[a].count <= shingles[b].count
          ? (shingles[a], shingles[b]) : (shingles[b], shingles[a])
        let shared = fewer.reduce(0) { more.contains($1) ? $0 + 1 : $0 }
        if Double(shared) / Double(small) >= options.syndicationOverlap {
          copiesOf[a].append(b)
          copiesOf[b].append(a)
        }
      }
    }
    sources = order.enumerated().map { n, d in
      let article = documents[d].article
      let outlet = article.metadata.outlet
      var also: [String] = []
      for other in copiesOf[d].sorted(by: { numbers[$0] < numbers[$1] }) {
        let name =
          documents[other].article.metadata.outlet ?? documents[other].article.source.location
        if name != outlet, !also.contains(name) { also.append(name) }
      }
      let raw = article.title.isEmpty ? (article.metadata.title ?? "") : article.title
      let title = HeadlineWriter.cleanTitle(raw, outlet: outlet)
      return BriefSource(
        number: n + 1, title: title.isEmpty ? "(untitled)" : title, outlet: outlet,
        published: article.metadata.published,
        location: article.metadata.url ?? article.source.location,
        isFirstReport: n == 0 && article.metadata.published != nil, alsoPublishedBy: also,
        text: article.text)
    }

    let stems = StemCache()
    self.stems = stems
    let terms = prepared.map { sentences in
      sentences.map { TextSupport.termVector(words: $0.words, stems: stems) }
    }
    var centroid: [String: Double] = [:]
    for (d, doc) in documents.enumerated() {
      var seen = Set(TextSupport.contentTerms(doc.article.title, stems: stems))
      for t in terms[d] { seen.formUnion(t.keys) }
      for term in seen { centroid[term, default: 0] += 1 }
    }
    // Terms found in one document only say little about the story as a whole.
    if documents.count > 2 { centroid = centroid.filter { $0.value > 1 } }
    self.centroid = centroid

    var copies: [String: [Sentence]] = [:]
    var facts: [[SentenceFacts]] = []
    let windowStart = earliestDate.map {
      TextSupport.utc.date(
        byAdding: .day, value: -options.backgroundWindowDays,
        to: TextSupport.utc.startOfDay(for: $0))!
    }
    for (d, doc) in documents.enumerated() {
      let reference = doc.article.metadata.published ?? newestDate
      var docFacts: [SentenceFacts] = []
      for (k, s) in doc.sentences.enumerated() {
        let p = prepared[d][k]
        copies[p.key, default: []].append(s)
        let text = p.standalone ?? p.undated
        let mention = resolver.primaryMention(in: text, reference: reference)
        let background =
          mention.map {
            Self.isBackground(date: $0.date, precision: $0.precision, windowStart: windowStart)
          } ?? false
        docFacts.append(
          SentenceFacts(
            standalone: p.standalone, mention: mention, terms: terms[d][k],
            centrality: TextSupport.cosine(terms[d][k], centroid), isBackground: background,
            isFuture: Self.speaksOfFuture(words: p.words), normalized: p.key))
      }
      facts.append(docFacts)
    }
    self.copies = copies
    self.facts = facts

    var places: [String: (count: Int, first: Int)] = [:]
    for (d, doc) in documents.enumerated() {
      // The reader may have taken the dateline off the text already and kept its place.
      if let found = doc.article.metadata.place ?? NewswireDateline.parse(doc.article.text)?.place,
        !found.isEmpty
      {
        let entry = places[found] ?? (0, numbers[d])
        places[found] = (entry.count + 1, min(entry.first, numbers[d]))
      }
    }
    place =
      places.max { a, b in (a.value.count, -a.value.first) < (b.value.count, -b.value.first) }?
      .key
  }

  func number(_ document: Int) -> Int { numbers[document] }

  /// True when the sentence with this normalized text is printed, word for word, in articles
  /// of three or more different days: a service's standing notice ("Spot news budgets move
  /// daily…") or a background paragraph it repeats, never the news of a lede.
  func isStanding(_ key: String) -> Bool {
    let days = Set(
      (copies[key] ?? []).compactMap { s -> Date? in
        documents[s.document].article.metadata.published.map { TextSupport.utc.startOfDay(for: $0) }
      })
    return days.count >= 3
  }

  /// The date relative expressions in a document are read against: its publication date, or
  /// for an undated article the story's newest date (an inference).
  func reference(_ document: Int) -> Date? {
    documents[document].article.metadata.published ?? newestDate
  }

  var windowStart: Date? {
    earliestDate.map {
      TextSupport.utc.date(
        byAdding: .day, value: -options.backgroundWindowDays,
        to: TextSupport.utc.startOfDay(for: $0))!
    }
  }

  func isBackground(date: Date, precision: DatePrecision) -> Bool {
    Self.isBackground(date: date, precision: precision, windowStart: windowStart)
  }

  static func isBackground(date: Date, precision: DatePrecision, windowStart: Date?) -> Bool {
    guard let start = windowStart else { return false }
    let cal = TextSupport.utc
    let end: Date
    switch precision {
    case .day: end = cal.date(byAdding: .day, value: 1, to: date)!
    case .month: end = cal.date(byAdding: .month, value: 1, to: date)!
    case .year: end = cal.date(byAdding: .year, value: 1, to: date)!
    }
    return end <= start
  }

  /// The facts of a source sentence.
  func facts(_ s: Sentence) -> SentenceFacts? {
    // Facts are kept by position; a sentence that is not at its stated position gets none.
    guard facts.indices.contains(s.document), facts[s.document].indices.contains(s.index),
      documents[s.document].sentences[s.index].span == s.span
    else {
      return nil
    }
    return facts[s.document][s.index]
  }

  static func sorted(_ citations: [Citation]) -> [Citation] {
    Array(Set(citations)).sorted { ($0.source, $0.span) < ($1.source, $1.span) }
  }

  /// Citations for a source sentence and every verbatim copy of it in other documents.
  func citations(for sentence: Sentence) -> [Citation] {
    guard documents.indices.contains(sentence.document) else { return [] }
    var result = [Citation(source: numbers[sentence.document], span: sentence.span)]
    let key = TextSupport.normalized(SentenceCleaner.removingDateline(sentence.text))
    for copy in copies[key] ?? [] where copy.document != sentence.document {
      result.append(Citation(source: numbers[copy.document], span: copy.span))
    }
    return Self.sorted(result)
  }

  func briefSentence(_ c: StoryComposer.Candidate) -> BriefSentence {
    BriefSentence(text: c.text, citations: c.citations)
  }

  func centrality(_ text: String) -> Double {
    TextSupport.cosine(TextSupport.termVector(text, stems: stems), centroid)
  }

  /// A source sentence made fit to stand alone in a brief, or nil when it cannot.
  static func standalone(_ undated: String) -> String? {
    let text = SentenceCleaner.removingMarker(undated)
    if SentenceCleaner.leansOnPrevious(text) { return nil }
    // A question is neither an event nor a plan.
    if SentenceOpening.isQuestion(text) { return nil }
    // "…, he said." names its source only in the sentence before.
    if endsWithBareAttribution(text) { return nil }
    if TextSupport.words(text, limit: 5).count < 5 { return nil }
    return text
  }

  /// True for a sentence ending `…, he said.` / `…,” she added` / `…, they told reporters.`:
  /// a pronoun after a comma or closing quote, then said/says/added or `told` and a
  /// lower-case word. (A plain scan: a regular expression per sentence dominated composing.)
  static func endsWithBareAttribution(_ text: String) -> Bool {
    var words = lastWords(text, 4)
    guard var last = words.last else { return false }
    if last.hasSuffix(".") { last = last.dropLast() }
    guard !last.isEmpty else { return false }
    words[words.count - 1] = last
    let pronouns: Set<Substring> = ["he", "she", "they"]
    let verbs: Set<Substring> = ["said", "says", "added"]
    let pronounIndex: Int
    if verbs.contains(last) {
      pronounIndex = words.count - 2
    } else if words.count >= 2, words[words.count - 2] == "told",
      last.allSatisfy({ $0.isASCII && $0.isLowercase })
    {
      pronounIndex = words.count - 3
    } else {
      return false
    }
    guard pronounIndex >= 1, pronouns.contains(words[pronounIndex]),
      let mark = words[pronounIndex - 1].last
    else { return false }
    return mark == "," || mark == "\u{201D}" || mark == "\"" || mark == "'"
  }

  /// The last `count` (or fewer) runs of `text` between spaces, tabs and line feeds, in
  /// order: the tail of `text.split(whereSeparator:)` on those, found without splitting the
  /// whole sentence.
  static func lastWords(_ text: String, _ count: Int) -> [Substring] {
    func isSeparator(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\n" }
    var result: [Substring] = []
    var end = text.endIndex
    var i = text.endIndex
    while i > text.startIndex, result.count < count {
      let before = text.index(before: i)
      if isSeparator(text[before]) {
        if i < end { result.append(text[i..<end]) }
        end = before
      }
      i = before
    }
    if result.count < count, text.startIndex < end { result.append(text[text.startIndex..<end]) }
    return result.reversed()
  }

  /// Words that mark a plan, a schedule or an expectation. "would" and a bare "plan" are left
  /// out: they are as often conditional or past ("approved a plan to…").
  static let futureWords: Set<String> = ["will", "won't", "tomorrow", "upcoming", "scheduled"]
  static let futurePairs: Set<String> = [
    "plans to", "planning to", "planned to", "expected to", "expects to", "expect to",
    "vowed to", "vows to", "vow to", "threatened to", "threatens to", "set to", "intends to",
    "intend to", "promised to", "pledged to", "due to",
    "next week", "next month", "next year", "next monday", "next tuesday", "next wednesday",
    "next thursday", "next friday", "next saturday", "next sunday", "aims to", "hopes to",
  ]

  static func speaksOfFuture(_ text: String) -> Bool {
    speaksOfFuture(words: TextSupport.words(text))
  }

  /// The first words of ``futurePairs``: only after one of them is a pair worth building.
  static let futurePairOpeners = Set(futurePairs.map { String($0.prefix { $0 != " " }) })

  static func speaksOfFuture(words: [Word]) -> Bool {
    let w = words.map(\.lower)
    for (i, word) in w.enumerated() {
      if futureWords.contains(word) { return true }
      if word.hasSuffix("'ll") { return true }
      if i + 1 < w.count, futurePairOpeners.contains(word),
        futurePairs.contains(word + " " + w[i + 1])
      {
        // "due to the flood" is a cause, not a schedule.
        if word == "due", i + 2 < w.count, ["the", "a", "an", "heavy", "high"].contains(w[i + 2]) {
          continue
        }
        if word == "set", i > 0, !["is", "are", "was", "were", "been"].contains(w[i - 1]) {
          continue
        }
        return true
      }
    }
    return false
  }

  // MARK: Quotes

  /// The most informative quotations, each once, leaving out any whose words the brief's prose
  /// already carries (`proseSpans`: the cited spans of the prose sentences, by source number).
  func quotes(limit: Int, minWords: Int, proseSpans: [Int: [TextSpan]] = [:]) -> [Quote] {
    let finder = QuoteFinder()
    var scored: [(quote: Quote, score: Double, order: (Int, Int))] = []
    var keys = Set<String>()
    var seenRuns = Set<Int>()
    for (d, doc) in documents.enumerated() {
      for q in finder.quotes(in: doc.article.text, sentences: doc.sentences) {
        let words =
          TextSupport.words(q.text).count
          + q.continuations.reduce(0) {
            $0 + TextSupport.words($1.text).count
          }
        guard words >= minWords else { continue }
        let inProse = (proseSpans[numbers[d]] ?? []).contains {
          $0.start <= q.span.start && q.span.end <= $0.end
        }
        if inProse { continue }
        let key = TextSupport.normalized(
          ([q.text] + q.continuations.map(\.text)).joined(separator: " "))
        // Never the same quotation twice, even when one source quotes more or less of it:
        // a quote whose word runs were mostly seen already is a repeat.
        if keys.contains(key) { continue }
        let runs = TextSupport.shingles(words: key.split(separator: " ").map(String.init), size: 4)
        if !runs.isEmpty, Double(runs.intersection(seenRuns).count) >= 0.5 * Double(runs.count) {
          continue
        }
        keys.insert(key)
        seenRuns.formUnion(runs)
        var score = centrality(q.text) * 3
        if q.speaker != nil { score += 2 } else if q.role != nil { score += 1 }
        score += Double(min(words, 30)) / 30
        if words > 70 { score -= 1 }
        let quote = Quote(
          text: q.text, speaker: q.speaker, role: q.role,
          citation: Citation(source: numbers[d], span: q.span),
          continuations: q.continuations.map {
            QuoteContinuation(text: $0.text, citation: Citation(source: numbers[d], span: $0.span))
          })
        scored.append((quote, score, (numbers[d], q.span.start)))
      }
    }
    // A speaker's role, once a source gives it, goes with every quote of theirs.
    var roles: [String: String] = [:]
    for entry in scored {
      if let speaker = entry.quote.speaker, let role = entry.quote.role {
        roles[Self.surname(speaker)] = roles[Self.surname(speaker)] ?? role
      }
    }
    for i in scored.indices where scored[i].quote.role == nil {
      if let speaker = scored[i].quote.speaker, let role = roles[Self.surname(speaker)] {
        scored[i].quote.role = role
      }
    }
    var chosen: [(quote: Quote, score: Double, order: (Int, Int))] = []
    var perSpeaker: [String: Int] = [:]
    for entry in scored.sorted(by: { $0.score > $1.score }) {
      guard chosen.count < limit else { break }
      let who = entry.quote.speaker.map(Self.surname) ?? ""
      if !who.isEmpty, perSpeaker[who, default: 0] >= 2 { continue }
      perSpeaker[who, default: 0] += 1
      chosen.append(entry)
    }
    // The speaker as the article names them in full ("Jane Rubin", not "Rubin"). Only the
    // chosen quotes are looked up: the search reads the whole article, and the full name ends
    // in the same surname, so roles and the per-speaker limit above come out the same.
    return chosen.sorted { $0.order < $1.order }.map { entry in
      var quote = entry.quote
      if let speaker = quote.speaker, let d = numbers.firstIndex(of: quote.citation.source) {
        quote.speaker = SpeakerNames.fullName(of: speaker, in: documents[d].article.text) ?? speaker
      }
      return quote
    }
  }

  static func surname(_ name: String) -> String {
    String(name.split(separator: " ").last ?? Substring(name))
  }

  // MARK: Timeline

  /// Dated events, at most `limit`, leaving out the sentences the brief's prose already tells
  /// (`excludingKeys`: their normalized text; `excludingIDs`: the source sentences) and those
  /// less central to the story than `minCentrality` (asides about something else). A row whose
  /// words mostly repeat one of `retelling` (another outlet's wording of a prose sentence) is
  /// left out too.
  func timeline(
    limit: Int, summary: Summary, excludingKeys: Set<String> = [],
    excludingIDs: Set<SentenceID> = [], minCentrality: Double = 0,
    retelling: [[String: Double]] = []
  ) -> [TimelineEntry] {
    let inSummary = Set(
      summary.sentences.map {
        SentenceID(document: $0.sentence.document, index: $0.sentence.index)
      })
    struct Row {
      var entry: TimelineEntry
      var score: Double
      var key: String
      var terms: [String: Double]
      var source: Int
    }
    var rows: [Row] = []
    let latest = newestDate.map { TextSupport.utc.date(byAdding: .day, value: 1, to: $0)! }
    for (d, doc) in documents.enumerated() {
      let dated = doc.article.metadata.published != nil
      for s in doc.sentences {
        guard let f = facts(s), let text = f.standalone, let m = f.mention,
          !excludingIDs.contains(SentenceID(document: d, index: s.index)),
          !excludingKeys.contains(f.normalized),
          !excludingKeys.contains(TextSupport.normalized(text)), f.centrality >= minCentrality,
          !retelling.contains(where: { TextSupport.cosine($0, f.terms) > 0.5 })
        else { continue }
        if let latest, m.date > latest { continue }
        // Plans belong under "What's next", not among the events.
        if f.isFuture { continue }
        var score = f.centrality
        if inSummary.contains(SentenceID(document: d, index: s.index)) { score += 0.3 }
        if f.isBackground { score += 0.2 }
        if m.isAbsolute { score += 0.15 }
        let event = BriefSentence(text: text, citations: citations(for: s))
        let entry = TimelineEntry(
          date: m.date, precision: m.precision, event: event, isBackground: f.isBackground,
          isInferred: !dated && !m.isAbsolute)
        rows.append(
          Row(entry: entry, score: score, key: f.normalized, terms: f.terms, source: numbers[d]))
      }
    }
    // Half the rows for the story's own days, half for its background, so neither crowds the
    // other out; what one side cannot fill, the other may.
    var chosen: [Row] = []
    func pick(_ candidates: [Row], upTo quota: Int) {
      var taken = 0
      for row in candidates where taken < quota && chosen.count < limit {
        let repeats = chosen.contains {
          $0.key == row.key || TextSupport.cosine($0.terms, row.terms) > 0.6
            || $0.entry.date == row.entry.date && TextSupport.cosine($0.terms, row.terms) > 0.25
        }
        if repeats { continue }
        // Two events on one day can both matter; one row per month or year is plenty.
        let perDate = row.entry.precision == .day ? 2 : 1
        if chosen.filter({ $0.entry.date == row.entry.date }).count >= perDate { continue }
        chosen.append(row)
        taken += 1
      }
    }
    let ranked = rows.sorted { $0.score > $1.score }
    let background = ranked.filter(\.entry.isBackground)
    let recent = ranked.filter { !$0.entry.isBackground }
    pick(recent, upTo: (limit + 1) / 2)
    pick(background, upTo: limit)
    pick(recent, upTo: limit)
    return chosen.sorted { ($0.entry.date, $0.source) < ($1.entry.date, $1.source) }.map(\.entry)
  }

  // MARK: What's next

  func whatsNext(
    limit: Int, excludingKeys: Set<String>, excludingIDs: Set<SentenceID>, summary: Summary
  ) -> [BriefSentence] {
    let inSummary = Set(
      summary.sentences.map {
        SentenceID(document: $0.sentence.document, index: $0.sentence.index)
      })
    typealias Row = (
      sentence: BriefSentence, score: Double, terms: [String: Double], order: (Int, Int)
    )
    var rows: [Row] = []
    var keys = excludingKeys
    for (d, doc) in documents.enumerated() {
      for s in doc.sentences {
        let id = SentenceID(document: d, index: s.index)
        guard !excludingIDs.contains(id), let f = facts(s), f.isFuture, !f.isBackground,
          let text = f.standalone
        else { continue }
        // A plan dated before its own article was made is history, not what comes next.
        if let m = f.mention, let published = doc.article.metadata.published,
          m.date < TextSupport.utc.startOfDay(for: published)
        {
          continue
        }
        if keys.contains(f.normalized) { continue }
        keys.insert(f.normalized)
        var score = f.centrality
        if inSummary.contains(id) { score += 0.2 }
        // Later reports know better what is still to come.
        score += 0.3 * Double(numbers[d]) / Double(max(1, documents.count))
        // A quoted promise is weaker than a reported plan.
        if SentenceCleaner.startsWithQuote(text) { score -= 0.1 }
        rows.append(
          (
            BriefSentence(text: text, citations: citations(for: s)), score, f.terms,
            (numbers[d], s.index)
          ))
      }
    }
    var chosen: [Row] = []
    for row in rows.sorted(by: { $0.score > $1.score }) {
      guard chosen.count < limit else { break }
      if chosen.contains(where: { TextSupport.cosine($0.terms, row.terms) > 0.6 }) { continue }
      chosen.append(row)
    }
    return chosen.sorted { $0.order < $1.order }.map(\.sentence)
  }

  // MARK: Key figures

  func figures(limit: Int) -> [KeyFigure] {
    let finder = FigureFinder()
    // label → document → (figure, sentence): the largest figure each source gives, since a
    // running count within one article ("3 died… the toll rose to 7") is not a disagreement.
    var byLabel: [String: [Int: (FoundFigure, Sentence)]] = [:]
    for (d, doc) in documents.enumerated() {
      for s in doc.sentences {
        if facts(s)?.isBackground ?? false { continue }
        for f in finder.figures(in: s.text) {
          if let old = byLabel[f.label]?[d], old.0.number >= f.number { continue }
          byLabel[f.label, default: [:]][d] = (f, s)
        }
      }
    }
    // Many different numbers under one label are many different things ("dollars for" this and
    // that across years of coverage), not one disputed figure.
    // Numbers far apart (7,000 and 10) are counts of different things, not one figure.
    byLabel = byLabel.filter { entry in
      let numbers = Set(entry.value.values.map(\.0.number))
      guard let lo = numbers.min(), let hi = numbers.max(), lo > 0 else { return false }
      return numbers.count <= 4 && hi / lo <= 5
    }
    let labelOrder = FigureFinder.predicates.map(\.label)
    func rank(_ label: String) -> Int { labelOrder.firstIndex(of: label) ?? labelOrder.count }
    let labels = byLabel.keys.sorted { a, b in
      (-(byLabel[a]!.count), rank(a), a) < (-(byLabel[b]!.count), rank(b), b)
    }.prefix(limit)
    return labels.sorted { (rank($0), $0) < (rank($1), $1) }.map { label in
      let perDoc = byLabel[label]!.sorted { numbers[$0.key] < numbers[$1.key] }
      var reports: [FigureReport] = []
      for (d, entry) in perDoc where !reports.contains(where: { $0.number == entry.0.number }) {
        reports.append(
          FigureReport(
            value: entry.0.value, number: entry.0.number,
            reported: documents[d].article.metadata.published,
            citation: Citation(source: numbers[d], span: entry.1.span)))
      }
      return KeyFigure(label: label, reports: reports)
    }
  }
}
