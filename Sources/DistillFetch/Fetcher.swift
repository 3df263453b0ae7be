import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import NIOPosix

/// Limits and manners for fetching. Defaults are written here; the CLI overrides them from flags.
public struct FetchConfiguration: Sendable, Equatable {
  /// Time allowed to open a connection.
  public var connectTimeout: Duration
  /// Time allowed between two bytes from the server.
  public var readTimeout: Duration
  /// Time allowed for the whole fetch: every redirect hop and the complete body.
  public var totalTimeout: Duration
  public var maxRedirects: Int
  /// The largest (decompressed) body read; reading stops past it.
  public var maxBodyBytes: Int
  /// The largest expansion of a compressed body (decompressed ÷ compressed) accepted.
  public var maxDecompressionRatio: Int
  /// The least time between two requests to the same host.
  public var politenessDelay: Duration
  /// Sent as `User-Agent`: who is fetching and where to read about it.
  public var userAgent: String
  /// How many fetches ``Fetcher/fetchArticles(urls:)`` runs at once (across hosts).
  public var maxConcurrentFetches: Int

  public init(
    connectTimeout: Duration = .seconds(10), readTimeout: Duration = .seconds(20),
    totalTimeout: Duration = .seconds(30), maxRedirects: Int = 5, maxBodyBytes: Int = 8 << 20,
    maxDecompressionRatio: Int = 100, politenessDelay: Duration = .seconds(1),
    userAgent: String = FetchConfiguration.defaultUserAgent, maxConcurrentFetches: Int = 4
  ) {
    self.connectTimeout = connectTimeout
    self.readTimeout = readTimeout
    self.totalTimeout = totalTimeout
    self.maxRedirects = maxRedirects
    self.maxBodyBytes = maxBodyBytes
    self.maxDecompressionRatio = maxDecompressionRatio
    self.politenessDelay = politenessDelay
    self.userAgent = userAgent
    self.maxConcurrentFetches = maxConcurrentFetches
  }

  /// The project's version, kept in step with `DistillVersion.string` (DistillFetch does not
  /// depend on the facade; the CLI builds its agent from `DistillVersion` with
  /// ``userAgent(version:)``).
  public static let version = "0.1.0"
  /// Where a site operator who sees Distill in their logs can read what it is.
  public static let projectURL = "https://github.com/distill-news/distill"
  public static let defaultUserAgent = userAgent(version: version)

  /// `Distill/<version> (+<project URL>)`.
  public static func userAgent(version: String) -> String {
    "Distill/\(version) (+\(projectURL))"
  }
}

/// Fetches pages and feeds over http and https with timeouts, a redirect limit, a size cap,
/// bounded decompression, conditional GET, per-host politeness and content-type checks.
///
/// A `Fetcher` owns an HTTP client: call ``shutdown()`` when done, or use
/// ``withFetcher(configuration:clock:_:)``.
///
/// ```swift
/// let page = try await Fetcher.withFetcher { try await $0.fetch("https://example.com/story", accept: .html) }
/// ```
public struct Fetcher: Sendable {
  public let configuration: FetchConfiguration
  private let client: HTTPClient
  private let pacer: HostPacer

  public init(
    configuration: FetchConfiguration = FetchConfiguration(),
    clock: any PacingClock = SystemPacingClock()
  ) {
    self.configuration = configuration
    var httpConfiguration = HTTPClient.Configuration(
      // Redirects are followed here, hop by hop, so every hop gets the scheme check, the
      // politeness delay and the shared deadline.
      redirectConfiguration: .disallow,
      timeout: .init(
        connect: Self.timeAmount(configuration.connectTimeout),
        read: Self.timeAmount(configuration.readTimeout)),
      decompression: .enabled(limit: .ratio(configuration.maxDecompressionRatio)))
    httpConfiguration.httpVersion = .http1Only
    self.client = HTTPClient(
      eventLoopGroupProvider: .singleton, configuration: httpConfiguration)
    self.pacer = HostPacer(delay: configuration.politenessDelay, clock: clock)
  }

  /// Runs `body` with a new fetcher and shuts it down afterwards, even when `body` throws.
  public static func withFetcher<T: Sendable>(
    configuration: FetchConfiguration = FetchConfiguration(),
    clock: any PacingClock = SystemPacingClock(),
    _ body: (Fetcher) async throws -> T
  ) async throws -> T {
    let fetcher = Fetcher(configuration: configuration, clock: clock)
    do {
      let result = try await body(fetcher)
      try await fetcher.shutdown()
      return result
    } catch {
      try? await fetcher.shutdown()
      throw error
    }
  }

  /// Closes the client's connections. The fetcher cannot be used afterwards.
  public func shutdown() async throws {
    try await client.shutdown()
  }

  /// Fetches `urlString`, following redirects.
  ///
  /// - Parameters:
  ///   - accept: the kind of document expected; a response clearly of another kind fails with
  ///     ``FetchError/unexpectedContentType(mediaType:expected:)``.
  ///   - validators: from an earlier ``FetchResult/validators``; an unchanged resource then
  ///     returns status 304 with an empty body.
  public func fetch(
    _ urlString: String, accept: ContentExpectation = .any, validators: CacheValidators? = nil
  ) async throws(FetchError) -> FetchResult {
    let requested = try Self.checkedURL(urlString)
    var current = requested
    var redirects: [URL] = []
    var visited: Set<String> = [requested.absoluteString]
    var deadline: NIODeadline?
    while true {
      do {
        try await pacer.wait(for: current.host ?? "")
      } catch {
        throw FetchError.cancelled
      }
      // The total timeout starts once the first request may go out, so waiting politely
      // behind other fetches to the same host does not count against it.
      let hopDeadline = deadline ?? NIODeadline.now() + Self.timeAmount(configuration.totalTimeout)
      deadline = hopDeadline
      var request = HTTPClientRequest(url: current.absoluteString)
      request.method = .GET
      request.headers.add(name: "User-Agent", value: configuration.userAgent)
      request.headers.add(name: "Accept", value: Self.acceptHeader(accept))
      request.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
      if let validators, current == requested {
        if let etag = validators.etag { request.headers.add(name: "If-None-Match", value: etag) }
        if let date = validators.lastModified {
          request.headers.add(name: "If-Modified-Since", value: date)
        }
      }
      let response: HTTPClientResponse
      do {
        response = try await client.execute(request, deadline: hopDeadline)
      } catch {
        throw mapError(error, host: current.host ?? "")
      }
      let status = Int(response.status.code)
      if [301, 302, 303, 307, 308].contains(status) {
        guard let location = response.headers.first(name: "Location") else {
          throw FetchError.redirectWithoutLocation(status: status)
        }
        guard let next = URL(string: location, relativeTo: current)?.absoluteURL else {
          throw FetchError.invalidURL(location)
        }
        _ = try Self.checkedURL(next.absoluteString)
        if redirects.count >= configuration.maxRedirects {
          throw FetchError.tooManyRedirects(limit: configuration.maxRedirects)
        }
        guard visited.insert(next.absoluteString).inserted else {
          throw FetchError.redirectLoop(url: next.absoluteString)
        }
        redirects.append(next)
        current = next
        continue
      }
      let headers = response.headers.map { HTTPHeader(name: $0.name, value: $0.value) }
      let (mediaType, charset) = Self.parseContentType(response.headers.first(name: "Content-Type"))
      let newValidators = CacheValidators(
        etag: response.headers.first(name: "ETag"),
        lastModified: response.headers.first(name: "Last-Modified"))
      if status == 304 {
        return FetchResult(
          requestedURL: requested, finalURL: current, redirects: redirects, status: status,
          headers: headers, body: Data(), mediaType: mediaType, charset: charset,
          validators: newValidators.isEmpty ? (validators ?? newValidators) : newValidators)
      }
      guard (200..<300).contains(status) else {
        throw FetchError.httpStatus(code: status, reason: response.status.reasonPhrase)
      }
      try ContentTypeCheck.before(mediaType: mediaType, expected: accept)
      if let length = response.headers.first(name: "Content-Length").flatMap({ Int($0) }),
        length > configuration.maxBodyBytes
      {
        throw FetchError.tooLarge(limit: configuration.maxBodyBytes)
      }
      let body = try await readBody(response, host: current.host ?? "", deadline: hopDeadline)
      try ContentTypeCheck.after(body: body, mediaType: mediaType, expected: accept)
      return FetchResult(
        requestedURL: requested, finalURL: current, redirects: redirects, status: status,
        headers: headers, body: body, mediaType: mediaType, charset: charset,
        validators: newValidators)
    }
  }

  /// Reads the body up to the size cap, racing the total deadline: AsyncHTTPClient's deadline
  /// bounds the wait for the response head, but a server dribbling its body a byte at a time
  /// (never idle for the read timeout) is stopped only by this race.
  private func readBody(_ response: HTTPClientResponse, host: String, deadline: NIODeadline)
    async throws(FetchError) -> Data
  {
    let limit = configuration.maxBodyBytes
    let total = Self.seconds(configuration.totalTimeout)
    do {
      return try await withThrowingTaskGroup(of: Data?.self) { group in
        group.addTask {
          var data = Data()
          for try await chunk in response.body {
            if data.count + chunk.readableBytes > limit {
              // Leaving the loop drops the stream, which cancels the request and closes the
              // connection: nothing past the cap is read.
              throw FetchError.tooLarge(limit: limit)
            }
            data.append(contentsOf: chunk.readableBytesView)
          }
          return data
        }
        group.addTask {
          let remaining = deadline - NIODeadline.now()
          if remaining > .zero {
            try await Task.sleep(nanoseconds: UInt64(remaining.nanoseconds))
          }
          throw FetchError.timedOut(seconds: total)
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let data = first else {
          throw FetchError.timedOut(seconds: total)
        }
        return data
      }
    } catch let error as FetchError {
      throw error
    } catch {
      throw mapError(error, host: host)
    }
  }

  private func mapError(_ error: any Error, host: String) -> FetchError {
    if let error = error as? FetchError { return error }
    if error is CancellationError { return .cancelled }
    if let error = error as? NIOHTTPDecompression.DecompressionError {
      switch error {
      case .limit: return .decompressionLimit(ratio: configuration.maxDecompressionRatio)
      case .inflationError(let code): return .badCompression("zlib error \(code)")
      case .initializationError(let code): return .badCompression("zlib error \(code)")
      }
    }
    if error is NIOHTTPDecompression.ExtraDecompressionError {
      return .badCompression(String(describing: error))
    }
    if let error = error as? HTTPClientError {
      switch error {
      case .connectTimeout:
        return .connectTimedOut(host: host, seconds: Self.seconds(configuration.connectTimeout))
      case .readTimeout: return .readTimedOut(seconds: Self.seconds(configuration.readTimeout))
      case .deadlineExceeded:
        return .timedOut(seconds: Self.seconds(configuration.totalTimeout))
      case .cancelled: return .cancelled
      case .invalidURL, .emptyHost, .emptyScheme: return .invalidURL(host)
      default: return .transport(error.shortDescription)
      }
    }
    if error is NIOConnectionError || error is IOError {
      return .connectionFailed(host: host, reason: Self.connectionReason(error))
    }
    return .transport(String(describing: error))
  }

  private static func connectionReason(_ error: any Error) -> String {
    let text = String(describing: error)
    if text.contains("refused") || text.contains("errno: 111") { return "connection refused" }
    if text.contains("unreachable") { return "network unreachable" }
    if text.contains("resolve") || text.contains("NXDOMAIN") || text.contains("lookup") {
      return "host name not found"
    }
    return text.count > 120 ? String(text.prefix(120)) + "…" : text
  }

  /// Accepts http and https only; everything else (file:, ftp:, data:, javascript:) is refused
  /// with a message naming the scheme.
  static func checkedURL(_ string: String) throws(FetchError) -> URL {
    let trimmed = string.trimmingCharacters(in: .whitespacesAndNewlines)
    guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased() else {
      throw FetchError.invalidURL(string)
    }
    guard scheme == "http" || scheme == "https" else {
      throw FetchError.unsupportedScheme(scheme)
    }
    guard let host = url.host, !host.isEmpty else { throw FetchError.invalidURL(string) }
    return url
  }

  /// `text/html; charset="ISO-8859-1"` → ("text/html", "iso-8859-1").
  static func parseContentType(_ value: String?) -> (mediaType: String?, charset: String?) {
    guard let value else { return (nil, nil) }
    let parts = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
    let mediaType = parts.first.map { $0.lowercased() }.flatMap { $0.isEmpty ? nil : $0 }
    var charset: String?
    for parameter in parts.dropFirst() {
      let pair = parameter.split(separator: "=", maxSplits: 1)
      if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" {
        charset = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"' ")).lowercased()
      }
    }
    return (mediaType, charset)
  }

  private static func acceptHeader(_ expectation: ContentExpectation) -> String {
    switch expectation {
    case .html: return "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
    case .feed:
      return "application/rss+xml, application/atom+xml, application/feed+json, "
        + "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
    case .text: return "text/*, application/xml;q=0.9, application/json;q=0.9, */*;q=0.5"
    case .any: return "*/*"
    }
  }

  static func timeAmount(_ duration: Duration) -> TimeAmount {
    let (seconds, attoseconds) = duration.components
    return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
  }

  static func seconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) + Double(attoseconds) / 1e18
  }
}

/// Whether a response's declared type (and, when the label says little, its first bytes) fits
/// what the caller expects.
enum ContentTypeCheck {
  /// Media types that are never pages, feeds or text.
  static func isBinaryType(_ mediaType: String) -> Bool {
    let prefixes = ["image/", "audio/", "video/", "font/", "model/"]
    let exact: Set<String> = [
      "application/pdf", "application/zip", "application/gzip", "application/x-gzip",
      "application/x-tar", "application/x-7z-compressed", "application/vnd.rar",
      "application/x-rar-compressed", "application/wasm", "application/x-shockwave-flash",
      "application/vnd.ms-excel", "application/msword", "application/x-msdownload",
    ]
    return prefixes.contains { mediaType.hasPrefix($0) } || exact.contains(mediaType)
  }

  static func isFeedType(_ mediaType: String) -> Bool {
    mediaType.hasSuffix("+xml") && !mediaType.contains("xhtml") || mediaType.hasSuffix("/xml")
      || mediaType.contains("json")
  }

  /// Refuses, before the body is read, a response whose label rules it out.
  static func before(mediaType: String?, expected: ContentExpectation) throws(FetchError) {
    guard let mediaType, expected != .any else { return }
    if isBinaryType(mediaType) {
      throw FetchError.unexpectedContentType(mediaType: mediaType, expected: expected)
    }
    if expected == .html && isFeedType(mediaType) {
      throw FetchError.unexpectedContentType(mediaType: mediaType, expected: expected)
    }
  }

  /// Refuses binary bodies behind a text label (or no label).
  static func after(body: Data, mediaType: String?, expected: ContentExpectation)
    throws(FetchError)
  {
    guard expected != .any else { return }
    let head = body.prefix(1024)
    let utf16BOM =
      head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF])
    if !utf16BOM && head.contains(0) {
      throw FetchError.unexpectedContentType(
        mediaType: "binary data labelled \(mediaType ?? "with no type")", expected: expected)
    }
  }
}
