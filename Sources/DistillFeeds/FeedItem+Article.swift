import DistillModel
import Foundation

extension FeedItem {
  /// What the feed says about the article, in the shape extraction produces, so metadata the
  /// page itself lacks (date, authors, outlet) can be filled in from the feed.
  ///
  /// - Parameter feed: the feed the item came from; its title names the outlet.
  public func articleMetadata(in feed: Feed) -> ArticleMetadata {
    ArticleMetadata(
      title: title, published: published ?? updated, updated: updated, outlet: feed.title,
      authors: authors, url: link, language: feed.language,
      imageURL: media.first { $0.role == .thumbnail || $0.role == .image }?.url
        ?? media.first { $0.role == .content && ($0.mimeType?.hasPrefix("image") ?? false) }?.url,
      documentID: id)
  }

  /// The fullest body the feed itself carries (``content``, else ``summary``), for items whose
  /// page cannot be fetched; usually HTML, relative links resolving against ``contentBase``.
  public var bodyHTML: String? { content ?? summary }
}
