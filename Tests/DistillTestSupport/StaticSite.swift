import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A real HTTP/1.1 server on 127.0.0.1 (ephemeral port) serving a fixed table of documents, for
/// end-to-end runs of the built binary against "the web". Unknown paths answer 404. It counts
/// the requests for each path; on request it sends ETags (and answers a matching
/// If-None-Match with 304) and leaves the first request for some paths unanswered, as a
/// server that hangs.
public final class StaticSite: Sendable {
  /// One document: its media type (with charset, if any) and its bytes.
  public struct Document: Sendable {
    public var contentType: String
    public var body: [UInt8]
    public init(_ contentType: String, _ body: String) {
      self.contentType = contentType
      self.body = Array(body.utf8)
    }
  }

  public let port: Int
  private let channel: any Channel
  private let site: SiteTable

  public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

  private init(channel: any Channel, site: SiteTable) {
    self.channel = channel
    self.site = site
    self.port = channel.localAddress?.port ?? 0
  }

  /// How many requests for `path` arrived so far (answered or not).
  public func requests(_ path: String) -> Int {
    site.requests.withLockedValue { $0[path, default: 0] }
  }

  /// Starts serving `documents`, keyed by path ("/feed.xml"). `documents` may refer to the
  /// server's own address through the `{base}` placeholder, replaced when served. With
  /// `etags`, each answer carries an ETag of its body. The first request for each path of
  /// `hangingOnce` is never answered.
  public static func start(
    _ documents: [String: Document], etags: Bool = false, hangingOnce: Set<String> = []
  ) async throws -> StaticSite {
    let site = SiteTable(documents: documents, etags: etags, hangingOnce: hangingOnce)
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.configureHTTPServerPipeline()
          try channel.pipeline.syncOperations.addHandler(StaticSiteHandler(site: site))
        }
      }
      .bind(host: "127.0.0.1", port: 0).get()
    let server = StaticSite(channel: channel, site: site)
    site.base.withLockedValue { $0 = server.url("") }
    return server
  }

  public func stop() async {
    try? await channel.close()
  }
}

private final class SiteTable: Sendable {
  let documents: [String: StaticSite.Document]
  let etags: Bool
  let hangingOnce: Set<String>
  let base = NIOLockedValueBox("")
  let requests = NIOLockedValueBox<[String: Int]>([:])
  init(documents: [String: StaticSite.Document], etags: Bool, hangingOnce: Set<String>) {
    self.documents = documents
    self.etags = etags
    self.hangingOnce = hangingOnce
  }

  /// Counts a request; true when it is to be left unanswered.
  func arrived(_ path: String) -> Bool {
    let count = requests.withLockedValue { counts in
      counts[path, default: 0] += 1
      return counts[path, default: 0]
    }
    return count == 1 && hangingOnce.contains(path)
  }

  /// A strong validator of `body` (FNV-1a).
  static func etag(_ body: [UInt8]) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in body {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    return "\"\(String(hash, radix: 16))\""
  }
}

private final class StaticSiteHandler: ChannelInboundHandler {
  typealias InboundIn = HTTPServerRequestPart
  typealias OutboundOut = HTTPServerResponsePart
  let site: SiteTable

  init(site: SiteTable) { self.site = site }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    guard case .head(let request) = unwrapInboundIn(data) else { return }
    let path = String(request.uri.split(separator: "?", maxSplits: 1).first ?? "")
    // A hanging server: the client waits until it gives up or dies.
    if site.arrived(path) { return }
    let base = site.base.withLockedValue { $0 }
    var status = HTTPResponseStatus.ok
    var type = "text/plain; charset=utf-8"
    var body = Array("not found".utf8)
    if let document = site.documents[path] {
      type = document.contentType
      body = Array(
        String(decoding: document.body, as: UTF8.self)
          .replacingOccurrences(of: "{base}", with: base).utf8)
    } else {
      status = .notFound
    }
    var headers = HTTPHeaders()
    if site.etags, status == .ok {
      let tag = SiteTable.etag(body)
      headers.add(name: "ETag", value: tag)
      if request.headers["If-None-Match"].contains(tag) {
        status = .notModified
        body = []
      }
    }
    headers.add(name: "Content-Type", value: type)
    headers.add(name: "Content-Length", value: String(body.count))
    headers.add(name: "Connection", value: "close")
    let head = HTTPResponseHead(version: request.version, status: status, headers: headers)
    context.write(wrapOutboundOut(.head(head)), promise: nil)
    var buffer = context.channel.allocator.buffer(capacity: body.count)
    buffer.writeBytes(body)
    context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
    context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
      context.close(promise: nil)
    }
  }
}
