import DistillCluster
import DistillModel
import DistillStore
import DistillText
import Foundation
import Logging

/// What one ``StoryDesk/ingest(_:)`` did: the articles it stored, found already stored or
/// skipped, and the stories whose brief it rewrote.
public struct IngestReport: Sendable, Equatable {
  /// Ids of articles stored for the first time.
  public var added: [String] = []
  /// Ids of articles stored before with other content: a new version was stored.
  public var updated: [String] = []
  /// Ids of articles already stored exactly so: nothing was written.
  public var unchanged: [String] = []
  /// Inputs that held no article, each with its reason.
  public var skipped: [Skip] = []
  /// Stories that gained, lost or saw a change in an article, and were briefed again; sorted.
  public var changedStories: [String] = []
  /// The brief version saved for each changed story (a story with no readable article has none).
  public var briefVersions: [String: Int] = [:]
  /// Where each article filed by this ingest went (articles an interrupted ingest left
  /// unfiled included), in filing order; each story id is the story as consolidated after
  /// the filing (see ``OnlineStoryClusterer/consolidatedView()``).
  public var filed: [StoryAssignment] = []
  /// Articles filed before that the consolidation of stories moved, article id → story.
  public var regrouped: [String: String] = [:]

  public init() {}

  /// True when nothing was stored and no story changed.
  public var isQuiet: Bool { added.isEmpty && updated.isEmpty && changedStories.isEmpty }
}

/// The story desk: stores incoming articles, files each into a story, and keeps every story's
/// brief current.
///
/// Ingesting is idempotent: articles already stored with the same content change nothing, so
/// no story is re-briefed. New articles are filed in publication order, each into the cluster
/// the clusterer finds for it among those filed before, and that filing stands for the
/// clusterer. Readers see stories: after each filing run the clusters are consolidated again
/// with hindsight (``OnlineStoryClusterer/consolidatedView()``), and every article whose story
/// that changes is filed into its new story, its cluster kept, so the next run (in this
/// process or another) replays the clusters and may revise the view. Filing holds the store's
/// filing lock, so processes
/// sharing one database file in turn, each with every earlier filing in view: two watchers
/// ingesting articles of one story at once put them in the same story.
///
/// Nothing is lost to a crash: each save and each filing is its own transaction, an article
/// stored but not filed is filed by the next ingest, and a story whose articles changed since
/// its newest brief (its revision is newer) is briefed by the next ingest. When a story had a
/// brief before, the new one's ``Brief/whatsNew`` says what the articles that brief did not
/// cover add, in the summarizer's update mode, cited in the new brief's source numbering.
///
/// Cost: a desk remembers the filings it has seen, so each ingest reads only filings made
/// since (by itself or by other processes); the first ingest of a desk reads the whole log.
public struct StoryDesk: Sendable {
  public var store: any ArticleStore
  /// Summarizer and composer of every brief; its reader is not used.
  public var pipeline: Pipeline
  public var clustering: StoryClusteringOptions
  /// Word budget of the "what's new" part.
  public var whatsNewWordBudget: Int
  public var logger: Logger
  /// The clusterer and the filings it has taken in, shared by copies of this desk.
  private let filer: StoryFiler

  public init(
    store: any ArticleStore, pipeline: Pipeline = .standard(),
    clustering: StoryClusteringOptions = StoryClusteringOptions(), whatsNewWordBudget: Int = 60,
    logger: Logger = Logger(label: "distill.desk")
  ) {
    self.store = store
    self.pipeline = pipeline
    self.clustering = clustering
    self.whatsNewWordBudget = whatsNewWordBudget
    self.logger = logger
    self.filer = StoryFiler(options: clustering)
  }

  /// Stores the articles among `outcomes`, files them into stories and re-briefs the stories
  /// that changed. Skipped outcomes are reported, not stored. Articles an interrupted ingest
  /// stored but did not file, and stories it did not brief, are taken care of too.
  ///
  /// With `regroup` false the consolidated view is not taken after filing: a caller ingesting
  /// many small batches in a row (a watcher's round of feeds) takes it once at the end with
  /// ``regroup()``, since the view weighs every article remembered. Until then readers see
  /// the stories as filed.
  public func ingest(_ outcomes: [IngestOutcome], regroup: Bool = true) throws -> IngestReport {
    var report = IngestReport()
    for outcome in outcomes {
      switch outcome {
      case .skipped(let source, let reason):
        report.skipped.append(Skip(source: source, reason: reason))
      case .article(let article):
        let saved = try store.saveArticle(article)
        switch saved.status {
        case .inserted: report.added.append(saved.articleID)
        case .updated: report.updated.append(saved.articleID)
        case .unchanged: report.unchanged.append(saved.articleID)
        }
      }
    }
    (report.filed, report.regrouped) = try fileUnfiledArticles(regroup: regroup)
    try briefPendingStories(into: &report)
    logger.debug(
      "ingested",
      metadata: [
        "added": "\(report.added.count)", "updated": "\(report.updated.count)",
        "unchanged": "\(report.unchanged.count)", "skipped": "\(report.skipped.count)",
        "stories": "\(report.changedStories.joined(separator: ","))",
      ])
    return report
  }

  /// Takes the consolidated view over every filed article, files the articles whose story it
  /// changes, and briefs every story that needs it; the report says which articles moved
  /// (``IngestReport/regrouped``) and which stories were briefed.
  public func regroup() throws -> IngestReport {
    var report = IngestReport()
    report.regrouped = try filer.withLock { filer throws(StoreError) in
      try store.withFilingLock { () throws(StoreError) in
        try filer.catchUp(with: store)
        let moved = try filer.applyView(to: store)
        try filer.catchUp(with: store)
        return moved
      }
    }
    try briefPendingStories(into: &report)
    return report
  }

  /// Briefs every story whose articles changed since its newest brief, into `report`.
  private func briefPendingStories(into report: inout IngestReport) throws {
    for pending in try store.storiesNeedingBrief() {
      if let version = try rebrief(story: pending.storyID, revision: pending.revision) {
        report.briefVersions[pending.storyID] = version
      }
    }
    report.changedStories = report.briefVersions.keys.sorted()
  }

  /// Files every stored article that is in no story, under the store's filing lock, then
  /// (with `regroup`) files every article the consolidated view of the stories moves; says
  /// where each went.
  func fileUnfiledArticles(regroup: Bool = true) throws -> (
    filed: [StoryAssignment], regrouped: [String: String]
  ) {
    // Most polls store nothing new: then there is nothing to file and no lock to take.
    guard !(try store.unfiledArticles().isEmpty) else { return ([], [:]) }
    return try filer.withLock { filer throws(StoreError) in
      try store.withFilingLock { () throws(StoreError) in
        try filer.catchUp(with: store)
        var filed: [StoryAssignment] = []
        // Read again under the lock: another process may have filed some meanwhile.
        for article in StoryClustering.publicationOrder(try store.unfiledArticles()) {
          let (assignment, placements) = filer.file(article)
          try filer.store(placements, in: store)
          filed.append(assignment)
        }
        // Each filing above is durable on its own; the view is then decided again over
        // everything filed. A crash in between leaves it to the next filing.
        let moved = regroup ? try filer.applyView(to: store) : [:]
        try filer.catchUp(with: store)
        let newArticles = Set(filed.map(\.articleID))
        let regrouped = moved.filter { !newArticles.contains($0.key) }
        return (filed.map(filer.asSeen), regrouped)
      }
    }
  }

  /// Briefs a story's stored articles and saves the brief as its next version; returns the
  /// version, or nil when the story has no article to brief.
  @discardableResult
  public func rebrief(story id: String) throws -> Int? {
    try rebrief(story: id, revision: try store.revision(ofStory: id))
  }

  /// Briefs a story as of `revision` (read before its articles, so the brief covers at least
  /// that much); a brief already saved at that revision or later is not written twice.
  func rebrief(story id: String, revision: Int) throws -> Int? {
    let articles = StoryClustering.publicationOrder(try store.articles(inStory: id))
    let run = pipeline.brief(articles)
    guard var brief = run.brief else { return nil }
    if let previous = try store.latestBrief(forStory: id) {
      let covered = Set(
        previous.brief.sources.map { SourceKey(location: $0.location, text: $0.text) })
      // What the reader has read is the previous brief's source texts, so an article stored
      // again with more text is new in what it adds, not in what it repeats.
      let old = previous.brief.sources.map { source in
        Article(
          id: source.location, source: SourceRef(source.location), format: .plainText,
          title: source.title, text: source.text)
      }
      let new = run.articles.filter { !covered.contains(SourceKey($0)) }
      if !old.isEmpty, !new.isEmpty {
        brief.whatsNew = whatsNew(in: brief, new: new, alreadyRead: old)
      }
    }
    let version = try store.saveBrief(brief, forStory: id, revision: revision)
    logger.debug(
      "briefed story",
      metadata: [
        "story": "\(id)", "version": "\(version)", "sources": "\(brief.sources.count)",
        "whatsNew": "\(brief.whatsNew.count)",
      ])
    return version
  }

  /// The newest stored brief of a story.
  public func latestBrief(story id: String) throws -> StoredBrief? {
    try store.latestBrief(forStory: id)
  }

  /// What `new` adds to `alreadyRead`, as sentences of `brief` cited in its source numbering.
  ///
  /// The summarizer reads only the new articles (numbered 0… among themselves); each chosen
  /// sentence is cited by the number the composer gave its article in `brief`, found by the
  /// article's location and text. A sentence that would not pass ``BriefVerifier`` is dropped.
  func whatsNew(in brief: Brief, new: [Article], alreadyRead old: [Article]) -> [BriefSentence] {
    let splitter = SentenceSplitter()
    func documents(_ articles: [Article]) -> [Document] {
      articles.enumerated().map { index, article in
        Document(article: article, sentences: splitter.sentences(of: article, documentIndex: index))
      }
    }
    let newDocuments = documents(new)
    let request = SummaryRequest(
      wordBudget: whatsNewWordBudget, focus: pipeline.configuration.focus,
      alreadyRead: documents(old))
    let summary = pipeline.summarizer.summarize(newDocuments, request: request)

    var numberOf: [SourceKey: Int] = [:]
    for source in brief.sources {
      numberOf[SourceKey(location: source.location, text: source.text)] = source.number
    }
    func citation(_ sentence: Sentence) -> Citation? {
      guard newDocuments.indices.contains(sentence.document),
        let number = numberOf[SourceKey(newDocuments[sentence.document].article)]
      else { return nil }
      return Citation(source: number, span: sentence.span)
    }

    let verifier = BriefVerifier()
    var seen: Set<String> = []
    var sentences: [BriefSentence] = []
    for selected in summary.sentences {
      guard let first = citation(selected.sentence) else { continue }
      var citations = [first]
      for copy in selected.alsoIn where Grounding.isCopy(copy.text, of: selected.text) {
        if let other = citation(copy), !citations.contains(other) { citations.append(other) }
      }
      citations.sort { ($0.source, $0.span) < ($1.source, $1.span) }
      let sentence = BriefSentence(text: selected.text, citations: citations)
      guard seen.insert(selected.text).inserted else { continue }
      // Check the sentence alone against the brief's sources: only it is new here.
      var probe = brief
      probe.lede = []
      probe.sections = []
      probe.whatsNext = []
      probe.timeline = []
      probe.quotes = []
      probe.figures = []
      probe.whatsNew = [sentence]
      let failures = verifier.verify(probe)
      guard failures.isEmpty else {
        logger.debug("dropped a what's-new sentence", metadata: ["why": "\(failures)"])
        continue
      }
      sentences.append(sentence)
    }
    return sentences
  }
}

/// An article as a brief's source knows it: where it is and its text.
struct SourceKey: Hashable {
  var location: String
  var text: String

  init(location: String, text: String) {
    self.location = location
    self.text = text
  }

  /// The key the composer's source for `article` has (its URL, else where it was read).
  init(_ article: Article) {
    self.init(location: article.metadata.url ?? article.source.location, text: article.text)
  }
}

/// The desk's memory between ingests: a clusterer that has taken in the filing log up to
/// `sequence`, and each article's cluster (the clusterer's own story) and story (as readers
/// see it: the consolidated view of the clusters) as of then. Locked while one ingest files.
final class StoryFiler: @unchecked Sendable {
  // @unchecked: every mutable property is touched only under `lock`, through withLock.
  private let lock = NSLock()
  private let options: StoryClusteringOptions
  private var clusterer: OnlineStoryClusterer
  private var sequence: Int64 = 0
  private var clusterOf: [String: String] = [:]
  private var storyOf: [String: String] = [:]
  /// Article ids by cluster.
  private var members: [String: [String]] = [:]

  init(options: StoryClusteringOptions) {
    self.options = options
    self.clusterer = OnlineStoryClusterer(options: options)
  }

  func withLock<T>(_ body: (StoryFiler) throws(StoreError) -> T) throws(StoreError) -> T {
    lock.lock()
    defer { lock.unlock() }
    return try body(self)
  }

  /// Takes in the filings logged since the last call, whoever made them. An article whose
  /// cluster changed (moved by a merge made elsewhere) cannot be taken out of a centroid, so
  /// then the clusterer is rebuilt from the whole log; a change of story alone (the view)
  /// needs nothing of the clusterer.
  func catchUp(with store: any ArticleStore) throws(StoreError) {
    var moved = false
    while true {
      let batch = try store.filings(after: sequence, limit: 1000)
      guard let last = batch.last else { break }
      for filing in batch {
        let id = filing.article.id
        switch clusterOf[id] {
        case filing.clusterID?: break
        case nil: clusterer.seed(filing.article, intoStory: filing.clusterID)
        case .some: moved = true
        }
        place(id, cluster: filing.clusterID)
        storyOf[id] = filing.storyID
      }
      sequence = last.sequence
    }
    if moved { try rebuild(from: store) }
  }

  /// Replays the whole log: each article seeded once, into the cluster it is in now, in the
  /// order it was first filed.
  private func rebuild(from store: any ArticleStore) throws(StoreError) {
    var order: [Article] = []
    var final: [String: (cluster: String, story: String)] = [:]
    var next: Int64 = 0
    while true {
      let batch = try store.filings(after: next, limit: 1000)
      guard let last = batch.last else { break }
      for filing in batch {
        if final[filing.article.id] == nil { order.append(filing.article) }
        final[filing.article.id] = (filing.clusterID, filing.storyID)
      }
      next = last.sequence
    }
    forget()
    for article in order {
      let (cluster, story) = final[article.id]!
      clusterer.seed(article, intoStory: cluster)
      place(article.id, cluster: cluster)
      storyOf[article.id] = story
    }
    sequence = next
  }

  /// Files one new article: where it went, and the placements to store (the article, and
  /// the articles of any cluster its cluster absorbed). A new article goes to the story its
  /// cluster is seen in; articles of an absorbed cluster keep their story until the view is
  /// decided again (``applyView(to:)``).
  func file(_ article: Article) -> (StoryAssignment, placements: [String: Placement]) {
    let assignment = clusterer.add(article)
    let cluster = assignment.storyID
    let story = members[cluster]?.lazy.compactMap { self.storyOf[$0] }.first ?? cluster
    var placements = [article.id: Placement(storyID: story, clusterID: cluster)]
    for absorbed in assignment.absorbedStoryIDs {
      for id in members[absorbed] ?? [] {
        placements[id] = Placement(storyID: storyOf[id] ?? cluster, clusterID: cluster)
      }
    }
    return (assignment, placements)
  }

  /// Stores placements and records them; when the store refuses, the filer forgets what it
  /// knows (its clusterer may hold a filing the store does not) and reads the log afresh next
  /// time.
  func store(_ placements: [String: Placement], in store: any ArticleStore) throws(StoreError) {
    guard !placements.isEmpty else { return }
    do throws(StoreError) {
      try store.file(placements)
    } catch {
      forget()
      throw error
    }
    for (id, placement) in placements.sorted(by: { $0.key < $1.key }) {
      if let cluster = placement.clusterID { place(id, cluster: cluster) }
      storyOf[id] = placement.storyID
    }
  }

  /// Takes the consolidated view and files every article whose story in it differs from the
  /// one stored (its cluster kept); returns those articles' new stories.
  func applyView(to store: any ArticleStore) throws(StoreError) -> [String: String] {
    var moved: [String: String] = [:]
    for (id, story) in clusterer.consolidatedView() where storyOf[id] != story {
      moved[id] = story
    }
    try self.store(moved.mapValues { Placement(storyID: $0) }, in: store)
    return moved
  }

  /// An assignment as the reader sees it: in the article's story, new only when that story is
  /// the cluster the article started.
  func asSeen(_ assignment: StoryAssignment) -> StoryAssignment {
    var seen = assignment
    let story = storyOf[assignment.articleID] ?? assignment.storyID
    seen.isNewStory = assignment.isNewStory && story == assignment.storyID
    seen.storyID = story
    return seen
  }

  /// Drops what the filer knows, so the next catch-up reads the whole log.
  func forget() {
    clusterer = OnlineStoryClusterer(options: options)
    sequence = 0
    clusterOf = [:]
    storyOf = [:]
    members = [:]
  }

  private func place(_ id: String, cluster: String) {
    if let old = clusterOf[id], old != cluster {
      members[old]?.removeAll { $0 == id }
      if members[old]?.isEmpty == true { members[old] = nil }
    }
    if clusterOf[id] != cluster { members[cluster, default: []].append(id) }
    clusterOf[id] = cluster
  }
}
