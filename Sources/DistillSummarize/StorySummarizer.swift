import DistillModel
import DistillText
import Foundation

/// Multi-document extractive summarizer: picks the sentences that cover the most of what the
/// articles agree on, within a word budget.
///
/// How it works (after Gillick & Favre, "A Scalable Global Model for Summarization", 2009):
/// - Every sentence is reduced to *concepts*: Porter-stemmed word bigrams that are not both
///   stopwords ("pine ridg", "ridg reserv").
/// - A concept weighs as many articles as mention it, so what many sources report outweighs any
///   one article's asides; concepts mentioned by too few articles weigh nothing. An article that
///   is mostly a copy of an earlier one counts as that one. Concepts that share a word with the
///   focus question weigh more, and each focus word is a concept of its own; concepts the reader
///   has already read (update mode) weigh less, and sentences repeating read ones are dropped.
/// - Sentences are picked greedily by the weight of concepts they add that the summary does not
///   yet cover, per word — so repeating what is already said earns nothing (redundancy control).
/// - Sentences that cannot stand alone are never picked: too short or long, quote fragments,
///   bylines, and sentences that lean on a missing antecedent ("He said…", "But the…") unless
///   the sentence before them is picked too.
/// - Near-identical sentences in several articles (syndicated copies) are picked once and cite
///   the other copies in ``SelectedSentence/alsoIn``.
/// - The picks read in order of article date, then article order, then position.
/// - When nothing the articles share fits the budget, single-article concepts and shorter
///   sentences are used instead, so the summary is empty only when no sentence fits at all.
///
/// Ties are broken by document and sentence order, so the result is deterministic.
///
/// - Complexity: about linear in the number of words, plus the greedy selection
///   (picks × candidate sentences × concepts per sentence); near-duplicate search compares only
///   sentences sharing a rare word. A 25-article DUC topic takes about 20 ms of CPU.
public struct StorySummarizer: Summarizer {
  public var options: SummarizerOptions

  public init(options: SummarizerOptions = .init()) {
    self.options = options
  }

  public func summarize(_ documents: [Document], request: SummaryRequest) -> Summary {
    var analysis = Analysis(options: options)
    for (d, document) in documents.enumerated() {
      for (position, sentence) in document.sentences.enumerated() {
        analysis.add(sentence, document: d, position: position)
      }
    }
    guard !analysis.units.isEmpty, request.wordBudget > 0 else { return Summary(sentences: []) }
    let groups = analysis.duplicateGroups(documents: documents)
    let sources = analysis.countCopiesOnce(
      documentCount: documents.count, representative: groups.representative,
      members: groups.members)
    let weights = analysis.conceptWeights(
      documentCount: sources, focus: request.focus, alreadyRead: request.alreadyRead)
    let seenBefore = analysis.repeatsOf(request.alreadyRead)
    var candidates: [Int] = []
    for (u, unit) in analysis.units.enumerated()
    where unit.eligible && groups.representative[u] == u && !seenBefore.contains(u) {
      candidates.append(u)
    }
    var picked = select(
      candidates: candidates, analysis: analysis, weights: weights, budget: request.wordBudget)
    if picked.isEmpty {
      // Nothing the articles share fits (unrelated articles, or only short sentences): rather
      // than an empty summary, fall back to what single articles say, and to shorter sentences.
      let fallbackWeights = weights.indices.map { c in
        weights[c] > 0 || c >= analysis.conceptDocumentCount.count
          ? weights[c] : 0.01 * Double(analysis.conceptDocumentCount[c])
      }
      if candidates.isEmpty {
        candidates = analysis.units.indices.filter {
          analysis.units[$0].acceptableFallback && groups.representative[$0] == $0
            && !seenBefore.contains($0)
        }
      }
      picked = select(
        candidates: candidates, analysis: analysis, weights: fallbackWeights,
        budget: request.wordBudget)
    }
    let ordered = picked.sorted { a, b in
      let ua = analysis.units[a.unit]
      let ub = analysis.units[b.unit]
      let da = documents[ua.document].article.metadata.published ?? .distantFuture
      let db = documents[ub.document].article.metadata.published ?? .distantFuture
      return (da, ua.document, ua.position) < (db, ub.document, ub.position)
    }
    return Summary(
      sentences: ordered.map { pick in
        let unit = analysis.units[pick.unit]
        let copies = groups.members[pick.unit, default: []].filter { $0 != pick.unit }.map {
          analysis.units[$0].sentence
        }
        return SelectedSentence(
          sentence: unit.sentence, text: unit.displayText, alsoIn: copies, score: pick.gain)
      })
  }

  /// Greedy budgeted selection by new concept weight per word.
  private func select(
    candidates: [Int], analysis: Analysis, weights: [Double], budget: Int
  ) -> [(unit: Int, gain: Double)] {
    var covered = [Bool](repeating: false, count: weights.count)
    var chosen = Set<Int>()
    var picks: [(unit: Int, gain: Double)] = []
    var used = 0
    while true {
      var best: (value: Double, gain: Double, unit: Int)?
      for u in candidates where !chosen.contains(u) {
        let unit = analysis.units[u]
        guard used + unit.wordCount <= budget else { continue }
        if unit.dependent {
          guard let previous = analysis.predecessor(of: u), chosen.contains(previous) else {
            continue
          }
        }
        var gain = 0.0
        for c in unit.concepts where !covered[c] { gain += weights[c] }
        guard gain > 0 else { continue }
        let value = gain / pow(Double(unit.wordCount), options.lengthExponent)
        if best == nil || value > best!.value { best = (value, gain, u) }
      }
      guard let best else { break }
      chosen.insert(best.unit)
      picks.append((best.unit, best.gain))
      used += analysis.units[best.unit].wordCount
      for c in analysis.units[best.unit].concepts { covered[c] = true }
    }
    return picks
  }
}

/// Per-run analysis of the sentences: tokens, stems, concepts and eligibility.
private struct Analysis {
  struct Unit {
    var sentence: Sentence
    var document: Int
    var position: Int
    /// Distinct concept ids.
    var concepts: [Int]
    /// Distinct stem ids of all words, sorted (for near-duplicate tests).
    var stemSet: [Int]
    var displayText: String
    var wordCount: Int
    var eligible: Bool
    /// Good enough when nothing eligible fits: at least three words, not a quote fragment.
    var acceptableFallback: Bool
    var dependent: Bool
  }

  let options: SummarizerOptions
  let stemmer = PorterStemmer()
  var units: [Unit] = []
  var wordTerms: [String: (id: Int, stop: Bool)] = [:]
  var stemIDs: [String: Int] = [:]
  var conceptIDs: [Int: Int] = [:]
  /// For each concept: how many documents mention it (counted once per document, which works
  /// because sentences arrive document by document).
  var conceptDocumentCount: [Int] = []
  var conceptLastDocument: [Int] = []
  var conceptStems: [(Int, Int)] = []
  var unitAt: [Int: [Int: Int]] = [:]

  init(options: SummarizerOptions) { self.options = options }

  /// The id of a word's stem (words with the same stem share it) and whether it is a stopword.
  mutating func canonicalStem(_ word: String) -> (id: Int, stop: Bool) {
    if let known = wordTerms[word] { return known }
    let stem = stemmer.stem(word)
    let id: Int
    if let existing = stemIDs[stem] {
      id = existing
    } else {
      id = stemIDs.count
      stemIDs[stem] = id
    }
    let term = (id, Stopwords.english.contains(word))
    wordTerms[word] = term
    return term
  }

  mutating func terms(_ text: some StringProtocol) -> [(id: Int, stop: Bool)] {
    Tokenizer.alphanumericWords(text).map { canonicalStem($0) }
  }

  static func bigramKey(_ a: Int, _ b: Int) -> Int { a << 32 | b }

  mutating func add(_ sentence: Sentence, document: Int, position: Int) {
    let words = Tokenizer.alphanumericWords(sentence.text)
    let terms = words.map { canonicalStem($0) }
    var concepts: [Int] = []
    var seen = Set<Int>()
    for (a, b) in zip(terms, terms.dropFirst()) where !(a.stop && b.stop) {
      let key = Self.bigramKey(a.id, b.id)
      let id: Int
      if let existing = conceptIDs[key] {
        id = existing
      } else {
        id = conceptDocumentCount.count
        conceptIDs[key] = id
        conceptDocumentCount.append(0)
        conceptLastDocument.append(-1)
        conceptStems.append((a.id, b.id))
      }
      if conceptLastDocument[id] != document {
        conceptLastDocument[id] = document
        conceptDocumentCount[id] += 1
      }
      if seen.insert(id).inserted { concepts.append(id) }
    }
    var display = sentence.text
    if options.removeDatelines, let start = SentenceTraits.datelineEnd(sentence.text) {
      display = String(String.UnicodeScalarView(sentence.text.unicodeScalars.dropFirst(start)))
    }
    if options.removeAttributions, let shorter = SentenceTraits.withoutTrailingAttribution(display)
    {
      display = shorter
    }
    let wordCount = Tokenizer.whitespaceWordCount(display)
    let eligible =
      wordCount >= options.minimumWords && wordCount <= options.maximumWords
      && SentenceTraits.endsLikeASentence(display) && !SentenceTraits.isQuoteFragment(display)
      && !SentenceTraits.isBylineOrShouting(display)
    let unit = Unit(
      sentence: sentence, document: document, position: position, concepts: concepts,
      stemSet: Array(Set(terms.map(\.id))).sorted(), displayText: display, wordCount: wordCount,
      eligible: eligible,
      acceptableFallback: wordCount >= 3 && wordCount <= options.maximumWords
        && !SentenceTraits.isQuoteFragment(display),
      dependent: wordCount >= 3
        && (SentenceTraits.dependsOnAntecedent(
          Tokenizer.words(String(display.unicodeScalars.prefix(40))))
          || (options.strictPronouns && SentenceTraits.hasUnresolvedPronoun(display)))
    )
    unitAt[document, default: [:]][sentence.index] = units.count
    units.append(unit)
  }

  func predecessor(of u: Int) -> Int? {
    let unit = units[u]
    return unitAt[unit.document]?[unit.sentence.index - 1]
  }

  /// Words of a focus question that say what to do rather than what about.
  static let instructionWords: Set<String> = [
    "discuss", "describe", "include", "including", "information", "identify", "explain",
    "specify", "note", "give", "examples", "example", "details", "detail", "report", "reports",
    "provide", "mention", "etc", "kind", "kinds", "type", "types", "various", "aspects",
    "efforts", "steps", "taken", "reasons", "reason", "result", "results", "effect", "effects",
    "impact", "role", "status", "current", "specific", "particular", "well", "known", "made",
  ]

  /// Content stems of the focus question.
  mutating func focusStems(_ focus: String?) -> [Int] {
    guard let focus else { return [] }
    var result: [Int] = []
    for word in Tokenizer.alphanumericWords(focus)
    where !Stopwords.english.contains(word) && !Self.instructionWords.contains(word) {
      let id = canonicalStem(word).id
      if !result.contains(id) { result.append(id) }
    }
    return result
  }

  /// Weights of the concepts; adds one concept per focus word, so that sentences answering the
  /// question score even where the articles word it differently from one another.
  mutating func conceptWeights(documentCount: Int, focus: String?, alreadyRead: [Document])
    -> [Double]
  {
    let threshold: Int
    if documentCount >= options.minimumDocumentFrequency * 3 {
      threshold = options.minimumDocumentFrequency
    } else if documentCount >= 2 {
      threshold = 2
    } else {
      threshold = 1
    }
    let focusStems = focusStems(focus)
    let focusSet = Set(focusStems)
    var oldConcepts = Set<Int>()
    for document in alreadyRead {
      for sentence in document.sentences {
        let terms = self.terms(sentence.text)
        for (a, b) in zip(terms, terms.dropFirst()) where !(a.stop && b.stop) {
          if let id = conceptIDs[Self.bigramKey(a.id, b.id)] { oldConcepts.insert(id) }
        }
      }
    }
    var weights = [Double](repeating: 0, count: conceptDocumentCount.count)
    for c in weights.indices {
      let df = conceptDocumentCount[c]
      guard df >= threshold else { continue }
      var w = Double(df)
      if documentCount == 1 { w = 1 }
      let (a, b) = conceptStems[c]
      if focusSet.contains(a) || focusSet.contains(b) { w *= 1 + options.focusBoost }
      if oldConcepts.contains(c) { w *= options.alreadyReadWeight }
      weights[c] = w
    }
    guard options.focusTermWeight > 0 else { return weights }
    for stem in focusStems {
      let concept = weights.count
      var documents = Set<Int>()
      for u in units.indices where units[u].stemSet.contains(stem) {
        units[u].concepts.append(concept)
        documents.insert(units[u].document)
      }
      weights.append(options.focusTermWeight * Double(documents.count))
    }
    return weights
  }

  /// Near-identical sentences across documents, grouped; each group is led by its earliest
  /// eligible member (by article date, then order).
  func duplicateGroups(documents: [Document]) -> (representative: [Int], members: [Int: [Int]]) {
    var parent = Array(units.indices)
    func find(_ x: Int) -> Int {
      var x = x
      while parent[x] != x { x = parent[x] }
      return x
    }
    let threshold = options.duplicateSimilarity
    // Prefix filtering: order each word set rarest word first; two sets with Jaccard ≥ t must
    // share a word among the first |A| − ⌈t·|A|⌉ + 1 of each, so only sentences sharing such a
    // word are compared.
    var frequency: [Int: Int] = [:]
    for unit in units { for stem in unit.stemSet { frequency[stem, default: 0] += 1 } }
    var postings: [Int: [Int]] = [:]
    for i in units.indices where units[i].stemSet.count >= 4 {
      let set = units[i].stemSet
      let ordered = set.map { (frequency[$0]!, $0) }.sorted { $0 < $1 }.map(\.1)
      let prefix = set.count - Int((threshold * Double(set.count)).rounded(.up)) + 1
      var compared = Set<Int>()
      for stem in ordered.prefix(max(prefix, 1)) {
        for j in postings[stem, default: []] where units[j].document != units[i].document {
          guard compared.insert(j).inserted else { continue }
          let other = units[j].stemSet
          let small = Double(min(set.count, other.count))
          let large = Double(max(set.count, other.count))
          guard small / large >= threshold, jaccard(set, other) >= threshold else { continue }
          let ri = find(i)
          let rj = find(j)
          if ri != rj { parent[max(ri, rj)] = min(ri, rj) }
        }
        postings[stem, default: []].append(i)
      }
    }
    var members: [Int: [Int]] = [:]
    for u in units.indices { members[find(u), default: []].append(u) }
    var representative = Array(units.indices)
    var byLeader: [Int: [Int]] = [:]
    for (_, group) in members where group.count > 1 {
      let sorted = group.sorted { a, b in
        let ua = units[a]
        let ub = units[b]
        let da = documents[ua.document].article.metadata.published ?? .distantFuture
        let db = documents[ub.document].article.metadata.published ?? .distantFuture
        return (ua.eligible ? 0 : 1, da, ua.document, ua.position)
          < (ub.eligible ? 0 : 1, db, ub.document, ub.position)
      }
      for u in group { representative[u] = sorted[0] }
      byLeader[sorted[0]] = sorted
    }
    return (representative, byLeader)
  }

  /// Recounts concept document frequencies so that an article made mostly (and at least two
  /// sentences) of copies of an earlier one's sentences (a syndicated or lightly edited copy) counts as that article, not
  /// as a second source agreeing with it. Returns the number of distinct articles left.
  mutating func countCopiesOnce(
    documentCount: Int, representative: [Int], members: [Int: [Int]]
  ) -> Int {
    guard options.copyShare <= 1, documentCount > 1 else { return documentCount }
    var alias = Array(0..<documentCount)
    var unitsOf = [[Int]](repeating: [], count: documentCount)
    for (u, unit) in units.enumerated() { unitsOf[unit.document].append(u) }
    for d in 0..<documentCount {
      let comparable = unitsOf[d].filter { units[$0].stemSet.count >= 4 }
      guard !comparable.isEmpty else { continue }
      var copied: [Int: Int] = [:]
      for u in comparable {
        let group = members[representative[u]] ?? []
        let earlier = Set(group.map { alias[units[$0].document] }.filter { $0 < d })
        for e in earlier { copied[e, default: 0] += 1 }
      }
      if let (original, count) = copied.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) }),
        count >= 2, Double(count) >= options.copyShare * Double(comparable.count)
      {
        alias[d] = original
      }
    }
    guard alias != Array(0..<documentCount) else { return documentCount }
    conceptDocumentCount = [Int](repeating: 0, count: conceptDocumentCount.count)
    var lastSource = [Int](repeating: -1, count: conceptDocumentCount.count)
    for d in 0..<documentCount where alias[d] == d {
      for copy in (d..<documentCount) where alias[copy] == d {
        for u in unitsOf[copy] {
          for c in units[u].concepts where lastSource[c] != d {
            lastSource[c] = d
            conceptDocumentCount[c] += 1
          }
        }
      }
    }
    return Set(alias).count
  }

  /// Units that repeat a sentence the reader has already read.
  mutating func repeatsOf(_ alreadyRead: [Document]) -> Set<Int> {
    guard !alreadyRead.isEmpty else { return [] }
    var old: [[Int]] = []
    for document in alreadyRead {
      for sentence in document.sentences {
        old.append(Array(Set(terms(sentence.text).map(\.id))).sorted())
      }
    }
    var result = Set<Int>()
    for (u, unit) in units.enumerated() where unit.eligible {
      if old.contains(where: { jaccard($0, unit.stemSet) >= options.duplicateSimilarity }) {
        result.insert(u)
      }
    }
    return result
  }
}

/// Jaccard similarity of two sorted, duplicate-free arrays.
private func jaccard(_ a: [Int], _ b: [Int]) -> Double {
  var i = 0
  var j = 0
  var shared = 0
  while i < a.count && j < b.count {
    if a[i] == b[j] {
      shared += 1
      i += 1
      j += 1
    } else if a[i] < b[j] {
      i += 1
    } else {
      j += 1
    }
  }
  let union = a.count + b.count - shared
  return union == 0 ? 0 : Double(shared) / Double(union)
}
