import DistillModel
import DistillText
import Foundation

/// The knobs of ``OnlineStoryClusterer``. Defaults are tuned on mixed DUC 2006 topics (see
/// docs/BENCHMARKS.md) and on synthetic streams; they are meant to be general, not fitted.
public struct StoryClusteringOptions: Sendable {
  /// Cosine similarity to a fresh story's centroid needed to join it.
  public var joinThreshold: Double = 0.12
  /// The most a story's coldness can raise the bar to join it.
  public var coldThreshold: Double = 0.14
  /// Days after a story's last article during which it counts as fresh.
  public var freshDays: Double = 4
  /// How fast the bar rises past `freshDays`: added per doubling of the gap.
  public var coldnessSlope: Double = 0.04
  /// Content terms kept per article (the heaviest).
  public var articleTerms: Int = 300
  /// Terms kept in a story's centroid.
  public var storyTerms: Int = 80
  /// Heaviest terms of a story's centroid that are indexed to find candidate stories.
  public var indexedStoryTerms: Int = 25
  /// Heaviest terms of an article used to look up candidate stories.
  public var queryTerms: Int = 20
  /// Candidate stories compared exactly per article.
  public var candidates: Int = 24
  /// Stories remembered per indexed term (the most recently updated ones).
  public var postingLimit: Int = 96
  /// Words of the body read per article: the lead of a news article carries its subject.
  public var bodyWords: Int = 2000
  /// Inverse document frequency is capped at that of a word seen once in this many articles.
  public var rareTermDocuments: Int = 50
  /// Weight of a title word relative to a body word.
  public var titleWeight: Double = 3.0
  /// Weight of a capitalized word inside a sentence, and of a run of capitalized words taken
  /// as one name ("Air France"). Measured on DUC, weighting names above other words did not help.
  public var nameWeight: Double = 1.0
  /// Centroid cosine at which two stories are merged (1 or more: never).
  public var mergeThreshold: Double = 0.4
  /// Stories kept in memory; past this the coldest are retired and can no longer be joined.
  public var activeStories: Int = 50_000
  /// Maps a lower-cased word to its term (a stem). Deterministic.
  public var stem: @Sendable (String) -> String = { PorterStemmer().stem($0) }

  public init() {}
}

/// Single-pass story clustering over TF-IDF vectors of content terms.
///
/// Each article becomes a vector of its heaviest content terms: stemmed words that are not
/// stopwords or numbers, title words and in-sentence capitalized words (names) weighted up,
/// sublinear term frequency times inverse document frequency over the articles seen so far.
/// Candidate stories are those sharing heavy terms with the article, found through an inverted
/// index from terms to stories (each list capped, most recent stories kept), so the cost per
/// article does not grow with the number of stories. The article joins the candidate whose
/// centroid is most similar if that similarity clears a bar that rises with the time since the
/// story's last article (stories go cold but a clear continuation still joins); otherwise it
/// starts a story whose id is `s-` plus the article's id.
///
///     var clusterer = OnlineStoryClusterer()
///     for article in StoryClustering.publicationOrder(articles) {
///       let assignment = clusterer.add(article)
///       print(article.id, assignment.storyID)
///     }
///
/// - Complexity: O(words + terms × postingLimit + candidates × articleTerms) per article.
public struct OnlineStoryClusterer: StoryClusterer {
  public let options: StoryClusteringOptions

  private struct StoryState: Sendable {
    var id: String
    var centroid: [Int32: Float]
    var norm: Float
    var lastPublished: Double?
    var articles: Int
  }

  /// Word hash → term id, or -1 for a word that is never a term.
  private var termOfWord: [UInt64: Int32] = [:]
  private var termOfStem: [String: Int32] = [:]
  private var documentFrequency: [Int32] = []
  private var articlesSeen = 0
  private var stories: [StoryState?] = []
  private var activeStories = 0
  private var postings: [Int32: [Int32]] = [:]
  private var storyIDs: Set<String> = []
  private var mergedInto: [String: String] = [:]

  public init(options: StoryClusteringOptions = StoryClusteringOptions()) {
    self.options = options
  }

  /// Number of stories started so far.
  public var storyCount: Int { stories.count }

  public mutating func add(_ article: Article) -> StoryAssignment {
    let vector = termVector(article)
    let published = article.metadata.published?.timeIntervalSince1970

    var best: (slot: Int, similarity: Double)? = nil
    for slot in candidateStories(vector) {
      guard let story = stories[slot] else { continue }
      let similarity = cosine(vector, story)
      guard similarity >= bar(story: story, published: published) else { continue }
      if best == nil || similarity > best!.similarity
        || (similarity == best!.similarity && slot < best!.slot)
      {
        best = (slot, similarity)
      }
    }

    if let best {
      join(slot: best.slot, vector: vector, published: published)
      let merged = mergeSimilarStories(into: best.slot)
      return StoryAssignment(
        articleID: article.id, storyID: stories[merged.slot]!.id, isNewStory: false,
        similarity: best.similarity, absorbedStoryIDs: merged.absorbed)
    }
    let id = newStoryID(for: article.id)
    let slot = stories.count
    stories.append(StoryState(id: id, centroid: [:], norm: 0, lastPublished: nil, articles: 0))
    activeStories += 1
    join(slot: slot, vector: vector, published: published)
    retireColdStoriesIfNeeded()
    return StoryAssignment(articleID: article.id, storyID: id, isNewStory: true, similarity: 0)
  }

  /// The id a story has now: its own, or that of the story it was merged into.
  public func currentStoryID(_ id: String) -> String {
    var id = id
    while let next = mergedInto[id] { id = next }
    return id
  }

  /// Merges into `slot` the stories whose centroids have become as similar to it as
  /// `mergeThreshold`: an article that bridges two halves of one story reunites them.
  /// The older story (started first) keeps its id.
  private mutating func mergeSimilarStories(into slot: Int) -> (
    slot: Int, absorbed: [String]
  ) {
    guard options.mergeThreshold < 1, let story = stories[slot] else { return (slot, []) }
    let top = story.centroid.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
      .prefix(options.queryTerms).map { (term: $0.key, weight: $0.value / story.norm) }
    var absorbed: [String] = []
    var target = slot
    for other in candidateStories(top) where other != slot {
      guard let candidate = stories[other], let current = stories[target] else { continue }
      guard centroidCosine(current, candidate) >= options.mergeThreshold else { continue }
      let (keep, drop) = other < target ? (other, target) : (target, other)
      merge(drop, into: keep)
      absorbed.append(drop == other ? candidate.id : current.id)
      target = keep
    }
    return (target, absorbed)
  }

  private func centroidCosine(_ a: StoryState, _ b: StoryState) -> Double {
    guard a.norm > 0, b.norm > 0 else { return 0 }
    let (small, large) = a.centroid.count <= b.centroid.count ? (a, b) : (b, a)
    var dot: Float = 0
    // Summed in term order: dictionary order varies between processes, float sums must not.
    for term in small.centroid.keys.sorted() {
      if let w = large.centroid[term] { dot += small.centroid[term]! * w }
    }
    return Double(dot / (a.norm * b.norm))
  }

  private mutating func merge(_ drop: Int, into keep: Int) {
    guard let dropped = stories[drop], var kept = stories[keep] else { return }
    stories[drop] = nil
    stories[keep] = nil
    activeStories -= 1
    mergedInto[dropped.id] = kept.id
    for (term, weight) in dropped.centroid { kept.centroid[term, default: 0] += weight }
    prune(&kept)
    if let last = dropped.lastPublished {
      kept.lastPublished = max(kept.lastPublished ?? last, last)
    }
    kept.articles += dropped.articles
    stories[keep] = kept
    index(slot: keep)
  }

  // MARK: - Similarity and time

  /// The similarity needed to join `story`: higher the longer it has been quiet.
  private func bar(story: StoryState, published: Double?) -> Double {
    guard let published, let last = story.lastPublished else { return options.joinThreshold }
    let gapDays = max(0, published - last) / 86_400
    guard gapDays > options.freshDays else { return options.joinThreshold }
    let doublings = log2(gapDays / options.freshDays)
    return min(options.coldThreshold, options.joinThreshold + options.coldnessSlope * doublings)
  }

  private func cosine(_ vector: [(term: Int32, weight: Float)], _ story: StoryState) -> Double {
    guard story.norm > 0 else { return 0 }
    var dot: Float = 0
    for (term, weight) in vector {
      if let w = story.centroid[term] { dot += weight * w }
    }
    return Double(dot / story.norm)
  }

  // MARK: - Candidates

  private func candidateStories(_ vector: [(term: Int32, weight: Float)]) -> [Int] {
    var score: [Int32: Float] = [:]
    for (term, weight) in vector.prefix(options.queryTerms) {
      guard let list = postings[term] else { continue }
      for slot in list { score[slot, default: 0] += weight }
    }
    guard score.count > options.candidates else { return score.keys.map(Int.init).sorted() }
    let ranked = score.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
    return ranked.prefix(options.candidates).map { Int($0.key) }
  }

  private mutating func join(
    slot: Int, vector: [(term: Int32, weight: Float)], published: Double?
  ) {
    guard var story = stories[slot] else { return }
    stories[slot] = nil  // avoid a copy of the centroid while it is updated
    for (term, weight) in vector { story.centroid[term, default: 0] += weight }
    prune(&story)
    if let published { story.lastPublished = max(story.lastPublished ?? published, published) }
    story.articles += 1
    stories[slot] = story
    index(slot: slot)
  }

  /// Keeps a centroid to its heaviest terms (pruned in batches so sorting is rare).
  private func prune(_ story: inout StoryState) {
    if story.centroid.count > options.storyTerms * 2 {
      let kept = story.centroid.sorted {
        $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key
      }
      .prefix(options.storyTerms)
      story.centroid = Dictionary(uniqueKeysWithValues: kept.map { ($0.key, $0.value) })
    }
    story.norm = Self.norm(story.centroid)
  }

  /// The Euclidean norm, summed in term order so that it is the same in every process.
  private static func norm(_ centroid: [Int32: Float]) -> Float {
    centroid.keys.sorted().reduce(Float(0)) { $0 + centroid[$1]! * centroid[$1]! }.squareRoot()
  }

  /// Lists the story under its heaviest terms, as the most recently updated story for each.
  private mutating func index(slot: Int) {
    guard let story = stories[slot] else { return }
    let top = story.centroid.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
      .prefix(options.indexedStoryTerms)
    let slot32 = Int32(slot)
    for (term, _) in top {
      var list = postings[term, default: []]
      if let existing = list.lastIndex(of: slot32) {
        // Keep the list ordered by last update: move this story to the end.
        list.remove(at: existing)
      }
      list.append(slot32)
      if list.count > options.postingLimit { list.removeFirst(list.count - options.postingLimit) }
      postings[term] = list
    }
  }

  private mutating func retireColdStoriesIfNeeded() {
    guard activeStories > options.activeStories else { return }
    // Retire the coldest tenth at once so the sort is paid rarely.
    var live: [(Double, Int)] = []
    for (slot, story) in stories.enumerated() {
      if let story { live.append((story.lastPublished ?? -.infinity, slot)) }
    }
    live.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    let retire = max(1, options.activeStories / 10)
    var retired = Set<Int32>()
    for (_, slot) in live.prefix(retire) {
      stories[slot] = nil
      retired.insert(Int32(slot))
    }
    activeStories -= retired.count
    for (term, list) in postings {
      let kept = list.filter { !retired.contains($0) }
      postings[term] = kept.isEmpty ? nil : kept
    }
  }

  private mutating func newStoryID(for articleID: String) -> String {
    var id = "s-\(articleID)"
    var n = 2
    while storyIDs.contains(id) {
      id = "s-\(articleID)-\(n)"
      n += 1
    }
    storyIDs.insert(id)
    return id
  }

  // MARK: - Terms

  /// The article's heaviest terms with TF-IDF weights, L2-normalized, heaviest first.
  private mutating func termVector(_ article: Article) -> [(term: Int32, weight: Float)] {
    var frequency: [Int32: Float] = [:]
    WordScanner.scan(article.title) { word in
      if let term = term(for: word, in: article.title) {
        frequency[term, default: 0] += Float(options.titleWeight)
      }
    }
    var words = 0
    // A run of capitalized words ("Air France", "Generation X") is also one name term.
    var run: [ScannedWord] = []
    func closeRun() {
      if run.count >= 2 && run.count <= 4, let phrase = phraseTerm(run, in: article.text) {
        frequency[phrase, default: 0] += Float(options.nameWeight)
      }
      run.removeAll(keepingCapacity: true)
    }
    WordScanner.scan(article.text) { word in
      words += 1
      guard words <= options.bodyWords else { return }
      if word.startsSentence || !word.isCapitalized || !word.hasLetter { closeRun() }
      if word.isCapitalized && word.hasLetter
        && !(run.isEmpty && isStopword(word, in: article.text))
      {
        run.append(word)
      }
      if let term = term(for: word, in: article.text) {
        let isName = word.isCapitalized && !word.startsSentence
        frequency[term, default: 0] += isName ? Float(options.nameWeight) : 1
      }
    }
    closeRun()
    articlesSeen += 1
    for term in frequency.keys { documentFrequency[Int(term)] += 1 }
    let n = Float(articlesSeen)
    // A word never seen before says nothing about which story the article belongs to, yet
    // uncapped it would weigh most; the cap keeps rare words from drowning shared ones.
    let idfCap = logf(1 + Float(options.rareTermDocuments))
    var weighted: [(term: Int32, weight: Float)] = frequency.map { term, tf in
      let idf = logf(1 + (n + 1) / (Float(documentFrequency[Int(term)]) + 0.5))
      return (term, (1 + logf(max(tf, 1))) * min(idf, idfCap))
    }
    weighted.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.term < $1.term }
    if weighted.count > options.articleTerms {
      weighted.removeLast(weighted.count - options.articleTerms)
    }
    let norm = weighted.reduce(Float(0)) { $0 + $1.weight * $1.weight }.squareRoot()
    guard norm > 0 else { return [] }
    return weighted.map { ($0.term, $0.weight / norm) }
  }

  private mutating func isStopword(_ word: ScannedWord, in text: String) -> Bool {
    if let known = termOfWord[word.hash] { return known < 0 }
    return Stopwords.english.contains(WordScanner.lowercased(text, word))
  }

  /// The term for a phrase of capitalized words: their stems joined by spaces.
  private mutating func phraseTerm(_ words: [ScannedWord], in text: String) -> Int32? {
    var key: UInt64 = 0x4e41_4d45_5048_5241  // phrases live apart from single words
    for word in words { key = StableHash.combine(key, word.hash) }
    if let known = termOfWord[key] { return known < 0 ? nil : known }
    let phrase = words.map { options.stem(WordScanner.lowercased(text, $0)) }.joined(separator: " ")
    let term = internTerm(phrase)
    termOfWord[key] = term
    return term
  }

  private mutating func internTerm(_ stem: String) -> Int32 {
    if let existing = termOfStem[stem] { return existing }
    let term = Int32(documentFrequency.count)
    documentFrequency.append(0)
    termOfStem[stem] = term
    return term
  }

  private mutating func term(for word: ScannedWord, in text: String) -> Int32? {
    guard word.hasLetter, word.length >= 3 else { return nil }
    if let known = termOfWord[word.hash] { return known < 0 ? nil : known }
    let lowered = WordScanner.lowercased(text, word)
    guard !Stopwords.english.contains(lowered) else {
      termOfWord[word.hash] = -1
      return nil
    }
    let term = internTerm(options.stem(lowered))
    termOfWord[word.hash] = term
    return term
  }
}
