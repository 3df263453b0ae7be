import DistillFeeds
import Foundation

/// The outcome of fetching one URL of a batch.
public struct PageFetch: Sendable, Equatable {
  /// The URL as given.
  public var url: String
  /// The page (body, final URL, charset…) or why it could not be had.
  public var result: Result<FetchResult, FetchError>

  public init(url: String, result: Result<FetchResult, FetchError>) {
    self.url = url
    self.result = result
  }
}

/// Why a feed could not be had: fetching it or parsing it failed.
public enum FeedFetchError: Error, Sendable, Equatable, CustomStringConvertible {
  case fetch(FetchError)
  case parse(FeedError)

  /// One line, to follow the feed's URL ("https://… is an HTML page, not a feed").
  public var message: String {
    switch self {
    case .fetch(let error): return error.message
    case .parse(let error): return error.message
    }
  }

  public var description: String { message }
}

/// A feed and the pages its items link to.
public struct FeedArticles: Sendable, Equatable {
  /// The feed's own fetch (final URL, validators for the next poll).
  public var feedFetch: FetchResult
  /// The parsed feed; empty of items when the fetch was a 304.
  public var feed: Feed
  /// When the URL given was an HTML page advertising a feed, that page's URL (the feed was
  /// then fetched from the page's first `<link rel="alternate">`).
  public var discoveredFrom: URL?
  /// One entry per item that has a link, in feed order, with the fetched page or its error.
  public var articles: [(item: FeedItem, page: PageFetch)]

  public init(
    feedFetch: FetchResult, feed: Feed, articles: [(item: FeedItem, page: PageFetch)],
    discoveredFrom: URL? = nil
  ) {
    self.feedFetch = feedFetch
    self.feed = feed
    self.articles = articles
    self.discoveredFrom = discoveredFrom
  }

  public static func == (lhs: FeedArticles, rhs: FeedArticles) -> Bool {
    lhs.feedFetch == rhs.feedFetch && lhs.feed == rhs.feed
      && lhs.discoveredFrom == rhs.discoveredFrom
      && lhs.articles.map(\.item) == rhs.articles.map(\.item)
      && lhs.articles.map(\.page) == rhs.articles.map(\.page)
  }
}

extension Fetcher {
  /// Fetches article pages, at most ``FetchConfiguration/maxConcurrentFetches`` at once (and
  /// one request per host per politeness delay). Results come back in the order of `urls`;
  /// a failure is a value, never thrown, so one bad URL does not lose the others.
  public func fetchArticles(urls: [String], accept: ContentExpectation = .html) async
    -> [PageFetch]
  {
    let limit = max(1, configuration.maxConcurrentFetches)
    var results = [PageFetch?](repeating: nil, count: urls.count)
    await withTaskGroup(of: (Int, PageFetch).self) { group in
      var next = 0
      func startNext() {
        guard next < urls.count else { return }
        let index = next
        let url = urls[index]
        next += 1
        group.addTask {
          do throws(FetchError) {
            return (
              index, PageFetch(url: url, result: .success(try await fetch(url, accept: accept)))
            )
          } catch {
            return (index, PageFetch(url: url, result: .failure(error)))
          }
        }
      }
      for _ in 0..<min(limit, urls.count) { startNext() }
      while let (index, page) = await group.next() {
        results[index] = page
        startNext()
      }
    }
    return results.map { $0! }
  }

  /// Fetches and parses the feed at `feedURL`, then fetches the page each item links to (the
  /// first `maxItems` items that have a link).
  ///
  /// Pass `validators` from the last poll to skip unchanged feeds: a 304 returns the fetch
  /// with an empty feed and no articles. When `feedURL` is a web page that advertises a feed
  /// (`<link rel="alternate" type="application/rss+xml">`) and `followDiscoveredFeed` is true,
  /// that feed is fetched instead, once.
  ///
  /// Items for which `skip` answers true (read on an earlier poll) are left out: their pages
  /// are not fetched and they are not in `articles`, though the feed still lists them.
  public func fetchFeedItems(
    feedURL: String, maxItems: Int = 50, validators: CacheValidators? = nil,
    followDiscoveredFeed: Bool = true, parser: FeedParser = FeedParser(),
    skip: (FeedItem) -> Bool = { _ in false }
  ) async -> Result<FeedArticles, FeedFetchError> {
    var url = feedURL
    var discoveredFrom: URL?
    while true {
      let feedFetch: FetchResult
      do {
        // Validators belong to the URL they came from, never to a feed a page led to.
        feedFetch = try await fetch(
          url, accept: .feed, validators: discoveredFrom == nil ? validators : nil)
      } catch {
        return .failure(.fetch(error))
      }
      if feedFetch.isNotModified {
        return .success(
          FeedArticles(
            feedFetch: feedFetch, feed: Feed(kind: .rss20, items: []), articles: [],
            discoveredFrom: discoveredFrom))
      }
      let feed: Feed
      do {
        feed = try parser.parse(feedFetch.body, url: feedFetch.finalURL)
      } catch {
        if case .htmlPage(let links) = error, followDiscoveredFeed, discoveredFrom == nil,
          let first = links.first
        {
          discoveredFrom = feedFetch.finalURL
          url = first
          continue
        }
        return .failure(.parse(error))
      }
      let linked = feed.items.filter { $0.link != nil }.prefix(max(0, maxItems)).filter {
        !skip($0)
      }
      let pages = await fetchArticles(urls: linked.map { $0.link! })
      return .success(
        FeedArticles(
          feedFetch: feedFetch, feed: feed, articles: Array(zip(linked, pages)).map { ($0, $1) },
          discoveredFrom: discoveredFrom))
    }
  }
}
