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

  public init() {}

  /// True when nothing was stored and no story changed.
  public var isQuiet: Bool { added.isEmpty && updated.isEmpty && changedStories.isEmpty }
}

/// The story desk: stores incoming articles, files each into a story, and keeps every story's
/// brief current.
///
/// Ingesting is idempotent: articles already stored with the same content change nothing, so
/// no story is re-briefed. Every stored article is filed again in publication order on each
/// ingest that stores something (the clusterer is deterministic, so stories keep their ids);
/// only stories whose membership or articles changed get a new brief version. When a story
/// had a brief before, the new one's ``Brief/whatsNew`` says what the articles that brief did
/// not cover add, in the summarizer's update mode, cited in the new brief's source numbering.
public struct StoryDesk: Sendable {
  public var store: any ArticleStore
  /// Summarizer and composer of every brief; its reader is not used.
  public var pipeline: Pipeline
  public var clustering: StoryClusteringOptions
  /// Word budget of the "what's new" part.
  public var whatsNewWordBudget: Int
  public var logger: Logger

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
  }

  /// Stores the articles among `outcomes`, files them into stories and re-briefs the stories
  /// that changed. Skipped outcomes are reported, not stored.
  public func ingest(_ outcomes: [IngestOutcome]) throws -> IngestReport {
    var report = IngestReport()
    var touched: Set<String> = []
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
        if saved.status != .unchanged { touched.insert(saved.articleID) }
      }
    }
    // Nothing new was stored, so filing again would give the same stories: skip the work.
    guard !touched.isEmpty else { return report }

    let before = try membership()
    var clusterer = OnlineStoryClusterer(options: clustering)
    let assignments = clusterer.cluster(try store.allArticles())
    var storyOf: [String: String] = [:]
    for assignment in assignments { storyOf[assignment.articleID] = assignment.storyID }
    try store.assign(storyOf)

    var after: [String: Set<String>] = [:]
    for (article, story) in storyOf { after[story, default: []].insert(article) }
    var changed: Set<String> = []
    for (story, articles) in after
    where before[story] != articles || !articles.isDisjoint(with: touched) {
      changed.insert(story)
    }
    report.changedStories = changed.sorted()
    for story in report.changedStories {
      if let version = try rebrief(story: story) {
        report.briefVersions[story] = version
      }
    }
    logger.debug(
      "ingested",
      metadata: [
        "added": "\(report.added.count)", "updated": "\(report.updated.count)",
        "unchanged": "\(report.unchanged.count)", "skipped": "\(report.skipped.count)",
        "stories": "\(report.changedStories.joined(separator: ","))",
      ])
    return report
  }

  /// Briefs a story's stored articles and saves the brief as its next version; returns the
  /// version, or nil when the story has no article to brief.
  @discardableResult
  public func rebrief(story id: String) throws -> Int? {
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
    let version = try store.saveBrief(brief, forStory: id)
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

  /// Every stored story's articles.
  func membership() throws -> [String: Set<String>] {
    var stories: [String: Set<String>] = [:]
    for story in try store.stories(updatedSince: Date(timeIntervalSince1970: 0)) {
      stories[story.id] = Set(story.articleIDs)
    }
    return stories
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
