import DistillModel
import Foundation

/// Where one article went: the story it joined or started.
public struct StoryAssignment: Sendable, Codable, Hashable {
  public var articleID: String
  /// Stable story identifier, derived from the id of the story's first article.
  public var storyID: String
  /// True when the article started the story.
  public var isNewStory: Bool
  /// Similarity to the story it joined (0 for a new story), after nothing else: the time
  /// penalty raises the bar to join, it does not lower this number.
  public var similarity: Double
  /// Stories merged into this one because the article showed they are one story. Their
  /// articles now belong to `storyID`.
  public var absorbedStoryIDs: [String]

  public init(
    articleID: String, storyID: String, isNewStory: Bool, similarity: Double,
    absorbedStoryIDs: [String] = []
  ) {
    self.articleID = articleID
    self.storyID = storyID
    self.isNewStory = isNewStory
    self.similarity = similarity
    self.absorbedStoryIDs = absorbedStoryIDs
  }
}

/// The story-clustering stage: articles arrive one at a time, in publication order, and each
/// either joins an existing story or starts a new one.
public protocol StoryClusterer: Sendable {
  /// Places one article. Call in publication order (see ``StoryClustering/publicationOrder(_:)``).
  mutating func add(_ article: Article) -> StoryAssignment
  /// The id a story has now: `id` itself, or the id of the story it has since been merged into.
  func currentStoryID(_ id: String) -> String
  /// Takes in an article already filed into `storyID` (by an earlier run or another process),
  /// so that later decisions account for it.
  mutating func seed(_ article: Article, intoStory storyID: String)
  /// The stories as decided again with everything placed so far in view, by article id; an
  /// article absent is in the story it was placed in (``currentStoryID(_:)``). Asking does
  /// not change how later articles are placed.
  func consolidatedView() -> [String: String]
}

extension StoryClusterer {
  public func currentStoryID(_ id: String) -> String { id }

  public func consolidatedView() -> [String: String] { [:] }

  /// Places every article, oldest first, and returns the assignments in that order with each
  /// story id resolved to the story as it stands at the end: after any merges, in the
  /// consolidated view.
  public mutating func cluster(_ articles: [Article]) -> [StoryAssignment] {
    let assignments = StoryClustering.publicationOrder(articles).map { add($0) }
    let view = consolidatedView()
    return assignments.map { assignment in
      var resolved = assignment
      resolved.storyID = view[assignment.articleID] ?? currentStoryID(assignment.storyID)
      return resolved
    }
  }
}

/// Helpers shared by story clusterers.
public enum StoryClustering {
  /// Articles sorted for clustering: dated ones by publication time (ties by id), then undated
  /// ones in their given order. Stable and deterministic.
  public static func publicationOrder(_ articles: [Article]) -> [Article] {
    let indexed = articles.enumerated().map { ($0.offset, $0.element) }
    return indexed.sorted { lhs, rhs in
      switch (lhs.1.metadata.published, rhs.1.metadata.published) {
      case (let a?, let b?):
        if a != b { return a < b }
        if lhs.1.id != rhs.1.id { return lhs.1.id < rhs.1.id }
        return lhs.0 < rhs.0
      case (.some, .none): return true
      case (.none, .some): return false
      case (.none, .none): return lhs.0 < rhs.0
      }
    }.map(\.1)
  }
}
