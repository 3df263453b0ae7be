import ArgumentParser
import Dispatch
import Distill
import DistillFeeds
import DistillFetch
import DistillStore
import Foundation
import Logging

/// `distill watch`: poll feeds, store what is new, keep the stories' briefs current.
struct WatchCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "watch",
    abstract: "Poll feeds, store new articles, and re-brief the stories they change.",
    discussion: """
      The watcher registers its feeds in the database, then takes them one at a time: it \
      claims a feed that is due and that no other watcher holds, leasing it for --lease \
      (renewed every third of that while the feed is polled); fetches it with the ETag and Last-Modified of its last answer (an unchanged feed costs \
      one request); reads the items no earlier poll of it read; stores them, files them into \
      stories and writes a new brief for each story that changed; and records the feed's \
      validators, the items read and its next poll (--every later). When no feed is due it \
      sleeps until the next one is (at most --every). Validators and items read are kept in \
      the database, so a restarted watcher fetches only what is new. Several watchers can \
      share one database (a PostgreSQL server, or a SQLite file on one machine): each feed \
      is polled by one of them at a time, and a feed whose watcher died is taken over when \
      its lease runs out. --once polls the feeds that are due and exits. One line per round \
      goes to standard output; logs go to standard error. SIGINT or SIGTERM stops the \
      watcher: the feed being polled is released with nothing of it stored (it stays due), \
      an ingest under way finishes; then the store is closed and the exit status is 0.
      """
  )

  @OptionGroup var store: StoreOptions

  @Option(
    name: .long, parsing: .upToNextOption,
    help: "Feed URLs, or OPML files whose subscriptions are polled.")
  var feeds: [String] = []

  @Option(
    name: .long,
    help: "Time between two polls of a feed: 90s, 10m, 1h (plain numbers are seconds).")
  var every: String = "10m"

  @Flag(name: .long, help: "Poll the feeds that are due, then exit.")
  var once = false

  @Option(
    name: .long,
    help: """
      How long a claimed feed stays this watcher's before another may take it: 90s, 5m. \
      Renewed every third of it while the feed is polled; a dead watcher's feed is free \
      again at most this long after.
      """)
  var lease: String = "5m"

  @Option(
    name: .long,
    help: "This watcher's name on the feeds it leases (default host:pid); unique per watcher.")
  var owner: String?

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
    if Self.interval(lease) == nil {
      throw ValidationError("--lease takes a time such as 90s or 5m (got \(lease)).")
    }
    if owner?.isEmpty == true { throw ValidationError("--owner must not be empty.") }
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
    let leaseSeconds = Self.interval(lease)!
    let owner = self.owner ?? "\(Self.hostName()):\(ProcessInfo.processInfo.processIdentifier)"

    // The store is opened here and released when this function returns: after the loop ends.
    let database = try store.open()
    guard let ledger = database as? any FeedLedger else {
      throw ValidationError("The database \(store.db) cannot keep feeds.")
    }
    let desk = StoryDesk(store: database, logger: Logger(label: "distill.desk"))
    let fetcher = Fetcher(
      configuration: FetchConfiguration(
        politenessDelay: .milliseconds(Int(delay * 1000)),
        userAgent: FetchConfiguration.userAgent(version: DistillVersion.string)))
    let poller = WatchPoller(
      feeds: urls, ledger: ledger, owner: owner, leaseSeconds: leaseSeconds, interval: seconds,
      fetcher: fetcher, itemsPerFeed: items, logger: logger)
    try poller.register()
    logger.info(
      "watching",
      metadata: [
        "feeds": "\(urls.count)", "every": "\(seconds)s", "lease": "\(leaseSeconds)s",
        "owner": "\(owner)",
      ])

    let once = self.once
    let loop = Task {
      // Rounds are numbered and printed when they poll a feed: a watcher that wakes to find
      // every feed taken by other watchers, or not due yet, has nothing to say.
      var number = 1
      while !Task.isCancelled {
        var failed = false
        do {
          let poll = try await poller.pollDueFeeds(into: desk, number: number)
          if once || !poll.feeds.isEmpty {
            number += 1
            Self.emit(poll.summaryLine)
            logger.info(
              "round done",
              metadata: [
                "feeds": "\(poll.feeds.count)", "notModified": "\(poll.notModified)",
                "items": "\(poll.fetchedItems)",
              ])
            for skip in poll.report.skipped { logger.warning("\(skip)") }
          } else {
            logger.debug("no feed due")
          }
        } catch is CancellationError {
          break
        } catch {
          // A store failure is not worth dying for in a long-running watcher; say it and retry.
          logger.error("poll failed", metadata: ["error": "\(error)"])
          if once { return false }
          failed = true
        }
        if once { break }
        // After a failure the feed it left is due at once: wait a full interval rather than
        // retrying it (and its server) in a tight loop.
        let pause = failed ? seconds : Self.pause(poller, every: seconds)
        do {
          try await Task.sleep(for: Self.sleep(pause))
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

  /// This machine's name, without a DNS lookup (which Foundation's `hostName` may make).
  static func hostName() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
    let name = String(
      decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return name.isEmpty ? "localhost" : name
  }

  /// Seconds to sleep after a round: until the next feed is due (or another watcher's lease
  /// on it runs out), at least a moment and at most `every`.
  static func pause(_ poller: WatchPoller, every: Double) -> Double {
    guard let next = try? poller.nextDue() else { return every }
    return min(every, max(0.2, next.timeIntervalSinceNow))
  }

  /// A pause as a duration, rounded up to the millisecond: waking a moment before the next
  /// feed is due would find nothing to poll.
  static func sleep(_ seconds: Double) -> Duration {
    .milliseconds(Int((seconds * 1000).rounded(.up)))
  }

  /// Prints a line and flushes it, so a reader on a pipe sees each round as it ends.
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
