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
  /// Terms kept in a story's centroid. 100 measured slightly better than 80 on DUC once
  /// `memberAgreement` shapes the centroid (the extra terms are the story's side words, which
  /// the shape weighs down but which still catch an article that leans on them).
  public var storyTerms: Int = 100
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
  /// How much a story's centroid favours the terms most of its articles share: each term's
  /// weight is multiplied by (articles holding it / articles)^memberAgreement before an article
  /// is compared with it (0: the plain sum of member vectors). A story's subject is what its
  /// articles have in common; a term from one article's digression should not pull in the next
  /// article that shares only that digression. 1 measured best on DUC 2006 (+0.02 F1, precision
  /// up), with no loss on DUC 2007 topics.
  public var memberAgreement: Double = 1
  /// Centroid cosine at which two stories are merged (1 or more: never).
  public var mergeThreshold: Double = 0.4
  /// Consolidation (``OnlineStoryClusterer/consolidatedView()``): stories of at most this many
  /// articles are merged, in the view, into a story that is clearly their home (0: never).
  public var consolidateArticles: Int = 5
  /// Added to the join bar for a story to be re-homed in the view.
  public var consolidateBarRaise: Double = 0
  /// How many times its similarity to the runner-up a story's similarity to its home must be.
  public var consolidateRatio: Double = 1.3
  /// An article is moved, in the view, to another story this many times as similar to it as
  /// the rest of its own story is (0: never).
  public var moveRatio: Double = 1.5
  /// Stories kept in memory; past this the coldest are retired and can no longer be joined.
  public var activeStories: Int = 50_000
  /// Maps a lower-cased word to its term (a stem). Deterministic.
  public var stem: @Sendable (String) -> String = { PorterStemmer().stem($0) }

  public init() {}

  /// These options with the consolidated view turned off: readers then see the stories as
  /// filed on arrival (to measure filing alone).
  public var filingOnly: StoryClusteringOptions {
    var options = self
    options.consolidateArticles = 0
    options.moveRatio = 0
    return options
  }
}

/// Single-pass story clustering over TF-IDF vectors of content terms.
///
/// Each article becomes a vector of its heaviest content terms: stemmed words that are not
/// stopwords or numbers, title words and in-sentence capitalized words (names) weighted up,
/// sublinear term frequency times inverse document frequency over the articles seen so far.
/// Candidate stories are those sharing heavy terms with the article, found through an inverted
/// index from terms to stories (each list capped, most recent stories kept), so the cost per
/// article does not grow with the number of stories. A story's centroid is compared in its
/// member-agreement shape (terms weighted by the share of its articles holding them, see
/// ``StoryClusteringOptions/memberAgreement``). The article joins the candidate whose
/// centroid is most similar if that similarity clears a bar that rises with the time since the
/// story's last article (stories go cold but a clear continuation still joins); otherwise it
/// starts a story whose id is `s-` plus the article's id (hashed when it is a URL). An
/// article that clears the bar of several stories whose centroids are close merges them
/// (reported in `absorbedStoryIDs`).
///
/// Those decisions are final for the clusterer; ``consolidatedView()`` decides again with
/// hindsight, over every article kept (each story keeps its members' vectors for this), and
/// readers see that view: a subject's early fragments rejoin the story it grew into, and an
/// article that joined a neighbour before its own story existed moves there.
///
/// - Complexity: O(words + queryTerms × postingLimit + candidates × (articleTerms +
///   storyTerms)) per article, independent of the number of stories. Memory: up to
///   `articleTerms` terms per article of the stories kept (`activeStories`); retired stories
///   free theirs.
public struct OnlineStoryClusterer: StoryClusterer {
  public let options: StoryClusteringOptions

  /// A sparse vector kept sorted by term, so that dot products and sums are merge walks (no
  /// hashing) and float sums always run in the same order.
  private struct SparseVector: Sendable {
    var terms: [Int32] = []
    var weights: [Float] = []
    /// Per term, how many member articles hold it (1 in an article's own vector).
    var counts: [Float] = []
    var normSquared: Float = 0
  }

  private struct StoryState: Sendable {
    var id: String
    /// Sum of the member articles' vectors (pruned); what the story is indexed by.
    var centroid: SparseVector
    /// The centroid as articles are compared with it (see `memberAgreement`).
    var shape: SparseVector
    var lastPublished: Double?
    var articles: Int
    /// The member articles, each with its heaviest terms (for consolidation).
    var members: [Member] = []
  }

  /// A member article as consolidation sees it: its id and heaviest terms, sorted by term,
  /// each with its term-frequency factor (weighted by the inverse document frequency of the
  /// moment the view is taken: an early article's own weights rest on the few articles seen
  /// before it, and make it look like every later story).
  private struct Member: Sendable {
    var id: String
    var terms: [Int32]
    var frequencies: [Float16]
  }

  /// An article's weighted terms: heaviest first (for lookups) and by term (for similarity).
  private struct ArticleVector {
    var heaviest: [(term: Int32, weight: Float)]
    var sparse: SparseVector
    /// The same terms with their term-frequency factor alone, for consolidation.
    var member: (terms: [Int32], frequencies: [Float16]) = ([], [])
  }

  /// Whether the view reuses a clear-home judgment that still stands (see
  /// `rehomeSmallStories`); off only in tests, to check that reuse changes nothing.
  var reusesJudgments = true
  /// Word hash → term id, or -1 for a word that is never a term.
  private var termOfWord: [UInt64: Int32] = [:]
  private var termOfStem: [String: Int32] = [:]
  private var documentFrequency: [Int32] = []
  private var articlesSeen = 0
  private var stories: [StoryState?] = []
  private var activeStories = 0
  private var postings: [Int32: [Int32]] = [:]
  private var storyIDs: Set<String> = []
  /// The slot of each story by id (stories merged away or retired are absent).
  private var slotOfStory: [String: Int] = [:]
  private var mergedInto: [String: String] = [:]
  // Scratch space reused across articles (indexed by term and by story slot).
  private var termScratch: [Float] = []
  private var countScratch: [Float] = []
  private var touchedTerms: [Int32] = []
  private var slotScratch: [Float] = []
  private var touchedSlots: [Int32] = []

  public init(options: StoryClusteringOptions = StoryClusteringOptions()) {
    self.options = options
  }

  /// Number of stories started so far.
  public var storyCount: Int { stories.count }

  public mutating func add(_ article: Article) -> StoryAssignment {
    let vector = termVector(article)
    let published = article.metadata.published?.timeIntervalSince1970

    // Every story the article could join, best first.
    var cleared: [(slot: Int, similarity: Double)] = []
    for slot in candidateStories(vector.heaviest) {
      guard let story = stories[slot] else { continue }
      let similarity = Self.dot(vector.sparse, story.shape)
      guard similarity >= bar(story: story, published: published) else { continue }
      cleared.append((slot, similarity))
    }
    cleared.sort {
      $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.slot < $1.slot
    }

    if let best = cleared.first {
      join(slot: best.slot, vector: vector.sparse, published: published)
      stories[best.slot]!.members.append(
        Member(id: article.id, terms: vector.member.terms, frequencies: vector.member.frequencies))
      let merged = mergeBridgedStories(best.slot, others: cleared.dropFirst().map(\.slot))
      return StoryAssignment(
        articleID: article.id, storyID: stories[merged.slot]!.id, isNewStory: false,
        similarity: best.similarity, absorbedStoryIDs: merged.absorbed)
    }
    let id = newStoryID(for: article.id)
    startStory(id: id, vector: vector.sparse, published: published)
    stories[slotOfStory[id]!]!.members.append(
      Member(id: article.id, terms: vector.member.terms, frequencies: vector.member.frequencies))
    return StoryAssignment(articleID: article.id, storyID: id, isNewStory: true, similarity: 0)
  }

  /// Files an article into a story decided elsewhere (an earlier run, another process sharing
  /// the store), so that later decisions see it exactly as if this clusterer had made it: the
  /// article counts towards term statistics and the story's centroid, and the story is
  /// created under `storyID` when it is not known yet.
  public mutating func seed(_ article: Article, intoStory storyID: String) {
    let vector = termVector(article)
    let published = article.metadata.published?.timeIntervalSince1970
    if let slot = slotOfStory[storyID], stories[slot] != nil {
      join(slot: slot, vector: vector.sparse, published: published)
    } else {
      storyIDs.insert(storyID)
      startStory(id: storyID, vector: vector.sparse, published: published)
    }
    stories[slotOfStory[storyID]!]!.members.append(
      Member(id: article.id, terms: vector.member.terms, frequencies: vector.member.frequencies))
  }

  private mutating func startStory(id: String, vector: SparseVector, published: Double?) {
    let slot = stories.count
    stories.append(
      StoryState(
        id: id, centroid: SparseVector(), shape: SparseVector(), lastPublished: nil, articles: 0))
    slotOfStory[id] = slot
    slotScratch.append(0)
    activeStories += 1
    join(slot: slot, vector: vector, published: published)
    retireColdStoriesIfNeeded()
  }

  /// The id a story has now: its own, or that of the story it was merged into.
  public func currentStoryID(_ id: String) -> String {
    var id = id
    while let next = mergedInto[id] { id = next }
    return id
  }

  /// An article similar enough to join several stories bridges them: those whose centroids
  /// are now as similar to the joined one as `mergeThreshold` are merged into it. The older
  /// story (started first) keeps its id.
  private mutating func mergeBridgedStories(_ slot: Int, others: [Int]) -> (
    slot: Int, absorbed: [String]
  ) {
    guard options.mergeThreshold < 1 else { return (slot, []) }
    var absorbed: [String] = []
    var target = slot
    for other in others {
      guard let candidate = stories[other], let current = stories[target] else { continue }
      guard Self.cosine(current.shape, candidate.shape) >= options.mergeThreshold
      else { continue }
      let (keep, drop) = other < target ? (other, target) : (target, other)
      absorbed.append(drop == other ? candidate.id : current.id)
      merge(drop, into: keep)
      target = keep
    }
    return (target, absorbed)
  }

  /// The heaviest terms of a vector with their weights, heaviest first, for index lookups.
  private static func query(_ vector: SparseVector, _ count: Int) -> [(term: Int32, weight: Float)]
  {
    heaviest(vector, count).map { (vector.terms[$0], vector.weights[$0]) }
  }

  private mutating func merge(_ drop: Int, into keep: Int) {
    guard let dropped = stories[drop], var kept = stories[keep] else { return }
    stories[drop] = nil
    stories[keep] = nil
    activeStories -= 1
    mergedInto[dropped.id] = kept.id
    slotOfStory[dropped.id] = nil
    kept.centroid = prune(Self.sum(kept.centroid, dropped.centroid))
    if let last = dropped.lastPublished {
      kept.lastPublished = max(kept.lastPublished ?? last, last)
    }
    kept.articles += dropped.articles
    kept.members += dropped.members
    kept.shape = shape(kept.centroid, articles: kept.articles)
    stories[keep] = kept
    index(slot: keep)
  }

  // MARK: - Consolidation

  /// The stories as they read with hindsight, without changing how later articles are filed.
  ///
  /// Single-pass filing decides each article when it arrives, against the stories of that
  /// moment: a subject's first articles may start stories of their own before its main story
  /// has formed, and an article may join a neighbouring story because its own did not exist
  /// yet. Decided again over everything filed so far, with each story's centroid summed anew
  /// from its members, weighted by the inverse document frequencies of now (an early
  /// article's own weights rest on the few articles seen before it) and kept to
  /// `articleTerms` terms with exact member counts:
  ///
  /// - an article that another story of at least 3 articles fits `moveRatio` times as well
  ///   as the rest of its own story does moves there;
  /// - then each story of at most `consolidateArticles` articles whose closest larger story
  ///   clears the join bar (plus `consolidateBarRaise`) and is `consolidateRatio` times as
  ///   similar as any other story joins it, the most similar first, in rounds while any
  ///   joins. What the view adds to a story never outnumbers the articles it had: a story
  ///   that takes in many small ones becomes their vague average and draws in more.
  ///
  /// The clusterer itself is not changed: the view is decided again, from scratch, each time
  /// it is asked for, so a decision taken on too little evidence is revised once more articles
  /// arrive (taken on the clusterer's own stories, such merges would be final; measured on
  /// DUC, early ones snowball). Stories retired from memory are not in the view.
  ///
  /// - Returns: the story of each article the clusterer remembers, by article id. A story of
  ///   the view has the id of the story that took the others in (always a larger one).
  /// - Complexity: O(articles × (articleTerms + candidates × (articleTerms + story terms)))
  ///   time and a second copy of the stories' centroids while it runs.
  public func consolidatedView() -> [String: String] {
    var work = self
    work.consolidate()
    var view: [String: String] = [:]
    for story in work.stories {
      guard let story else { continue }
      for member in story.members { view[member.id] = story.id }
    }
    return view
  }

  private mutating func consolidate() {
    // Each term's inverse document frequency as of now, computed once for every member.
    let n = Float(articlesSeen)
    let idfCap = logf(1 + Float(options.rareTermDocuments))
    let idf = documentFrequency.map { min(logf(1 + (n + 1) / (Float($0) + 0.5)), idfCap) }
    for slot in stories.indices where stories[slot] != nil { resum(slot, idf) }
    if options.moveRatio > 0 { moveStrayMembers(idf) }
    if options.consolidateArticles > 0 { rehomeSmallStories(idf) }
  }

  /// A member's vector as of now: term frequency times `idf` (the inverse document
  /// frequency of each term over every article seen so far), L2-normalized.
  private static func vector(of member: Member, _ idf: [Float]) -> SparseVector {
    var out = SparseVector()
    out.terms = member.terms
    out.weights = member.terms.indices.map { k in
      Float(member.frequencies[k]) * idf[Int(member.terms[k])]
    }
    let norm = out.weights.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
    guard norm > 0 else { return SparseVector() }
    for k in out.weights.indices { out.weights[k] /= norm }
    out.normSquared = 1
    return out
  }

  /// Recomputes a story's centroid as the sum of its members' vectors as of now, with exact
  /// counts of the members holding each term, kept to its `articleTerms` heaviest terms, and
  /// its shape from that.
  private mutating func resum(_ slot: Int, _ idf: [Float]) {
    guard var story = stories[slot] else { return }
    for member in story.members {
      let vector = Self.vector(of: member, idf)
      for k in vector.terms.indices {
        let term = vector.terms[k]
        if countScratch[Int(term)] == 0 { touchedTerms.append(term) }
        termScratch[Int(term)] += vector.weights[k]
        countScratch[Int(term)] += 1
      }
    }
    var kept = touchedTerms
    Self.keepHeaviest(&kept, by: termScratch, count: options.articleTerms)
    kept.sort()
    var sum = SparseVector()
    sum.terms = kept
    for term in kept {
      let weight = termScratch[Int(term)]
      sum.weights.append(weight)
      sum.counts.append(countScratch[Int(term)])
      sum.normSquared += weight * weight
    }
    for term in touchedTerms {
      termScratch[Int(term)] = 0
      countScratch[Int(term)] = 0
    }
    touchedTerms.removeAll(keepingCapacity: true)
    story.centroid = sum
    story.articles = story.members.count
    story.shape = shape(sum, articles: story.articles)
    stories[slot] = story
  }

  /// Moves each article that another story of at least 3 articles fits `moveRatio` times as
  /// well as the rest of its own (of at least 3) does. All are decided against the stories as
  /// they stand, then moved.
  private mutating func moveStrayMembers(_ idf: [Float]) {
    var moves: [(member: Int, from: Int, to: Int)] = []
    for slot in stories.indices {
      guard let story = stories[slot], story.members.count >= 3 else { continue }
      let n = Float(story.members.count)
      // The shape without one member: the other terms keep their weight, shared by one
      // member fewer; that member's own terms lose its weight and one count.
      var baseNorm: Float = 0
      for k in story.centroid.terms.indices {
        let term = Int(story.centroid.terms[k])
        termScratch[term] = story.centroid.weights[k]
        countScratch[term] = story.centroid.counts[k]
        let weight = story.centroid.weights[k] * agreement(story.centroid.counts[k], n - 1)
        baseNorm += weight * weight
      }
      for (index, member) in story.members.enumerated() {
        let vector = Self.vector(of: member, idf)
        var normSquared = baseNorm
        var dot: Float = 0
        for k in vector.terms.indices {
          let term = Int(vector.terms[k])
          let weight = termScratch[term]
          let full = weight * agreement(countScratch[term], n - 1)
          let without =
            (weight - vector.weights[k]) * agreement(countScratch[term] - 1, n - 1)
          normSquared += without * without - full * full
          dot += vector.weights[k] * without
        }
        let own =
          normSquared > 0 && vector.normSquared > 0
          ? Double(dot / (normSquared.squareRoot() * vector.normSquared.squareRoot())) : 0
        // Nothing can be moveRatio times as similar as a member that fits its story well.
        guard own * options.moveRatio < 1 else { continue }
        var best = (similarity: 0.0, slot: -1)
        for other in candidateStories(Self.query(vector, options.queryTerms))
        where other != slot {
          guard let candidate = stories[other], candidate.members.count >= 3 else { continue }
          let similarity = Self.cosine(vector, candidate.shape)
          if similarity > best.similarity { best = (similarity, other) }
        }
        guard best.slot >= 0, best.similarity >= options.joinThreshold,
          best.similarity >= options.moveRatio * own
        else { continue }
        moves.append((index, slot, best.slot))
      }
      for term in story.centroid.terms {
        termScratch[Int(term)] = 0
        countScratch[Int(term)] = 0
      }
    }
    guard !moves.isEmpty else { return }
    var leaving: [Int: Set<Int>] = [:]
    var touched = Set<Int>()
    for move in moves {
      stories[move.to]!.members.append(stories[move.from]!.members[move.member])
      leaving[move.from, default: []].insert(move.member)
      touched.insert(move.to)
    }
    for (slot, indices) in leaving {
      stories[slot]!.members = stories[slot]!.members.enumerated()
        .filter { !indices.contains($0.offset) }.map(\.element)
      touched.insert(slot)
    }
    for slot in touched.sorted() {
      resum(slot, idf)
      index(slot: slot)
    }
  }

  /// The share of `members` articles that `count` of them make, to the `memberAgreement`.
  private func agreement(_ count: Float, _ members: Float) -> Float {
    guard options.memberAgreement > 0, members > 0 else { return 1 }
    let share = min(1, max(0, count) / members)
    return options.memberAgreement == 1 ? share : powf(share, Float(options.memberAgreement))
  }

  /// Merges each small story into its clear home, the most similar first. A merge changes
  /// the home, so each story is judged again at its turn; rounds repeat while merges are made.
  ///
  /// A story's judgment reads its own centroid, the posting lists of its query terms and its
  /// candidate stories; a merge changes two stories and the posting lists of the terms the
  /// merged story is indexed under. A judgment none of whose inputs changed since it was made
  /// is reused, not made again: the result is the same, and most judgments of a round (and
  /// every judgment of a later round that no merge came near) are such.
  private mutating func rehomeSmallStories(_ idf: [Float]) {
    let bar = options.joinThreshold + options.consolidateBarRaise
    // What the view adds to a story never outnumbers what the story had: a story that has
    // taken in many small ones becomes a vague average of them that draws in more.
    var room: [Int: Int] = [:]
    var judgments = Judgments(stories: stories.count)
    let reuse = reusesJudgments
    func home(_ slot: Int) -> (similarity: Double, slot: Int)? {
      if reuse, let home = judgments.valid(slot) { return home }
      let judged = clearHome(slot)
      judgments.record(slot, judged)
      return judged.home
    }
    for _ in 0..<4 {
      var order: [(similarity: Double, slot: Int)] = []
      for slot in stories.indices {
        guard let story = stories[slot], story.articles <= options.consolidateArticles,
          let home = home(slot), home.similarity >= bar
        else { continue }
        order.append((home.similarity, slot))
      }
      order.sort {
        $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.slot < $1.slot
      }
      var merged = false
      for (_, slot) in order {
        guard let story = stories[slot], story.articles <= options.consolidateArticles,
          let home = home(slot), home.similarity >= bar
        else { continue }
        let left = room[home.slot] ?? stories[home.slot]!.articles
        guard story.articles <= left else { continue }
        room[home.slot] = left - story.articles
        mergeMembers(slot, into: home.slot, idf)
        judgments.changed(slots: [slot, home.slot], terms: indexedTerms(home.slot))
        merged = true
      }
      if !merged { break }
    }
  }

  /// The terms `index(slot:)` files a story under.
  private func indexedTerms(_ slot: Int) -> [Int32] {
    guard let story = stories[slot] else { return [] }
    return Self.heaviest(story.centroid, options.indexedStoryTerms).map {
      story.centroid.terms[$0]
    }
  }

  /// A clear-home judgment and what it read.
  private struct ClearHome {
    var home: (similarity: Double, slot: Int)?
    var candidates: [Int]
    var terms: [Int32]
  }

  /// Which clear-home judgments still stand: each is kept with what it read, and stands
  /// while none of that has changed since. Changes are stamped with a running count of
  /// merges; a judgment made after the merge stamped `n` carries `n`, and only a later merge
  /// (stamped above `n`) can undo it.
  private struct Judgments {
    struct Judgment {
      var home: (similarity: Double, slot: Int)?
      var madeAt: Int
      var slots: [Int]
      var terms: [Int32]
    }
    private var made: [Judgment?]
    private var slotChangedAt: [Int]
    private var termChangedAt: [Int32: Int] = [:]
    private var clock = 0

    init(stories: Int) {
      made = Array(repeating: nil, count: stories)
      slotChangedAt = Array(repeating: -1, count: stories)
    }

    /// The judgment of `slot` when one stands (its home, or nil for none); nil when it must
    /// be made again.
    func valid(_ slot: Int) -> (similarity: Double, slot: Int)?? {
      guard let judgment = made[slot] else { return nil }
      for read in judgment.slots where slotChangedAt[read] > judgment.madeAt { return nil }
      for term in judgment.terms where (termChangedAt[term] ?? -1) > judgment.madeAt {
        return nil
      }
      return .some(judgment.home)
    }

    mutating func record(_ slot: Int, _ judged: ClearHome) {
      made[slot] = Judgment(
        home: judged.home, madeAt: clock, slots: judged.candidates + [slot], terms: judged.terms)
    }

    mutating func changed(slots: [Int], terms: [Int32]) {
      clock += 1
      for slot in slots { slotChangedAt[slot] = clock }
      for term in terms { termChangedAt[term] = clock }
    }
  }

  /// The larger story most similar to a small story's centroid, when it is
  /// `consolidateRatio` times as similar as any other (of any size); with the candidates and
  /// query terms the judgment read.
  private mutating func clearHome(_ slot: Int) -> ClearHome {
    guard let story = stories[slot] else { return ClearHome(home: nil, candidates: [], terms: []) }
    let query = Self.query(story.centroid, options.queryTerms)
    let candidates = candidateStories(query)
    var first = (similarity: 0.0, slot: -1)
    var second = 0.0
    for other in candidates where other != slot {
      guard let candidate = stories[other] else { continue }
      let similarity = Self.cosine(story.centroid, candidate.shape)
      // A fragment's home is a larger story; one no larger is only a rival.
      if candidate.articles <= story.articles {
        second = max(second, similarity)
        continue
      }
      if similarity > first.similarity {
        second = first.similarity
        first = (similarity, other)
      } else if similarity > second {
        second = similarity
      }
    }
    let terms = query.prefix(options.queryTerms).map(\.term)
    let clear = first.slot >= 0 && first.similarity >= options.consolidateRatio * second
    return ClearHome(home: clear ? first : nil, candidates: candidates, terms: terms)
  }

  /// Merges two stories of the view: members move, the sum is taken anew.
  private mutating func mergeMembers(_ drop: Int, into keep: Int, _ idf: [Float]) {
    guard let dropped = stories[drop], stories[keep] != nil else { return }
    stories[drop] = nil
    slotOfStory[dropped.id] = nil
    stories[keep]!.members += dropped.members
    if let last = dropped.lastPublished {
      stories[keep]!.lastPublished = max(stories[keep]!.lastPublished ?? last, last)
    }
    resum(keep, idf)
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

  /// Dot product of `a` with the direction of `b`.
  private static func dot(_ a: SparseVector, _ b: SparseVector) -> Double {
    guard b.normSquared > 0 else { return 0 }
    var i = 0
    var j = 0
    var dot: Float = 0
    while i < a.terms.count && j < b.terms.count {
      let (x, y) = (a.terms[i], b.terms[j])
      if x == y {
        dot += a.weights[i] * b.weights[j]
        i += 1
        j += 1
      } else if x < y {
        i += 1
      } else {
        j += 1
      }
    }
    return Double(dot / b.normSquared.squareRoot())
  }

  private static func cosine(_ a: SparseVector, _ b: SparseVector) -> Double {
    guard a.normSquared > 0 else { return 0 }
    return dot(a, b) / Double(a.normSquared.squareRoot())
  }

  /// The sum of two sparse vectors.
  private static func sum(_ a: SparseVector, _ b: SparseVector) -> SparseVector {
    var out = SparseVector()
    out.terms.reserveCapacity(a.terms.count + b.terms.count)
    out.weights.reserveCapacity(a.terms.count + b.terms.count)
    out.counts.reserveCapacity(a.terms.count + b.terms.count)
    var i = 0
    var j = 0
    while i < a.terms.count || j < b.terms.count {
      let weight: Float
      if j == b.terms.count || (i < a.terms.count && a.terms[i] < b.terms[j]) {
        out.terms.append(a.terms[i])
        weight = a.weights[i]
        out.counts.append(a.counts[i])
        i += 1
      } else if i == a.terms.count || b.terms[j] < a.terms[i] {
        out.terms.append(b.terms[j])
        weight = b.weights[j]
        out.counts.append(b.counts[j])
        j += 1
      } else {
        out.terms.append(a.terms[i])
        weight = a.weights[i] + b.weights[j]
        out.counts.append(a.counts[i] + b.counts[j])
        i += 1
        j += 1
      }
      out.weights.append(weight)
      out.normSquared += weight * weight
    }
    return out
  }

  /// Keeps a centroid to its heaviest terms (pruned in batches so sorting is rare).
  private func prune(_ vector: SparseVector) -> SparseVector {
    guard vector.terms.count > options.storyTerms * 2 else { return vector }
    let kept = Self.heaviest(vector, options.storyTerms).sorted()
    var out = SparseVector()
    for index in kept {
      out.terms.append(vector.terms[index])
      out.weights.append(vector.weights[index])
      out.counts.append(vector.counts[index])
      out.normSquared += vector.weights[index] * vector.weights[index]
    }
    return out
  }

  /// The centroid as compared: each term's weight times the share of member articles holding
  /// it, to the power `memberAgreement`. Counts survive pruning with their terms, so a term
  /// pruned and seen again restarts its count: it was not part of the story's core.
  private func shape(_ centroid: SparseVector, articles: Int) -> SparseVector {
    guard options.memberAgreement > 0, articles > 1 else { return centroid }
    var out = centroid
    out.normSquared = 0
    let exponent = Float(options.memberAgreement)
    let members = Float(articles)
    for k in out.weights.indices {
      let share = min(1, out.counts[k] / members)
      out.weights[k] *= exponent == 1 ? share : powf(share, exponent)
      out.normSquared += out.weights[k] * out.weights[k]
    }
    return out
  }

  /// Positions of the `count` heaviest entries (ties: lower term first).
  private static func heaviest(_ vector: SparseVector, _ count: Int) -> [Int] {
    let order = vector.terms.indices.sorted {
      vector.weights[$0] != vector.weights[$1]
        ? vector.weights[$0] > vector.weights[$1] : vector.terms[$0] < vector.terms[$1]
    }
    return Array(order.prefix(count))
  }

  // MARK: - Candidates

  /// Keeps the `count` ids of `ids` with the highest `weight[id]` (ties: the lower id), when
  /// there are more; the order of what is kept is then by weight.
  private static func keepHeaviest(_ ids: inout [Int32], by weight: [Float], count: Int) {
    guard ids.count > count else { return }
    ids.sort {
      weight[Int($0)] != weight[Int($1)] ? weight[Int($0)] > weight[Int($1)] : $0 < $1
    }
    ids.removeLast(ids.count - count)
  }

  /// Stories sharing heavy terms with the article, the most overlapping first.
  private mutating func candidateStories(_ query: [(term: Int32, weight: Float)]) -> [Int] {
    for (term, weight) in query.prefix(options.queryTerms) {
      guard let list = postings[term] else { continue }
      for slot in list {
        if slotScratch[Int(slot)] == 0 { touchedSlots.append(slot) }
        slotScratch[Int(slot)] += weight
      }
    }
    var ranked = touchedSlots
    Self.keepHeaviest(&ranked, by: slotScratch, count: options.candidates)
    for slot in touchedSlots { slotScratch[Int(slot)] = 0 }
    touchedSlots.removeAll(keepingCapacity: true)
    return ranked.map(Int.init).sorted()
  }

  private mutating func join(slot: Int, vector: SparseVector, published: Double?) {
    guard var story = stories[slot] else { return }
    stories[slot] = nil  // avoid a copy of the centroid while it is updated
    story.centroid = prune(Self.sum(story.centroid, vector))
    if let published { story.lastPublished = max(story.lastPublished ?? published, published) }
    story.articles += 1
    story.shape = shape(story.centroid, articles: story.articles)
    let reindex = story.articles <= 4 || story.articles % 4 == 0
    stories[slot] = story
    // A young story's subject is still settling; later its top terms change slowly.
    if reindex { index(slot: slot) }
  }

  /// Lists the story under its heaviest terms, as the most recently updated story for each.
  private mutating func index(slot: Int) {
    guard let story = stories[slot] else { return }
    let slot32 = Int32(slot)
    let limit = options.postingLimit
    for position in Self.heaviest(story.centroid, options.indexedStoryTerms) {
      let term = story.centroid.terms[position]
      if let existing = postings[term]?.lastIndex(of: slot32) {
        postings[term]!.remove(at: existing)
      }
      postings[term, default: []].append(slot32)
      // Trimmed in batches: dropping the oldest entries shifts the whole list.
      if postings[term]!.count > limit + limit / 2 {
        postings[term]!.removeFirst(postings[term]!.count - limit)
      }
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
      if let id = stories[slot]?.id { slotOfStory[id] = nil }
      stories[slot] = nil
      retired.insert(Int32(slot))
    }
    activeStories -= retired.count
    for (term, list) in postings {
      let kept = list.filter { !retired.contains($0) }
      postings[term] = kept.isEmpty ? nil : kept
    }
  }

  /// `s-` plus the article's id when that is a plain token (a newswire id, a content hash);
  /// an id with other characters (a page's URL) is replaced by its 64-bit hash in hex, so a
  /// story id is always safe to type in a shell or put in a web path.
  static func storyIDBase(for articleID: String) -> String {
    let plain =
      articleID.count <= 40 && !articleID.isEmpty
      && articleID.unicodeScalars.allSatisfy {
        $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0))
      }
    if plain { return "s-\(articleID)" }
    let hash = StableHash.fnv1a64(articleID)
    let hex = String(hash, radix: 16)
    return "s-" + String(repeating: "0", count: 16 - hex.count) + hex
  }

  private mutating func newStoryID(for articleID: String) -> String {
    let base = Self.storyIDBase(for: articleID)
    var id = base
    var n = 2
    while storyIDs.contains(id) {
      id = "\(base)-\(n)"
      n += 1
    }
    storyIDs.insert(id)
    return id
  }

  // MARK: - Terms

  /// The article's heaviest terms with TF-IDF weights, L2-normalized, heaviest first.
  private mutating func termVector(_ article: Article) -> ArticleVector {
    func count(_ term: Int32, _ weight: Float) {
      if termScratch[Int(term)] == 0 { touchedTerms.append(term) }
      termScratch[Int(term)] += weight
    }
    WordScanner.scan(article.title) { word in
      if let term = term(for: word, in: article.title) { count(term, Float(options.titleWeight)) }
    }
    var words = 0
    // A run of capitalized words ("Air France", "Generation X") is also one name term.
    var run: [ScannedWord] = []
    func closeRun() {
      if run.count >= 2 && run.count <= 4, let phrase = phraseTerm(run, in: article.text) {
        count(phrase, Float(options.nameWeight))
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
        count(term, isName ? Float(options.nameWeight) : 1)
      }
    }
    closeRun()
    articlesSeen += 1
    for term in touchedTerms { documentFrequency[Int(term)] += 1 }
    let n = Float(articlesSeen)
    // A word never seen before says nothing about which story the article belongs to, yet
    // uncapped it would weigh most; the cap keeps rare words from drowning shared ones.
    let idfCap = logf(1 + Float(options.rareTermDocuments))
    var weighted: [(term: Int32, weight: Float, tf: Float)] = touchedTerms.map { term in
      let tf = 1 + logf(max(termScratch[Int(term)], 1))
      let idf = logf(1 + (n + 1) / (Float(documentFrequency[Int(term)]) + 0.5))
      return (term, tf * min(idf, idfCap), tf)
    }
    for term in touchedTerms { termScratch[Int(term)] = 0 }
    touchedTerms.removeAll(keepingCapacity: true)
    weighted.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.term < $1.term }
    if weighted.count > options.articleTerms {
      weighted.removeLast(weighted.count - options.articleTerms)
    }
    let norm = weighted.reduce(Float(0)) { $0 + $1.weight * $1.weight }.squareRoot()
    guard norm > 0 else { return ArticleVector(heaviest: [], sparse: SparseVector()) }
    let heaviest = weighted.map { (term: $0.term, weight: $0.weight / norm) }
    var sparse = SparseVector()
    for (term, weight) in heaviest.sorted(by: { $0.term < $1.term }) {
      sparse.terms.append(term)
      sparse.weights.append(weight)
      sparse.counts.append(1)
      sparse.normSquared += weight * weight
    }
    let byTerm = weighted.sorted { $0.term < $1.term }
    return ArticleVector(
      heaviest: heaviest, sparse: sparse,
      member: (byTerm.map(\.term), byTerm.map { Float16($0.tf) }))
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
    termScratch.append(0)
    countScratch.append(0)
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
