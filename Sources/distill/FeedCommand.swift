import ArgumentParser
import Distill
import DistillFeeds
import DistillFetch
import Foundation

extension DistillCommand {
  /// `distill feed FILE_OR_URL...`: parse feeds and list their items.
  struct FeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "feed",
      abstract: "Parse RSS, Atom or JSON feeds (files or http/https URLs) and list their items.",
      discussion: """
        Each feed prints as a header line and one block per item. A feed that cannot be read \
        prints one line on stderr saying why; the exit code is 1 if any feed failed.
        """)

    @Argument(help: "Feed files, http(s) URLs, or - for standard input.")
    var sources: [String]

    @Flag(help: "Print the parsed feeds as JSON instead of text.")
    var json = false

    @Option(help: "Show at most this many items per feed (0 shows all).")
    var limit = 0

    @Option(help: "Refuse feeds larger than this many bytes.")
    var maxBytes = 16 << 20

    @Flag(
      help: """
        Print only a summary line: how many feeds parsed or failed, their items and bytes, \
        and the time spent parsing (excluding reading files and fetching).
        """)
    var stats = false

    @Option(help: "With --stats, parse every feed this many times (for steadier timings).")
    var passes = 1

    @Option(
      help: "Resolve relative links in feed files against this URL (where the file came from).")
    var baseURL: String?

    func validate() throws {
      if sources.isEmpty { throw ValidationError("Name at least one feed file or URL.") }
      if limit < 0 { throw ValidationError("--limit must be 0 (all) or more.") }
      if passes < 1 { throw ValidationError("--passes must be 1 or more.") }
      if passes > 1 && !stats { throw ValidationError("--passes needs --stats.") }
      if stats && json { throw ValidationError("--stats and --json cannot be combined.") }
      if maxBytes < 1 { throw ValidationError("--max-bytes must be positive.") }
      if let baseURL, URL(string: baseURL)?.scheme == nil {
        throw ValidationError(
          "--base-url must be an absolute URL, such as https://example.com/feed.xml.")
      }
    }

    func run() async throws {
      let parser = FeedParser(limits: .init(maxBytes: maxBytes))
      var feeds: [Feed] = []
      var failed = false
      var tally = ParseTally()
      // A client is started only when a URL is given; it is shut down before returning.
      let fetcher =
        sources.contains { $0.contains("://") }
        ? Fetcher(
          configuration: FetchConfiguration(
            maxBodyBytes: maxBytes,
            userAgent: FetchConfiguration.userAgent(version: DistillVersion.string)))
        : nil
      for source in sources {
        do {
          let (data, url) = try await load(source, fetcher: fetcher)
          if stats {
            let started = ContinuousClock.now
            let cpuStarted = ParseTally.processCPUTime()
            var outcome: Result<Feed, FeedError> = .failure(.empty)
            for _ in 0..<passes {
              outcome = Result { () throws(FeedError) in try parser.parse(data, url: url) }
            }
            tally.record(
              outcome, bytes: data.count, elapsed: ContinuousClock.now - started,
              cpu: ParseTally.processCPUTime() - cpuStarted)
            if case .failure(let error) = outcome { throw error }
            continue
          }
          var feed: Feed
          let firstTry = Result { () throws(FeedError) in try parser.parse(data, url: url) }
          if case .failure(.htmlPage(let links)) = firstTry, source.contains("://"),
            let advertised = links.first
          {
            // A site's page instead of its feed: read the feed the page advertises, once.
            reportFeedCommandError(
              "distill: \(source) is an HTML page; reading its feed \(advertised)")
            let (feedData, feedURL) = try await load(advertised, fetcher: fetcher)
            feed = try parser.parse(feedData, url: feedURL)
          } else {
            feed = try firstTry.get()
          }
          if limit > 0 && feed.items.count > limit { feed.items = Array(feed.items.prefix(limit)) }
          if json { feeds.append(feed) } else { print(FeedListing.text(feed, source: source)) }
        } catch let error as FeedError {
          failed = true
          reportFeedCommandError("distill: \(source) \(error.message)")
        } catch let error as FeedSourceError {
          failed = true
          tally.failed += 1
          reportFeedCommandError("distill: \(source): \(error.message)")
        } catch let error as FetchError {
          failed = true
          tally.failed += 1
          reportFeedCommandError("distill: \(source): \(error.message)")
        } catch {
          failed = true
          tally.failed += 1
          reportFeedCommandError("distill: \(source): \(error)")
        }
      }
      if let fetcher { try? await fetcher.shutdown() }
      if stats { print(tally.summary(passes: passes)) }
      if json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        print(String(decoding: try encoder.encode(feeds), as: UTF8.self))
      }
      if failed { throw ExitCode.failure }
    }

    private func load(_ source: String, fetcher: Fetcher?) async throws -> (Data, URL?) {
      if source == "-" {
        return (FileHandle.standardInput.readDataToEndOfFile(), nil)
      }
      if source.contains("://"), let fetcher {
        let result = try await fetcher.fetch(source, accept: .feed)
        return (result.body, result.finalURL)
      }
      let url = URL(fileURLWithPath: source)
      guard FileManager.default.fileExists(atPath: url.path) else {
        throw FeedSourceError(message: "no such file or directory")
      }
      return (try Data(contentsOf: url), baseURL.flatMap { URL(string: $0) })
    }
  }

  /// `distill opml import FILE` / `distill opml export URL...`.
  struct OPMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "opml",
      abstract: "Read or write OPML subscription lists.",
      subcommands: [Import.self, Export.self])

    struct Import: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "List the feeds in an OPML file, one per line: URL, a tab, folder/title.")

      @Argument(help: "The OPML file, or - for standard input.")
      var file: String

      func run() throws {
        let data: Data
        if file == "-" {
          data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
          guard FileManager.default.fileExists(atPath: file) else {
            reportFeedCommandError("distill: \(file): no such file")
            throw ExitCode.failure
          }
          data = try Data(contentsOf: URL(fileURLWithPath: file))
        }
        do {
          let document = try OPMLDocument.parse(data)
          for subscription in document.subscriptions {
            let path = (subscription.folders + [subscription.title]).joined(separator: "/")
            print("\(subscription.feedURL)\t\(path)")
          }
        } catch {
          reportFeedCommandError("distill: \(file) \(error.message)")
          throw ExitCode.failure
        }
      }
    }

    struct Export: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Write an OPML subscription list for the given feed URLs.",
        discussion: """
          Each argument is a feed URL, optionally followed by a tab and folder/title (the \
          format `distill opml import` prints), so `import` and `export` round-trip.
          """)

      @Option(help: "The list's title.")
      var title = "Distill subscriptions"

      @Argument(help: "Feed URLs (or URL<TAB>folder/title lines); - reads them from stdin.")
      var feeds: [String]

      func run() throws {
        var lines = feeds
        if lines == ["-"] {
          let input = String(
            decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
          lines = input.split(whereSeparator: \.isNewline).map(String.init)
        }
        let subscriptions = lines.compactMap { line -> Subscription? in
          let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
          guard let url = parts.first?.trimmingCharacters(in: .whitespaces), !url.isEmpty else {
            return nil
          }
          let path = parts.count > 1 ? parts[1].split(separator: "/").map(String.init) : []
          return Subscription(
            title: path.last ?? url, feedURL: url, folders: Array(path.dropLast()))
        }
        print(OPMLDocument(title: title, subscriptions: subscriptions).xml(), terminator: "")
      }
    }
  }
}

/// Counts for `distill feed --stats`.
private struct ParseTally {
  var parsed = 0
  var failed = 0
  var items = 0
  var bytes = 0
  var elapsed = Duration.zero
  var cpu = 0.0

  /// CPU seconds this process has used: on a shared, loaded machine wall time mostly measures
  /// the other processes, while parsing runs on one thread.
  static func processCPUTime() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }

  mutating func record(
    _ outcome: Result<Feed, FeedError>, bytes: Int, elapsed: Duration, cpu: Double
  ) {
    self.bytes += bytes
    self.elapsed += elapsed
    self.cpu += cpu
    switch outcome {
    case .success(let feed):
      parsed += 1
      items += feed.items.count
    case .failure:
      failed += 1
    }
  }

  func summary(passes runs: Int) -> String {
    let seconds =
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let perPass = seconds / Double(runs)
    let cpuPerPass = cpu / Double(runs)
    let megabytes = Double(bytes) / 1_048_576
    return String(
      format: "%d feeds parsed, %d failed, %d items, %.2f MB; per pass (%d passes): "
        + "%.2f ms CPU, %.2f ms wall; %.0f feeds/s, %.1f MB/s (CPU)",
      parsed, failed, items, megabytes, runs, cpuPerPass * 1000, perPass * 1000,
      cpuPerPass > 0 ? Double(parsed + failed) / cpuPerPass : 0,
      cpuPerPass > 0 ? megabytes / cpuPerPass : 0)
  }
}

private struct FeedSourceError: Error {
  var message: String
}

/// The text listing `distill feed` prints.
enum FeedListing {
  static func text(_ feed: Feed, source: String) -> String {
    var lines: [String] = []
    let title = feed.title.map { "\"\($0)\"" } ?? "(untitled)"
    var header = "\(source): \(feed.kind.displayName) feed \(title)"
    if let site = feed.siteLink { header += " <\(site)>" }
    header += ", \(feed.items.count) item\(feed.items.count == 1 ? "" : "s")"
    lines.append(header)
    for warning in feed.warnings { lines.append("  warning: \(warning)") }
    let formatter = ISO8601DateFormatter()
    for (index, item) in feed.items.enumerated() {
      lines.append("\(index + 1). \(oneLine(item.title ?? "(untitled)"))")
      if let link = item.link { lines.append("   \(link)") }
      var facts: [String] = []
      if let date = item.published { facts.append(formatter.string(from: date)) }
      if let updated = item.updated, updated != item.published {
        facts.append("updated \(formatter.string(from: updated))")
      }
      if !item.authors.isEmpty { facts.append("by \(item.authors.joined(separator: ", "))") }
      if !item.categories.isEmpty { facts.append("[\(item.categories.joined(separator: ", "))]") }
      if !facts.isEmpty { lines.append("   \(facts.joined(separator: " · "))") }
      var sizes: [String] = []
      if let summary = item.summary { sizes.append("summary \(summary.count) chars") }
      if let content = item.content { sizes.append("content \(content.count) chars") }
      if !item.media.isEmpty { sizes.append("\(item.media.count) media") }
      if !sizes.isEmpty { lines.append("   \(sizes.joined(separator: ", "))") }
    }
    return lines.joined(separator: "\n")
  }

  private static func oneLine(_ text: String) -> String {
    text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }
}

private func reportFeedCommandError(_ message: String) {
  FileHandle.standardError.write(Data((message + "\n").utf8))
}
