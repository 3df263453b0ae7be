import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A real HTTP/1.1 server on 127.0.0.1 (ephemeral port) serving a fixed table of documents, for
/// end-to-end runs of the built binary against "the web". Unknown paths answer 404.
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

  public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

  private init(channel: any Channel) {
    self.channel = channel
    self.port = channel.localAddress?.port ?? 0
  }

  /// Starts serving `documents`, keyed by path ("/feed.xml"). `documents` may refer to the
  /// server's own address through the `{base}` placeholder, replaced when served.
  public static func start(_ documents: [String: Document]) async throws -> StaticSite {
    let site = SiteTable(documents: documents)
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.configureHTTPServerPipeline()
          try channel.pipeline.syncOperations.addHandler(StaticSiteHandler(site: site))
        }
      }
      .bind(host: "127.0.0.1", port: 0).get()
    let server = StaticSite(channel: channel)
    site.base.withLockedValue { $0 = server.url("") }
    return server
  }

  public func stop() async {
    try? await channel.close()
  }
}

private final class SiteTable: Sendable {
  let documents: [String: StaticSite.Document]
  let base = NIOLockedValueBox("")
  init(documents: [String: StaticSite.Document]) { self.documents = documents }
}

private final class StaticSiteHandler: ChannelInboundHandler {
  typealias InboundIn = HTTPServerRequestPart
  typealias OutboundOut = HTTPServerResponsePart
  let site: SiteTable

  init(site: SiteTable) { self.site = site }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    guard case .head(let request) = unwrapInboundIn(data) else { return }
    let path = String(request.uri.split(separator: "?", maxSplits: 1).first ?? "")
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
