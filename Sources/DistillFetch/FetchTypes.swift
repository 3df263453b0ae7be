import Foundation

/// What kind of document the caller expects; responses clearly of another kind are refused
/// before their body is read.
public enum ContentExpectation: String, Sendable, Codable, Hashable {
  /// A web page (`text/html`, `application/xhtml+xml`).
  case html
  /// An RSS, Atom or JSON feed. HTML is let through so the feed parser can say "is an HTML
  /// page, not a feed" and name the feeds the page links to.
  case feed
  /// Any text (`text/*`, XML, JSON).
  case text
  /// Anything.
  case any
}

/// The validators of a previous response, sent back as `If-None-Match` and `If-Modified-Since`
/// so an unchanged resource costs a 304 and no body.
public struct CacheValidators: Sendable, Codable, Equatable, Hashable {
  public var etag: String?
  public var lastModified: String?

  public init(etag: String? = nil, lastModified: String? = nil) {
    self.etag = etag
    self.lastModified = lastModified
  }

  public var isEmpty: Bool { etag == nil && lastModified == nil }
}

/// One response header.
public struct HTTPHeader: Sendable, Codable, Equatable, Hashable {
  public var name: String
  public var value: String
  public init(name: String, value: String) {
    self.name = name
    self.value = value
  }
}

/// A completed fetch: the body (decompressed, at most the configured size) and what is known
/// about it.
public struct FetchResult: Sendable, Equatable {
  /// The URL as asked for.
  public var requestedURL: URL
  /// The URL after redirects; relative links in the body resolve against it.
  public var finalURL: URL
  /// Each URL redirected through, in order (empty when there was no redirect).
  public var redirects: [URL]
  /// 200…299, or 304 for an unchanged resource (then ``body`` is empty).
  public var status: Int
  public var headers: [HTTPHeader]
  public var body: Data
  /// The media type from `Content-Type`, lowercased, without parameters ("text/html").
  public var mediaType: String?
  /// The `charset` parameter of `Content-Type`, lowercased ("utf-8", "iso-8859-1").
  public var charset: String?
  /// Validators to send on the next fetch of the same URL.
  public var validators: CacheValidators

  public init(
    requestedURL: URL, finalURL: URL, redirects: [URL] = [], status: Int, headers: [HTTPHeader],
    body: Data, mediaType: String?, charset: String?, validators: CacheValidators
  ) {
    self.requestedURL = requestedURL
    self.finalURL = finalURL
    self.redirects = redirects
    self.status = status
    self.headers = headers
    self.body = body
    self.mediaType = mediaType
    self.charset = charset
    self.validators = validators
  }

  /// True for a 304: the copy the caller holds is still current.
  public var isNotModified: Bool { status == 304 }

  /// The first value of header `name` (case-insensitive).
  public func header(_ name: String) -> String? {
    headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
  }
}

/// Why a fetch failed. ``message`` is one line a user can act on.
public enum FetchError: Error, Sendable, Equatable, Hashable, CustomStringConvertible {
  case invalidURL(String)
  /// Only http and https are fetched (never file:, ftp:, data: …).
  case unsupportedScheme(String)
  case connectionFailed(host: String, reason: String)
  case connectTimedOut(host: String, seconds: Double)
  /// No byte arrived for the read timeout.
  case readTimedOut(seconds: Double)
  /// The whole fetch, redirects and body included, took longer than allowed.
  case timedOut(seconds: Double)
  case tooManyRedirects(limit: Int)
  case redirectLoop(url: String)
  case redirectWithoutLocation(status: Int)
  case httpStatus(code: Int, reason: String)
  /// The body grew past the size cap; reading stopped there.
  case tooLarge(limit: Int)
  /// The compressed body expanded more than the allowed ratio (a "gzip bomb").
  case decompressionLimit(ratio: Int)
  case badCompression(String)
  case unexpectedContentType(mediaType: String, expected: ContentExpectation)
  case transport(String)
  case cancelled

  public var message: String {
    switch self {
    case .invalidURL(let url): return "\"\(url)\" is not a valid URL"
    case .unsupportedScheme(let scheme):
      return "\(scheme): URLs are not fetched; only http and https are supported"
    case .connectionFailed(let host, let reason): return "could not connect to \(host) (\(reason))"
    case .connectTimedOut(let host, let seconds):
      return "could not connect to \(host) within \(Self.seconds(seconds))"
    case .readTimedOut(let seconds):
      return "the server sent nothing for \(Self.seconds(seconds)); gave up"
    case .timedOut(let seconds):
      return "the fetch took longer than \(Self.seconds(seconds)); gave up"
    case .tooManyRedirects(let limit): return "more than \(limit) redirects; gave up"
    case .redirectLoop(let url): return "redirect loop (back to \(url))"
    case .redirectWithoutLocation(let status):
      return "the server answered \(status) (a redirect) without a Location header"
    case .httpStatus(let code, let reason):
      return "the server answered \(code)\(reason.isEmpty ? "" : " \(reason)")"
    case .tooLarge(let limit):
      return "the response is larger than the \(limit)-byte limit; stopped reading"
    case .decompressionLimit(let ratio):
      return "the compressed response expands more than \(ratio) times (a compression bomb?); "
        + "stopped reading"
    case .badCompression(let reason): return "the response's compression is corrupt (\(reason))"
    case .unexpectedContentType(let mediaType, let expected):
      return "is \(mediaType), not \(Self.describe(expected))"
    case .transport(let reason): return "the connection failed (\(reason))"
    case .cancelled: return "the fetch was cancelled"
    }
  }

  public var description: String { message }

  private static func seconds(_ value: Double) -> String {
    value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
  }

  private static func describe(_ expectation: ContentExpectation) -> String {
    switch expectation {
    case .html: return "a web page"
    case .feed: return "a feed"
    case .text: return "text"
    case .any: return "anything"
    }
  }
}
