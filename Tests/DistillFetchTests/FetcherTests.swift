import DistillFeeds
import DistillFetch
import Foundation
import NIOConcurrencyHelpers
import Testing

/// A clock whose time never moves: sleeps return at once and are recorded, so a test sees
/// exactly which delays politeness asked for.
final class RecordingPacingClock: PacingClock {
  private let sleeps = NIOLockedValueBox<[Duration]>([])
  var recordedSleeps: [Duration] { sleeps.withLockedValue { $0 }.sorted() }
  func now() -> Duration { .zero }
  func sleep(for duration: Duration) async throws {
    sleeps.withLockedValue { $0.append(duration) }
  }
}

/// Test settings: short timeouts, and no politeness delay unless a test asks for one.
func testConfiguration(
  readTimeout: Duration = .seconds(5), totalTimeout: Duration = .seconds(10),
  maxBodyBytes: Int = 1 << 20, politenessDelay: Duration = .zero
) -> FetchConfiguration {
  FetchConfiguration(
    connectTimeout: .seconds(2), readTimeout: readTimeout, totalTimeout: totalTimeout,
    maxRedirects: 5, maxBodyBytes: maxBodyBytes, maxDecompressionRatio: 100,
    politenessDelay: politenessDelay)
}

/// Fetches `path` from a fresh fixture server and returns the result or the error.
func fetchFixture(
  _ path: String, accept: ContentExpectation = .any,
  configuration: FetchConfiguration = testConfiguration()
) async throws -> Result<FetchResult, FetchError> {
  try await FixtureServer.with { server in
    try await Fetcher.withFetcher(configuration: configuration) { fetcher in
      do throws(FetchError) {
        return .success(try await fetcher.fetch(server.url(path), accept: accept))
      } catch {
        return .failure(error)
      }
    }
  }
}

func expectFailure(_ result: Result<FetchResult, FetchError>) -> FetchError? {
  if case .failure(let error) = result { return error }
  Issue.record("expected a failure, got status \((try? result.get())?.status ?? 0)")
  return nil
}

@Suite(.serialized) struct FetcherTests {
  @Test func fetchesAPageWithMetadataAndAnHonestUserAgent() async throws {
    try await FixtureServer.with { server in
      let result = try await Fetcher.withFetcher(configuration: testConfiguration()) {
        try await $0.fetch(server.url("/page.html"), accept: .html)
      }
      #expect(result.status == 200)
      #expect(String(decoding: result.body, as: UTF8.self) == FixtureServer.page)
      #expect(result.mediaType == "text/html")
      #expect(result.charset == "utf-8")
      #expect(result.finalURL.absoluteString == server.url("/page.html"))
      #expect(result.redirects.isEmpty)
      let request = try #require(server.requests.first)
      #expect(
        request.headers["User-Agent"] == [
          "Distill/\(FetchConfiguration.version) (news brief reader)"
        ])
      #expect(request.headers["Accept-Encoding"] == ["gzip, deflate"])
      #expect(request.headers["Accept"].first?.hasPrefix("text/html") == true)
    }
  }

  @Test func charsetFromContentType() async throws {
    let result = try await fetchFixture("/latin1.html", accept: .html).get()
    #expect(result.charset == "iso-8859-1")
    #expect(result.body.contains(0xE9))
  }

  @Test func refusesSchemesOtherThanHTTP() async throws {
    try await Fetcher.withFetcher(configuration: testConfiguration()) { fetcher in
      for (url, scheme) in [
        ("file:///etc/passwd", "file"), ("ftp://ftp.example.com/x", "ftp"),
        ("javascript:alert(1)", "javascript"),
      ] {
        await #expect(throws: FetchError.unsupportedScheme(scheme)) {
          try await fetcher.fetch(url)
        }
      }
      let error = FetchError.unsupportedScheme("file")
      #expect(error.message == "file: URLs are not fetched; only http and https are supported")
      await #expect(throws: FetchError.invalidURL("not a url")) {
        try await fetcher.fetch("not a url")
      }
    }
  }

  @Test func followsRedirectsUpToTheLimit() async throws {
    try await FixtureServer.with { server in
      try await Fetcher.withFetcher(configuration: testConfiguration()) { fetcher in
        let result = try await fetcher.fetch(server.url("/redirect/3"), accept: .html)
        #expect(result.status == 200)
        #expect(result.finalURL.absoluteString == server.url("/page.html"))
        #expect(result.redirects.count == 4)
        await #expect(throws: FetchError.tooManyRedirects(limit: 5)) {
          try await fetcher.fetch(server.url("/redirect/9"))
        }
        await #expect(throws: FetchError.redirectLoop(url: server.url("/loop-a"))) {
          try await fetcher.fetch(server.url("/loop-a"))
        }
        await #expect(throws: FetchError.unsupportedScheme("file")) {
          try await fetcher.fetch(server.url("/redirect-to-file"))
        }
        await #expect(throws: FetchError.redirectWithoutLocation(status: 302)) {
          try await fetcher.fetch(server.url("/redirect-without-location"))
        }
      }
    }
  }

  @Test func httpErrorsCarryTheStatus() async throws {
    let error = expectFailure(try await fetchFixture("/status/404"))
    #expect(error == .httpStatus(code: 404, reason: "Not Found"))
    #expect(error?.message == "the server answered 404 Not Found")
  }

  @Test func sizeCapStopsReading() async throws {
    let small = testConfiguration(maxBodyBytes: 100_000)
    // Announced by Content-Length: refused before reading.
    #expect(
      expectFailure(try await fetchFixture("/big", configuration: small))
        == .tooLarge(limit: 100_000))
    // Chunked, size unknown: reading stops at the cap.
    #expect(
      expectFailure(try await fetchFixture("/big-chunked", configuration: small))
        == .tooLarge(limit: 100_000))
  }

  @Test func decompressesGzipAndDeflate() async throws {
    for path in ["/gzip-page", "/deflate-page"] {
      let result = try await fetchFixture(path, accept: .html).get()
      #expect(String(decoding: result.body, as: UTF8.self) == FixtureServer.page, "\(path)")
    }
  }

  @Test func gzipBombIsStoppedByTheRatioLimit() async throws {
    #expect(FixtureServer.bomb.count < 100_000)
    // A size cap far above the bomb's ratio-limited size, so the ratio limit is what trips.
    let roomy = testConfiguration(maxBodyBytes: 64 << 20)
    let error = expectFailure(try await fetchFixture("/gzip-bomb", configuration: roomy))
    #expect(error == .decompressionLimit(ratio: 100))
    #expect(error?.message.contains("expands more than 100 times") == true)
  }

  @Test func slowServersTimeOut() async throws {
    let impatient = testConfiguration(readTimeout: .milliseconds(100), totalTimeout: .seconds(5))
    #expect(
      expectFailure(try await fetchFixture("/slow-body", configuration: impatient))
        == .readTimedOut(seconds: 0.1))
    let hurried = testConfiguration(readTimeout: .seconds(5), totalTimeout: .milliseconds(500))
    #expect(
      expectFailure(try await fetchFixture("/slow-headers", configuration: hurried))
        == .timedOut(seconds: 0.5))
    // The dribbling body never stalls for the read timeout, but cannot finish in time.
    let dribble = testConfiguration(readTimeout: .seconds(5), totalTimeout: .seconds(1))
    #expect(
      expectFailure(try await fetchFixture("/slow-body", configuration: dribble))
        == .timedOut(seconds: 1))
  }

  @Test func contentTypeChecks() async throws {
    // A feed served as text/html still reaches the feed parser, which reads it.
    let labelledHTML = try await fetchFixture("/feed-labelled-html", accept: .feed).get()
    #expect(try FeedParser().parse(labelledHTML.body).items.count == 4)
    // A page served as a feed reaches the parser too, which says what it is.
    let page = try await fetchFixture("/html-labelled-feed", accept: .feed).get()
    #expect(throws: FeedError.htmlPage(feedLinks: ["https://x.example/feed.xml"])) {
      try FeedParser().parse(page.body, url: URL(string: "https://x.example/")!)
    }
    // Binary behind a text label, a label that rules the body out, a feed asked for as a page.
    #expect(
      expectFailure(try await fetchFixture("/png-labelled-html", accept: .html))
        == .unexpectedContentType(mediaType: "binary data labelled text/html", expected: .html))
    #expect(
      expectFailure(try await fetchFixture("/image.png", accept: .feed))
        == .unexpectedContentType(mediaType: "image/png", expected: .feed))
    let feedAsPage = expectFailure(try await fetchFixture("/feed.xml", accept: .html))
    #expect(feedAsPage?.message == "is application/rss+xml, not a web page")
  }

  @Test func connectionRefusedIsReported() async throws {
    // Port 1 on loopback has no listener here.
    let error = try await Fetcher.withFetcher(configuration: testConfiguration()) { fetcher in
      do throws(FetchError) {
        _ = try await fetcher.fetch("http://127.0.0.1:1/")
        return FetchError?.none
      } catch {
        return error
      }
    }
    #expect(error == .connectionFailed(host: "127.0.0.1", reason: "connection refused"))
  }
}

@Suite(.serialized) struct ConditionalAndBatchTests {
  @Test func conditionalGetReturns304() async throws {
    try await FixtureServer.with { server in
      try await Fetcher.withFetcher(configuration: testConfiguration()) { fetcher in
        let first = try await fetcher.fetch(server.url("/etag.xml"), accept: .feed)
        #expect(first.status == 200)
        #expect(
          first.validators
            == CacheValidators(etag: "\"v1\"", lastModified: "Tue, 02 Mar 2021 18:00:00 GMT"))
        let second = try await fetcher.fetch(
          server.url("/etag.xml"), accept: .feed, validators: first.validators)
        #expect(second.isNotModified)
        #expect(second.body.isEmpty)
        #expect(second.validators.etag == "\"v1\"")
        // Last-Modified alone also works.
        let third = try await fetcher.fetch(
          server.url("/etag.xml"),
          validators: CacheValidators(lastModified: first.validators.lastModified))
        #expect(third.status == 304)
        #expect(server.requests[1].headers["If-None-Match"] == ["\"v1\""])
      }
    }
  }

  @Test func politenessSpacesRequestsToOneHost() async throws {
    try await FixtureServer.with { server in
      let clock = RecordingPacingClock()
      let configuration = testConfiguration(politenessDelay: .seconds(5))
      try await Fetcher.withFetcher(configuration: configuration, clock: clock) { fetcher in
        let urls = ["/article/1", "/article/2", "/article/3"].map(server.url)
        let pages = await fetcher.fetchArticles(urls: urls)
        #expect(pages.map(\.url) == urls)
        #expect(pages.allSatisfy { (try? $0.result.get())?.status == 200 })
        // Three requests to one host: the second waits one delay, the third two.
        #expect(clock.recordedSleeps == [.seconds(5), .seconds(10)])
      }
      // "localhost" is another host name, so it is not held up by 127.0.0.1's schedule.
      let other = RecordingPacingClock()
      try await Fetcher.withFetcher(configuration: configuration, clock: other) { fetcher in
        _ = await fetcher.fetchArticles(urls: [
          server.url("/article/1"), "http://localhost:\(server.port)/article/2",
        ])
        #expect(other.recordedSleeps.isEmpty)
      }
    }
  }

  @Test func fetchFeedItemsFetchesEachLinkedArticle() async throws {
    try await FixtureServer.with { server in
      try await Fetcher.withFetcher(configuration: testConfiguration()) { fetcher in
        let outcome = await fetcher.fetchFeedItems(feedURL: server.url("/feed.xml"))
        let feedArticles = try outcome.get()
        #expect(feedArticles.feed.title == "Fixture News")
        #expect(feedArticles.feed.items.count == 4)
        // The item without a link is not fetched; relative links resolve against the feed URL.
        #expect(
          feedArticles.articles.map(\.page.url) == [
            server.url("/article/1"), server.url("/article/2"), server.url("/status/404"),
          ])
        // Items the caller has read already are listed but not fetched.
        let unread = try await fetcher.fetchFeedItems(
          feedURL: server.url("/feed.xml"), skip: { $0.link == server.url("/article/1") }
        ).get()
        #expect(unread.feed.items.count == 4)
        #expect(
          unread.articles.map(\.page.url) == [server.url("/article/2"), server.url("/status/404")])
        let bodies = feedArticles.articles.prefix(2).map {
          (try? $0.page.result.get()).map { String(decoding: $0.body, as: UTF8.self) }
        }
        #expect(bodies == [FixtureServer.article("1"), FixtureServer.article("2")])
        if case .failure(let error) = feedArticles.articles[2].page.result {
          #expect(error == .httpStatus(code: 404, reason: "Not Found"))
        } else {
          Issue.record("the 404 article should have failed")
        }
        // A page given as a feed: the feed it advertises is fetched instead…
        let discovered = try await fetcher.fetchFeedItems(feedURL: server.url("/page.html")).get()
        #expect(discovered.discoveredFrom?.absoluteString == server.url("/page.html"))
        #expect(discovered.feedFetch.finalURL.absoluteString == server.url("/feed.xml"))
        #expect(discovered.feed.items.count == 4)
        // …or, when asked not to, it fails with the parser's reason naming that feed.
        let wrong = await fetcher.fetchFeedItems(
          feedURL: server.url("/page.html"), followDiscoveredFeed: false)
        #expect(
          wrong.map { _ in "" }
            == .failure(.parse(.htmlPage(feedLinks: [server.url("/feed.xml")]))))
        if case .failure(let error) = wrong {
          #expect(
            error.message
              == "is an HTML page, not a feed (it links to the feed \(server.url("/feed.xml")))")
        }
        // Unchanged since the last poll: nothing fetched but the feed's 304.
        let first = try outcome.get().feedFetch.validators
        #expect(first.isEmpty)
        let etagged = try await fetcher.fetchFeedItems(feedURL: server.url("/etag.xml")).get()
        let again = try await fetcher.fetchFeedItems(
          feedURL: server.url("/etag.xml"), validators: etagged.feedFetch.validators
        ).get()
        #expect(again.feedFetch.isNotModified)
        #expect(again.articles.isEmpty)
      }
    }
  }
}
