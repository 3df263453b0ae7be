import DistillModel
import Foundation

/// What happened when an article was saved.
public enum SaveStatus: String, Sendable, Codable, Hashable {
  /// First time this article (by canonical URL, else id) was seen.
  case inserted
  /// The same content was already stored: nothing was written.
  case unchanged
  /// The article was stored before with different content: this is a new version.
  case updated
}

/// The stored version of an article that a save produced or found.
public struct SavedArticle: Sendable, Codable, Hashable {
  /// The stored row's key (one per version).
  public var key: Int64
  public var articleID: String
  /// 1 for the first version of an article, then 2, 3…
  public var version: Int
  public var status: SaveStatus

  public init(key: Int64, articleID: String, version: Int, status: SaveStatus) {
    self.key = key
    self.articleID = articleID
    self.version = version
    self.status = status
  }
}

/// A story as stored: its id, when it was created and last given an article, and its articles.
public struct StoredStory: Sendable, Codable, Hashable {
  public var id: String
  public var createdAt: Date
  public var updatedAt: Date
  /// Ids of the story's articles, oldest assignment first.
  public var articleIDs: [String]

  public init(id: String, createdAt: Date, updatedAt: Date, articleIDs: [String]) {
    self.id = id
    self.createdAt = createdAt
    self.updatedAt = updatedAt
    self.articleIDs = articleIDs
  }
}

/// One version of a story's brief.
public struct StoredBrief: Sendable, Codable, Hashable {
  public var storyID: String
  /// 1 for the first brief of a story, then 2, 3…
  public var version: Int
  public var brief: Brief
  public var createdAt: Date

  public init(storyID: String, version: Int, brief: Brief, createdAt: Date) {
    self.storyID = storyID
    self.version = version
    self.brief = brief
    self.createdAt = createdAt
  }
}

/// One filing of an article into a story, as the store's filing log recorded it.
///
/// The log only grows: an article filed again (moved by a merge of stories, or by a
/// consolidation of the stories) gets a later filing, so replaying the log in order gives
/// every article's current story and cluster.
public struct Filing: Sendable, Hashable {
  /// Position in the log; later filings have larger numbers.
  public var sequence: Int64
  /// The article as stored when it was filed.
  public var article: Article
  /// The story readers see the article in.
  public var storyID: String
  /// The clusterer's own story the article is in, which the story desk replays to rebuild
  /// its clusterer; the story readers see may be a consolidation of several clusters.
  public var clusterID: String

  public init(sequence: Int64, article: Article, storyID: String, clusterID: String? = nil) {
    self.sequence = sequence
    self.article = article
    self.storyID = storyID
    self.clusterID = clusterID ?? storyID
  }
}

/// Where an article is filed: the story readers see it in and, when it changes, the
/// clusterer's own story (its cluster).
public struct Placement: Sendable, Hashable {
  public var storyID: String
  /// The cluster; nil keeps the article's current cluster (or, for an article not filed
  /// before, makes it the story).
  public var clusterID: String?

  public init(storyID: String, clusterID: String? = nil) {
    self.storyID = storyID
    self.clusterID = clusterID
  }
}

/// A story whose articles changed since its newest brief (or that has no brief yet).
public struct StoryRevision: Sendable, Hashable {
  public var storyID: String
  /// Grows by one each time an article joins, leaves or is updated in the story.
  public var revision: Int

  public init(storyID: String, revision: Int) {
    self.storyID = storyID
    self.revision = revision
  }
}

/// How much a store holds: articles (each counted once, whatever its versions) and stories
/// with at least one article.
public struct StoreCounts: Sendable, Hashable {
  public var articles: Int
  public var stories: Int

  public init(articles: Int, stories: Int) {
    self.articles = articles
    self.stories = stories
  }
}

/// A full-text search result.
public struct SearchHit: Sendable, Codable, Hashable {
  public enum Kind: String, Sendable, Codable, Hashable {
    case article, brief
  }
  public var kind: Kind
  /// The article id, or the story id for a brief.
  public var id: String
  /// The article title or the brief headline.
  public var title: String
  /// A short excerpt around the match, matched words in [brackets].
  public var snippet: String

  public init(kind: Kind, id: String, title: String, snippet: String) {
    self.kind = kind
    self.id = id
    self.title = title
    self.snippet = snippet
  }
}

/// Errors of the store, with a sentence a user can act on.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
  case unknownArticle(String)
  case invalid(String)
  case database(String)

  public var description: String {
    switch self {
    case .unknownArticle(let id): return "no stored article has the id \(id)"
    case .invalid(let why): return why
    case .database(let message): return "the database failed: \(message)"
    }
  }
}

/// Where articles, their stories and the stories' briefs are kept.
///
/// Saving is idempotent: the same article (same canonical URL, or same id when it has no URL,
/// and the same content) is stored once; the same URL with different content is stored as a
/// new version. Every method is one transaction: a failure leaves nothing half-written.
public protocol ArticleStore: Sendable {
  /// Stores an article, or finds it already stored.
  func saveArticle(_ article: Article) throws(StoreError) -> SavedArticle
  /// Stores an article and puts it in a story, both or neither.
  func saveArticle(_ article: Article, inStory storyID: String) throws(StoreError) -> SavedArticle
  /// The newest stored version of the article with this id.
  func article(id: String) throws(StoreError) -> Article?
  /// The newest version of every stored article, oldest stored first.
  func allArticles() throws(StoreError) -> [Article]
  /// Every stored version of the article at this URL (or with this id), oldest first.
  func versions(ofArticle idOrURL: String) throws(StoreError) -> [Article]
  /// Puts the article's newest version in a story (created if new), moving it from any other.
  func assign(article id: String, toStory storyID: String) throws(StoreError)
  /// Files many articles (id → placement) in one transaction: all or none. An article whose
  /// story and cluster are unchanged is left as it is; one whose story changes counts as a
  /// change of both stories (their revisions grow); one whose cluster alone changes is
  /// logged without changing any story.
  func file(_ placements: [String: Placement]) throws(StoreError)
  /// How many articles and non-empty stories are stored (counted by the database, nothing
  /// decoded).
  func counts() throws(StoreError) -> StoreCounts
  /// Stories given an article at or after `date`, most recently updated first.
  func stories(updatedSince date: Date) throws(StoreError) -> [StoredStory]
  /// The newest version of each article of a story, in assignment order.
  func articles(inStory storyID: String) throws(StoreError) -> [Article]
  /// The newest brief of a story.
  func latestBrief(forStory storyID: String) throws(StoreError) -> StoredBrief?
  /// Articles and briefs matching all the words of `query`, best first.
  func search(_ query: String, limit: Int) throws(StoreError) -> [SearchHit]
  /// Releases the store's connections; later calls fail with ``StoreError/database(_:)``.
  func close()

  // MARK: Filing stories, one filer at a time

  /// Runs `body` while holding the database's filing lock: however many processes share the
  /// database, one files articles into stories at a time, so each decides with every earlier
  /// filing in view. The lock is released when `body` returns or throws, and by the database
  /// (or the operating system) when the process holding it dies.
  func withFilingLock<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T
  /// Filings logged after `sequence` (0: from the start), oldest first, at most `limit`.
  func filings(after sequence: Int64, limit: Int) throws(StoreError) -> [Filing]
  /// The newest version of every stored article that is in no story, oldest stored first: what
  /// an interrupted ingest stored but did not file.
  func unfiledArticles() throws(StoreError) -> [Article]
  /// Stories with articles whose revision is newer than their newest brief's, oldest change
  /// first.
  func storiesNeedingBrief() throws(StoreError) -> [StoryRevision]
  /// The story's revision now (0 when it does not exist).
  func revision(ofStory storyID: String) throws(StoreError) -> Int
  /// Stores a new version of a story's brief written from the story as it was at `revision`
  /// (nil: as it is now), and returns the brief's version number. When the newest brief was
  /// written at that revision or a later one (another process briefed the same change),
  /// nothing is stored and that brief's version is returned.
  @discardableResult
  func saveBrief(_ brief: Brief, forStory storyID: String, revision: Int?) throws(StoreError)
    -> Int
}

extension ArticleStore {
  /// Files many articles (id → story) in one transaction, each in the cluster of the same id:
  /// all or none.
  public func assign(_ storyOfArticle: [String: String]) throws(StoreError) {
    try file(storyOfArticle.mapValues { Placement(storyID: $0, clusterID: $0) })
  }

  /// Stores a new version of a story's brief, written from the story as it is now, and
  /// returns its version number.
  @discardableResult
  public func saveBrief(_ brief: Brief, forStory storyID: String) throws(StoreError) -> Int {
    try saveBrief(brief, forStory: storyID, revision: nil)
  }
}
