import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOEmbedded
import NIOHTTP1
import NIOHTTPCompression
import NIOPosix

/// A real HTTP/1.1 server on 127.0.0.1 (ephemeral port) serving fixture pages and feeds,
/// including misbehaving ones: slow, oversized, redirect loops, compression bombs, wrong labels
/// and conditional GET. Each test starts its own and stops it when done.
final class FixtureServer: Sendable {
  let port: Int
  private let channel: any Channel
  private let log: NIOLockedValueBox<[HTTPRequestHead]>

  /// Every request received, in order.
  var requests: [HTTPRequestHead] { log.withLockedValue { $0 } }

  func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

  private init(channel: any Channel, log: NIOLockedValueBox<[HTTPRequestHead]>) {
    self.channel = channel
    self.log = log
    self.port = channel.localAddress?.port ?? 0
  }

  static func start() async throws -> FixtureServer {
    let log = NIOLockedValueBox<[HTTPRequestHead]>([])
    let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.configureHTTPServerPipeline()
          try channel.pipeline.syncOperations.addHandler(FixtureHandler(log: log))
        }
      }
    let channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
    return FixtureServer(channel: channel, log: log)
  }

  func stop() async {
    try? await channel.close()
  }

  /// Runs `body` against a fresh server and stops the server afterwards.
  static func with<T>(_ body: (FixtureServer) async throws -> T) async throws -> T {
    let server = try await start()
    do {
      let result = try await body(server)
      await server.stop()
      return result
    } catch {
      await server.stop()
      throw error
    }
  }

  // MARK: Fixture documents

  static let page = """
    <!DOCTYPE html><html><head><title>Harbor vote</title>
    <link rel="alternate" type="application/rss+xml" href="/feed.xml"></head>
    <body><article><p>The council voted on Tuesday.</p></article></body></html>
    """

  static let feed = """
    <?xml version="1.0" encoding="UTF-8"?>
    <rss version="2.0"><channel><title>Fixture News</title><link>/</link>
    <item><title>One</title><link>/article/1</link><pubDate>Tue, 02 Mar 2021 18:00:00 GMT</pubDate></item>
    <item><title>Two</title><link>article/2</link></item>
    <item><title>Gone</title><link>/status/404</link></item>
    <item><title>No link</title><description>text only</description></item>
    </channel></rss>
    """

  static func article(_ number: String) -> String {
    "<!DOCTYPE html><html><head><title>Article \(number)</title></head>"
      + "<body><p>Body of article \(number).</p></body></html>"
  }

  /// `data` compressed as the server side of HTTP would (gzip or deflate), using the same
  /// compressor a NIO server uses, run in an embedded channel.
  static func compress(_ data: [UInt8], encoding: String) throws -> [UInt8] {
    let channel = EmbeddedChannel()
    try channel.pipeline.syncOperations.addHandler(HTTPResponseCompressor())
    try channel.writeInbound(
      HTTPServerRequestPart.head(
        HTTPRequestHead(
          version: .http1_1, method: .GET, uri: "/",
          headers: ["Accept-Encoding": encoding])))
    try channel.writeOutbound(
      HTTPServerResponsePart.head(HTTPResponseHead(version: .http1_1, status: .ok)))
    try channel.writeOutbound(
      HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: data))))
    try channel.writeOutbound(HTTPServerResponsePart.end(nil))
    var output: [UInt8] = []
    while let part = try channel.readOutbound(as: HTTPServerResponsePart.self) {
      if case .body(.byteBuffer(let buffer)) = part {
        output += buffer.readableBytesView
      }
    }
    _ = try channel.finish()
    return output
  }

  /// 20 MB of zeros, gzipped to about 20 KB: a compression bomb.
  static let bomb: [UInt8] =
    (try? compress([UInt8](repeating: 0, count: 20 << 20), encoding: "gzip"))
    ?? []
}

private final class FixtureHandler: ChannelInboundHandler {
  typealias InboundIn = HTTPServerRequestPart
  typealias OutboundOut = HTTPServerResponsePart

  private let log: NIOLockedValueBox<[HTTPRequestHead]>
  private var head: HTTPRequestHead?

  init(log: NIOLockedValueBox<[HTTPRequestHead]>) {
    self.log = log
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head(let head): self.head = head
    case .body: break
    case .end:
      if let head {
        log.withLockedValue { $0.append(head) }
        respond(context: context, request: head)
      }
      head = nil
    }
  }

  private func respond(context: ChannelHandlerContext, request: HTTPRequestHead) {
    let path = String(request.uri.split(separator: "?").first ?? "")
    let html = "text/html; charset=utf-8"
    switch path {
    case "/page.html":
      send(context, body: FixtureServer.page, type: html)
    case "/feed.xml":
      send(context, body: FixtureServer.feed, type: "application/rss+xml; charset=\"UTF-8\"")
    case "/feed-labelled-html":
      send(context, body: FixtureServer.feed, type: html)
    case "/html-labelled-feed":
      send(context, body: FixtureServer.page, type: "application/rss+xml")
    case "/png-labelled-html":
      send(
        context, bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], type: html)
    case "/image.png":
      send(context, bytes: [0x89, 0x50, 0x4E, 0x47, 0, 0], type: "image/png")
    case "/latin1.html":
      send(
        context, bytes: Array("<p>Caf".utf8) + [0xE9] + Array("</p>".utf8),
        type: "text/html; charset=ISO-8859-1")
    case _ where path.hasPrefix("/article/"):
      send(
        context, body: FixtureServer.article(String(path.dropFirst("/article/".count))), type: html)
    case "/etag.xml":
      let etag = "\"v1\""
      let lastModified = "Tue, 02 Mar 2021 18:00:00 GMT"
      var headers: HTTPHeaders = ["ETag": etag, "Last-Modified": lastModified]
      if request.headers["If-None-Match"].contains(etag)
        || request.headers["If-Modified-Since"].contains(lastModified)
      {
        send(context, status: .notModified, headers: headers, bytes: nil)
      } else {
        headers.add(name: "Content-Type", value: "application/rss+xml")
        send(context, status: .ok, headers: headers, bytes: Array(FixtureServer.feed.utf8))
      }
    case _ where path.hasPrefix("/redirect/"):
      let remaining = Int(path.dropFirst("/redirect/".count)) ?? 0
      let target = remaining > 0 ? "/redirect/\(remaining - 1)" : "/page.html"
      send(context, status: .found, headers: ["Location": target], bytes: nil)
    case "/loop-a":
      send(context, status: .movedPermanently, headers: ["Location": "/loop-b"], bytes: nil)
    case "/loop-b":
      send(context, status: .movedPermanently, headers: ["Location": "/loop-a"], bytes: nil)
    case "/redirect-to-file":
      send(context, status: .found, headers: ["Location": "file:///etc/passwd"], bytes: nil)
    case "/redirect-without-location":
      send(context, status: .found, headers: [:], bytes: nil)
    case _ where path.hasPrefix("/status/"):
      let code = Int(path.dropFirst("/status/".count)) ?? 500
      send(
        context, status: HTTPResponseStatus(statusCode: code), headers: ["Content-Type": html],
        bytes: Array("<p>no</p>".utf8))
    case "/big":
      send(
        context, bytes: [UInt8](repeating: UInt8(ascii: "a"), count: 2 << 20), type: "text/plain")
    case "/big-chunked":
      // No Content-Length: the client only learns the size by reading.
      context.write(
        wrapOutboundOut(
          .head(
            HTTPResponseHead(
              version: request.version, status: .ok,
              headers: [
                "Content-Type": "text/html", "Transfer-Encoding": "chunked",
              ]))), promise: nil)
      let chunk = ByteBuffer(repeating: UInt8(ascii: "b"), count: 64 << 10)
      for _ in 0..<64 { context.write(wrapOutboundOut(.body(.byteBuffer(chunk))), promise: nil) }
      context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    case "/gzip-page", "/deflate-page":
      let encoding = path == "/gzip-page" ? "gzip" : "deflate"
      let body =
        (try? FixtureServer.compress(Array(FixtureServer.page.utf8), encoding: encoding)) ?? []
      send(
        context, status: .ok, headers: ["Content-Type": html, "Content-Encoding": encoding],
        bytes: body)
    case "/gzip-bomb":
      send(
        context, status: .ok, headers: ["Content-Type": html, "Content-Encoding": "gzip"],
        bytes: FixtureServer.bomb)
    case "/slow-headers":
      // The response starts only after 3 s.
      context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(3)) {
        self.send(context, body: FixtureServer.page, type: html)
      }
    case "/slow-body":
      // Headers at once, then one byte every 250 ms for at most 40 bytes (bounded in time).
      context.writeAndFlush(
        wrapOutboundOut(
          .head(
            HTTPResponseHead(
              version: request.version, status: .ok,
              headers: [
                "Content-Type": "text/html", "Content-Length": "40",
              ]))), promise: nil)
      dribble(context, remaining: 40, every: .milliseconds(250))
    default:
      send(
        context, status: .notFound, headers: ["Content-Type": html],
        bytes: Array("<p>not found</p>".utf8))
    }
  }

  private func dribble(_ context: ChannelHandlerContext, remaining: Int, every: TimeAmount) {
    guard remaining > 0, context.channel.isActive else {
      if context.channel.isActive {
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
      }
      return
    }
    context.eventLoop.assumeIsolated().scheduleTask(in: every) {
      guard context.channel.isActive else { return }
      context.writeAndFlush(
        self.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: "x")))), promise: nil)
      self.dribble(context, remaining: remaining - 1, every: every)
    }
  }

  private func send(_ context: ChannelHandlerContext, body: String, type: String) {
    send(context, bytes: Array(body.utf8), type: type)
  }

  private func send(_ context: ChannelHandlerContext, bytes: [UInt8], type: String) {
    send(context, status: .ok, headers: ["Content-Type": type], bytes: bytes)
  }

  private func send(
    _ context: ChannelHandlerContext, status: HTTPResponseStatus, headers: HTTPHeaders,
    bytes: [UInt8]?
  ) {
    var headers = headers
    if status != .notModified {
      headers.replaceOrAdd(name: "Content-Length", value: "\(bytes?.count ?? 0)")
    }
    context.write(
      wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))),
      promise: nil)
    if let bytes, !bytes.isEmpty {
      context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: bytes)))), promise: nil)
    }
    context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
  }
}
