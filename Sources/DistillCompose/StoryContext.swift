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

    // Syndicated copies: articles sharing most of their 5-word shingles.
    let shingles = documents.map { TextSupport.shingles($0.article.text) }
    var copiesOf = Array(repeating: [Int](), count: documents.count)
    for a in documents.indices {
      for b in documents.indices where b > a {
        let small = min(shingles[a].count, shingles[b].count)
        guard small > 0 else { continue }
        let shared = shingles[a].intersection(shingles[b]).count
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

    var centroid: [String: Double] = [:]
    for d in documents {
      for term in Set(TextSupport.contentTerms(d.article.title + " " + d.article.text)) {
        centroid[term, default: 0] += 1
      }
    }
    // Terms found in one document only say little about the story as a whole.
    if documents.count > 2 { centroid = centroid.filter { $0.value > 1 } }
    self.centroid = centroid

    var copies: [String: [Sentence]] = [:]
    for d in documents {
      for s in d.sentences {
        copies[TextSupport.normalized(SentenceCleaner.removingDateline(s.text)), default: []]
          .append(s)
      }
    }
    self.copies = copies

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

  /// True when the sentence's date is older than the story window.
  func isBackground(_ text: String, document: Int) -> Bool {
    guard let m = resolver.primaryMention(in: text, reference: reference(document)) else {
      return false
    }
    return isBackground(date: m.date, precision: m.precision)
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
    TextSupport.cosine(TextSupport.termVector(text), centroid)
  }

  /// A source sentence made fit to stand alone in a brief, or nil when it cannot.
  func standalone(_ s: Sentence) -> String? {
    var text = SentenceCleaner.removingDateline(s.text)
    text = SentenceCleaner.removingMarker(text)
    if SentenceCleaner.leansOnPrevious(text) { return nil }
    if TextSupport.words(text).count < 5 { return nil }
    return text
  }

  // MARK: Quotes

  func quotes(limit: Int, minWords: Int) -> [Quote] {
    let finder = QuoteFinder()
    var scored: [(quote: Quote, score: Double, order: (Int, Int))] = []
    var keys: [String] = []
    for (d, doc) in documents.enumerated() {
      for q in finder.quotes(in: doc.article.text, sentences: doc.sentences) {
        let words =
          TextSupport.words(q.text).count
          + q.continuations.reduce(0) {
            $0 + TextSupport.words($1.text).count
          }
        guard words >= minWords else { continue }
        let key = TextSupport.normalized(
          ([q.text] + q.continuations.map(\.text)).joined(separator: " "))
        // Never the same quotation twice, even when one source quotes more of it.
        if keys.contains(where: { $0.contains(key) || key.contains($0) }) { continue }
        keys.append(key)
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
    var chosen: [(quote: Quote, score: Double, order: (Int, Int))] = []
    var perSpeaker: [String: Int] = [:]
    for entry in scored.sorted(by: { $0.score > $1.score }) {
      guard chosen.count < limit else { break }
      let who = entry.quote.speaker ?? ""
      if !who.isEmpty, perSpeaker[who, default: 0] >= 2 { continue }
      perSpeaker[who, default: 0] += 1
      chosen.append(entry)
    }
    return chosen.sorted { $0.order < $1.order }.map(\.quote)
  }

  // MARK: Timeline

  func timeline(limit: Int, summary: Summary) -> [TimelineEntry] {
    let inSummary = Set(
      summary.sentences.map { SentenceID(document: $0.sentence.document, index: $0.sentence.index) }
    )
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
        guard let text = standalone(s),
          let m = resolver.primaryMention(in: text, reference: reference(d))
        else { continue }
        if let latest, m.date > latest { continue }
        // Plans belong under "What's next", not among the events.
        let range = NSRange(location: 0, length: (text as NSString).length)
        if Self.futureCue.firstMatch(in: text, range: range) != nil { continue }
        let background = isBackground(date: m.date, precision: m.precision)
        var score = centrality(text)
        if inSummary.contains(SentenceID(document: d, index: s.index)) { score += 0.3 }
        if background { score += 0.2 }
        if m.isAbsolute { score += 0.15 }
        let event = BriefSentence(text: text, citations: citations(for: s))
        let entry = TimelineEntry(
          date: m.date, precision: m.precision, event: event, isBackground: background,
          isInferred: !dated && !m.isAbsolute)
        rows.append(
          Row(
            entry: entry, score: score, key: TextSupport.normalized(text),
            terms: TextSupport.termVector(text), source: numbers[d]))
      }
    }
    var chosen: [Row] = []
    for row in rows.sorted(by: { $0.score > $1.score }) {
      guard chosen.count < limit else { break }
      if chosen.contains(where: {
        $0.key == row.key || TextSupport.cosine($0.terms, row.terms) > 0.6
      }) {
        continue
      }
      if chosen.filter({ $0.entry.date == row.entry.date }).count >= 2 { continue }
      chosen.append(row)
    }
    return chosen.sorted { ($0.entry.date, $0.source) < ($1.entry.date, $1.source) }.map(\.entry)
  }

  // MARK: What's next

  static let futureCue = try! NSRegularExpression(
    pattern:
      #"\b(will|won't|plans? to|planned|planning to|(?:is|are) expected to|expects? to|vow(?:ed|s)? to|scheduled|threaten(?:ed|s)? to|next (?:week|month|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?:is|are) set to|intends? to|promis(?:ed|es) to|pledg(?:ed|es) to|upcoming|tomorrow|is due to|are due to)\b"#,
    options: [.caseInsensitive])

  func whatsNext(
    limit: Int, excludingKeys: Set<String>, excludingIDs: Set<SentenceID>, summary: Summary
  ) -> [BriefSentence] {
    let inSummary = Set(
      summary.sentences.map { SentenceID(document: $0.sentence.document, index: $0.sentence.index) }
    )
    var rows:
      [(sentence: BriefSentence, score: Double, terms: [String: Double], order: (Int, Int))] = []
    var keys = excludingKeys
    for (d, doc) in documents.enumerated() {
      for s in doc.sentences {
        let id = SentenceID(document: d, index: s.index)
        guard !excludingIDs.contains(id), let text = standalone(s) else { continue }
        let ns = text as NSString
        guard
          Self.futureCue.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) != nil
        else { continue }
        if isBackground(text, document: d) { continue }
        let key = TextSupport.normalized(text)
        if keys.contains(key) { continue }
        keys.insert(key)
        var score = centrality(text)
        if inSummary.contains(id) { score += 0.2 }
        // A quoted promise is weaker than a reported plan.
        if SentenceCleaner.startsWithQuote(text) { score -= 0.1 }
        rows.append(
          (
            BriefSentence(text: text, citations: citations(for: s)), score,
            TextSupport.termVector(text), (numbers[d], s.index)
          ))
      }
    }
    var chosen:
      [(sentence: BriefSentence, score: Double, terms: [String: Double], order: (Int, Int))] = []
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
        if isBackground(s.text, document: d) { continue }
        for f in finder.figures(in: s.text) {
          if let old = byLabel[f.label]?[d], old.0.number >= f.number { continue }
          byLabel[f.label, default: [:]][d] = (f, s)
        }
      }
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
