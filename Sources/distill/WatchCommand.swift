import ArgumentParser
import Dispatch
import Distill
import DistillFeeds
import DistillFetch
import Foundation
import Logging

/// `distill watch`: poll feeds, store what is new, keep the stories' briefs current.
struct WatchCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "watch",
    abstract: "Poll feeds, store new articles, and re-brief the stories they change.",
    discussion: """
      Each poll fetches every feed (with the ETag and Last-Modified of its last answer, so an \
      unchanged feed costs one request), reads the items not read before, stores them, files \
      them into stories and writes a new brief for each story that changed. One line per \
      poll goes to standard output; logs go to standard error. The feeds' validators are \
      kept in memory only: a restarted watcher fetches everything once more, and the store \
      finds the articles it already has unchanged. SIGINT or SIGTERM stops the watcher: \
      a poll still fetching is abandoned (nothing of it is stored), an ingest under way \
      finishes; then the store is closed and the exit status is 0.
      """
  )

  @OptionGroup var store: StoreOptions

  @Option(
    name: .long, parsing: .upToNextOption,
    help: "Feed URLs, or OPML files whose subscriptions are polled.")
  var feeds: [String] = []

  @Option(name: .long, help: "Time between polls: 90s, 10m, 1h (plain numbers are seconds).")
  var every: String = "10m"

  @Flag(name: .long, help: "Poll once and exit.")
  var once = false

  @Option(name: .long, help: "How many items of each feed are read per poll.")
  var items: Int = 20

  @Option(name: .long, help: "Least seconds between two requests to the same host.")
  var delay: Double = 1

  @Option(name: .long, help: "Log level on standard error: trace, debug, info, warning, error.")
  var logLevel: String = "info"

  func validate() throws {
    if feeds.isEmpty {
      throw ValidationError("Give at least one feed URL or OPML file with --feeds.")
    }
    if Self.interval(every) == nil {
      throw ValidationError("--every takes a time such as 90s, 10m or 1h (got \(every)).")
    }
    if items < 1 { throw ValidationError("--items must be at least 1.") }
    if !(delay >= 0) { throw ValidationError("--delay must be 0 or more seconds.") }
    if Logger.Level(rawValue: logLevel) == nil {
      throw ValidationError("--log-level must be trace, debug, info, notice, warning or error.")
    }
  }

  /// Seconds in `text`: `90`, `90s`, `10m`, `1h`; nil when unreadable or not positive.
  static func interval(_ text: String) -> Double? {
    let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600]
    var number = Substring(text)
    var scale = 1.0
    if let last = text.last, let unit = units[last] {
      number = text.dropLast()
      scale = unit
    }
    guard let value = Double(number), value > 0, value.isFinite else { return nil }
    return value * scale
  }

  /// The feed URLs named directly or by OPML files, in order, without repeats.
  func feedURLs() throws -> [String] {
    var urls: [String] = []
    for entry in feeds {
      if WebReader.isURL(entry) {
        urls.append(entry)
        continue
      }
      let data: Data
      do {
        data = try Data(contentsOf: URL(fileURLWithPath: entry))
      } catch {
        throw ValidationError("--feeds \(entry) is neither a URL nor a readable OPML file.")
      }
      do {
        urls += try OPMLDocument.parse(data).subscriptions.map(\.feedURL)
      } catch {
        throw ValidationError("--feeds \(entry) is not an OPML file: \(error)")
      }
    }
    var seen: Set<String> = []
    return urls.filter { seen.insert($0).inserted }
  }

  func run() async throws {
    let level = Logger.Level(rawValue: logLevel) ?? .info
    LoggingSystem.bootstrap { label in
      var handler = StreamLogHandler.standardError(label: label)
      handler.logLevel = level
      return handler
    }
    let logger = Logger(label: "distill.watch")
    let urls = try feedURLs()
    guard !urls.isEmpty else { throw ValidationError("The OPML files list no feeds.") }
    let seconds = Self.interval(every)!

    // The store is opened here and released when this function returns: after the loop ends.
    let desk = StoryDesk(store: try store.open(), logger: Logger(label: "distill.desk"))
    let fetcher = Fetcher(
      configuration: FetchConfiguration(
        politenessDelay: .milliseconds(Int(delay * 1000)),
        userAgent: FetchConfiguration.userAgent(version: DistillVersion.string)))
    let poller = WatchPoller(feeds: urls, fetcher: fetcher, itemsPerFeed: items, logger: logger)
    logger.info("watching", metadata: ["feeds": "\(urls.count)", "every": "\(seconds)s"])

    let once = self.once
    let loop = Task {
      var state = WatchState()
      while !Task.isCancelled {
        do {
          let poll = try await poller.poll(into: desk, state: &state)
          Self.emit(poll.summaryLine)
          for skip in poll.report.skipped { logger.warning("\(skip)") }
        } catch is CancellationError {
          break
        } catch {
          // A store failure is not worth dying for in a long-running watcher; say it and retry.
          logger.error("poll failed", metadata: ["error": "\(error)"])
          if once { return false }
        }
        if once { break }
        do {
          try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
        } catch {
          break
        }
      }
      return true
    }

    let signals = SignalWatch(signals: [SIGINT, SIGTERM]) { signal in
      logger.info("stopping", metadata: ["signal": "\(signal)"])
      loop.cancel()
    }
    let succeeded = await loop.value
    signals.stop()
    try? await fetcher.shutdown()
    logger.info("stopped")
    if !succeeded { throw ExitCode.failure }
  }

  /// Prints a line and flushes it, so a reader on a pipe sees each poll as it ends.
  static func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
  }
}

/// Turns SIGINT/SIGTERM into a callback instead of the default immediate exit, so the watcher
/// can stop between polls.
final class SignalWatch {
  private let sources: [any DispatchSourceSignal]

  init(signals: [Int32], onSignal: @escaping @Sendable (Int32) -> Void) {
    let queue = DispatchQueue(label: "distill.signals")
    sources = signals.map { number in
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler { onSignal(number) }
      source.resume()
      return source
    }
  }

  func stop() {
    for source in sources { source.cancel() }
  }
}
