import DistillFeeds
import DistillFetch
import DistillModel
import Foundation

/// Reads articles over http and https: pages by URL, and the pages a feed's items link to.
///
/// Fetched bytes go through the same ingest stage as files (format sniffing, extraction,
/// cleaning), so a page reads the same whether it was saved or fetched. Every URL that yields
/// no article becomes a skip with the fetcher's or extractor's reason.
public struct WebReader: Sendable {
  public var fetch: FetchConfiguration
  /// How many items of each feed are fetched.
  public var itemsPerFeed: Int

  public init(fetch: FetchConfiguration = FetchConfiguration(), itemsPerFeed: Int = 20) {
    self.fetch = fetch
    self.itemsPerFeed = itemsPerFeed
  }

  /// True when `input` names a web address rather than a file.
  public static func isURL(_ input: String) -> Bool {
    let lower = input.lowercased()
    return lower.hasPrefix("http://") || lower.hasPrefix("https://")
  }

  /// Fetches `urls` (pages) and `feeds` (each feed's linked pages) and reads them with `reader`.
  public func read(urls: [String], feeds: [String], with reader: any InputReading) async
    -> [IngestOutcome]
  {
    guard !urls.isEmpty || !feeds.isEmpty else { return [] }
    let fetcher = Fetcher(configuration: fetch)
    var outcomes: [IngestOutcome] = []
    for page in await fetcher.fetchArticles(urls: urls) {
      outcomes += Self.outcomes(of: page, with: reader)
    }
    for feed in feeds {
      switch await fetcher.fetchFeedItems(feedURL: feed, maxItems: itemsPerFeed) {
      case .failure(let error):
        outcomes.append(.skipped(SourceRef(feed), .unreadable(error.message)))
      case .success(let fetched):
        if fetched.articles.isEmpty && !fetched.feedFetch.isNotModified {
          outcomes.append(.skipped(SourceRef(feed), .notAnArticle("the feed links to no pages")))
        }
        for (item, page) in fetched.articles {
          outcomes += Self.outcomes(of: page, with: reader).map {
            Self.filling($0, from: item.articleMetadata(in: fetched.feed))
          }
        }
      }
    }
    try? await fetcher.shutdown()
    return outcomes
  }

  static func outcomes(of page: PageFetch, with reader: any InputReading) -> [IngestOutcome] {
    switch page.result {
    case .failure(let error):
      return [.skipped(SourceRef(page.url), .unreadable(error.message))]
    case .success(let result):
      let name = result.finalURL.absoluteString
      return reader.read(result.body, name: name).map { outcome in
        // Name the input as the user gave it; keep where it ended up as the article's URL.
        guard case .article(var article) = outcome else {
          if case .skipped(_, let reason) = outcome { return .skipped(SourceRef(page.url), reason) }
          return outcome
        }
        article.source = SourceRef(page.url)
        if article.metadata.url == nil { article.metadata.url = name }
        return .article(article)
      }
    }
  }

  /// Fills what the page did not say (date, outlet, title, authors) from its feed item.
  static func filling(_ outcome: IngestOutcome, from item: ArticleMetadata) -> IngestOutcome {
    guard case .article(var article) = outcome else { return outcome }
    var meta = article.metadata
    meta.published = meta.published ?? item.published
    meta.updated = meta.updated ?? item.updated
    meta.outlet = meta.outlet ?? item.outlet
    if meta.authors.isEmpty { meta.authors = item.authors }
    if meta.title == nil || meta.title?.isEmpty == true { meta.title = item.title }
    if article.title.isEmpty { article.title = item.title ?? "" }
    article.metadata = meta
    return .article(article)
  }
}
