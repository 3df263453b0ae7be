import ArgumentParser
import Distill
import DistillCluster
import DistillFetch
import DistillModel
import DistillStore
import DistillText
import Foundation

/// The database option shared by the commands that use the article store.
struct StoreOptions: ParsableArguments {
  @Option(
    name: .long,
    help: """
      The database: a SQLite file (created when missing), or postgres://user:pass@host:port/db \
      for a PostgreSQL server several watchers share.
      """)
  var db: String = "distill.sqlite"

  func open() throws -> any ArticleStore {
    let lower = db.lowercased()
    do {
      if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
        return try PostgresStore.open(url: db)
      }
      return try SQLiteStore(path: db)
    } catch {
      // PostgreSQL errors never include the password (see PostgresStoreConfiguration).
      throw ValidationError("Cannot open the database: \(error)")
    }
  }
}

/// `distill ingest`: store articles and file them into stories.
struct IngestCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ingest",
    abstract: "Store articles in the database and file each into a story.",
    discussion: """
      INPUT is a file, a folder, - for standard input, or an http(s) URL of an article page; \
      --feed URL reads a feed and ingests the pages its items link to. \
      An article already stored (same canonical URL, or same id, and same text) is not stored \
      again; a changed article becomes a new version. New articles are filed in publication \
      order, each into the stored story it belongs to or a new one; earlier filings stand, so \
      story ids never change (several processes sharing a database file in turn). Each \
      story that changed gets a new brief \
      (`distill story ID` prints it), with a "What's new" part once it had one before. Exit \
      status 2 when some inputs were skipped, 65 when none held an article. An ingest \
      that was killed midway is completed by the next one: what it stored but did not file \
      or brief is filed and briefed. One line per article filed says which story it \
      joined or started (and any stories it showed to be one), then a summary line.
      """
  )

  @OptionGroup var store: StoreOptions

  @OptionGroup var web: WebOptions

  @Option(name: .long, help: "Skip inputs larger than this many bytes.")
  var maxBytes: Int = 10_000_000

  @Argument(help: "Article files, folders, - for standard input, or http(s) URLs of pages.")
  var inputs: [String] = []

  func validate() throws {
    if inputs.isEmpty && web.feed.isEmpty {
      throw ValidationError(
        "Give at least one article file or folder to ingest (or a URL, or --feed URL).")
    }
    guard maxBytes > 0 else { throw ValidationError("--max-bytes must be positive.") }
  }

  func run() async throws {
    let database = try store.open()
    defer { database.close() }
    let urls = inputs.filter(WebReader.isURL)
    let files = inputs.filter { !WebReader.isURL($0) }
    let reader = StandardInputReader(maxBytes: maxBytes)
    var outcomes = reader.read(files, stdin: { FileHandle.standardInput.readDataToEndOfFile() })
    if !urls.isEmpty || !web.feed.isEmpty {
      outcomes += await web.reader(maxBytes: maxBytes).read(
        urls: urls, feeds: web.feed, with: reader)
    }
    var titles: [String: String] = [:]
    for case .article(let article) in outcomes { titles[article.id] = article.title }
    // Saves, files what is new into stories, and re-briefs the stories that changed.
    let report = try StoryDesk(store: database).ingest(outcomes)
    for skip in report.skipped {
      FileHandle.standardError.write(Data("\(skip)\n".utf8))
    }
    guard !titles.isEmpty else {
      FileHandle.standardError.write(Data("distill: no articles to ingest\n".utf8))
      throw ExitCode.noArticles
    }
    for assignment in report.filed {
      let title =
        try titles[assignment.articleID] ?? database.article(id: assignment.articleID)?.title
        ?? assignment.articleID
      let verb = assignment.isNewStory ? "new story" : "joined"
      print("\(verb) \(assignment.storyID): \(title)")
    }
    // Stories decided again with the new articles in view: earlier articles that moved.
    for (id, story) in report.regrouped.sorted(by: { $0.key < $1.key }) {
      let title = try database.article(id: id)?.title ?? id
      print("moved to \(story): \(title)")
    }
    // Counted by the database: decoding every stored article just to count them made each
    // ingest cost as much as the whole database.
    let counts = try database.counts()
    print(
      "stored \(report.added.count) new, \(report.updated.count) updated, "
        + "\(report.unchanged.count) unchanged; \(counts.articles) articles in "
        + "\(counts.stories) stories; "
        + "\(report.briefVersions.count) \(report.briefVersions.count == 1 ? "brief" : "briefs") written"
    )
    if !report.skipped.isEmpty { throw ExitCode.someInputsSkipped }
  }
}

/// `distill stories`: the stories in the database.
struct StoriesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stories",
    abstract: "List the stored stories, most recently updated first.",
    discussion: """
      The table gives each story's id (for `distill story ID`), when it was last updated and \
      first seen, how many sources it has, their outlets, and its brief's headline.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case table, json
  }

  @OptionGroup var store: StoreOptions

  @Option(
    name: .long,
    help:
      "Only stories updated within this long (90m, 24h, 7d, 2w) or since this date (YYYY-MM-DD).")
  var since: String?

  @Option(name: .long, help: "Output format: table or json.")
  var format: Format = .table

  func validate() throws {
    if let since, Self.cutoff(since, now: Date()) == nil {
      throw ValidationError(
        "--since takes a duration such as 24h, 90m, 7d or 2w, or a date written YYYY-MM-DD (got \(since))."
      )
    }
  }

  /// The instant `text` names: `now` minus a duration (`90m`, `24h`, `7d`, `2w`), or a date.
  static func cutoff(_ text: String, now: Date) -> Date? {
    let units: [Character: Double] = ["m": 60, "h": 3600, "d": 86_400, "w": 604_800]
    if let unit = text.last.flatMap({ units[$0] }), let value = Double(text.dropLast()),
      value >= 0, value.isFinite
    {
      return now.addingTimeInterval(-value * unit)
    }
    guard text.count == 10 else { return nil }
    return DateField.parse(text)
  }

  /// One story as listed.
  struct Listing: Codable {
    var id: String
    var headline: String?
    var sources: Int
    var outlets: [String]
    var firstSeen: Date
    var updatedAt: Date
    var articles: [String]
    var titles: [String]
  }

  func run() throws {
    let database = try store.open()
    defer { database.close() }
    let since = self.since.flatMap { Self.cutoff($0, now: Date()) } ?? .distantPast
    var listings: [Listing] = []
    for story in try database.stories(updatedSince: since) where !story.articleIDs.isEmpty {
      let articles = try database.articles(inStory: story.id)
      var outlets: [String] = []
      for outlet in articles.compactMap(\.metadata.outlet) where !outlets.contains(outlet) {
        outlets.append(outlet)
      }
      listings.append(
        Listing(
          id: story.id, headline: try database.latestBrief(forStory: story.id)?.brief.headline,
          sources: articles.count, outlets: outlets, firstSeen: story.createdAt,
          updatedAt: story.updatedAt, articles: story.articleIDs, titles: articles.map(\.title)))
    }
    switch format {
    case .json:
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      encoder.dateEncodingStrategy = .iso8601
      print(String(decoding: try encoder.encode(listings), as: UTF8.self))
    case .table:
      let width = Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 120
      print(Self.table(listings, width: width), terminator: "")
    }
  }

  /// Aligned columns; outlets and headline cut with "…" to fit `width` where they can.
  static func table(_ listings: [Listing], width: Int) -> String {
    guard !listings.isEmpty else { return "no stories\n" }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd HH:mm"
    func cut(_ text: String, _ limit: Int) -> String {
      text.count <= limit ? text : String(text.prefix(max(1, limit - 1))) + "…"
    }
    let rows = listings.map { listing in
      [
        listing.id, formatter.string(from: listing.updatedAt),
        formatter.string(from: listing.firstSeen), String(listing.sources),
        cut(listing.outlets.joined(separator: ", "), 32),
        listing.headline ?? listing.titles.first ?? "",
      ]
    }
    let header = ["STORY", "UPDATED (UTC)", "FIRST SEEN (UTC)", "SOURCES", "OUTLETS", "HEADLINE"]
    var widths = header.map(\.count)
    for row in rows {
      for (column, cell) in row.enumerated().dropLast() {
        widths[column] = max(widths[column], cell.count)
      }
    }
    let used = widths.dropLast().reduce(0, +) + 2 * (widths.count - 1)
    let headlineWidth = max(24, width - used)
    var out = ""
    for row in [header] + rows {
      var line = ""
      for (column, cell) in row.enumerated() {
        if column == row.count - 1 {
          line += cut(cell, headlineWidth)
        } else {
          let padding = String(repeating: " ", count: widths[column] - cell.count)
          // The sources count is a number: right-aligned.
          line += (column == 3 ? padding + cell : cell + padding) + "  "
        }
      }
      out += line + "\n"
    }
    return out
  }
}

/// `distill search`: full-text search over stored articles and briefs.
struct SearchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "search",
    abstract: "Search stored articles and briefs; every word must match (stems count).")

  @OptionGroup var store: StoreOptions

  @Option(name: .long, help: "Most results to show.")
  var limit: Int = 20

  @Argument(help: "Words to look for.")
  var words: [String] = []

  func validate() throws {
    if words.isEmpty { throw ValidationError("Give at least one word to search for.") }
    if limit < 1 { throw ValidationError("--limit must be at least 1.") }
  }

  func run() throws {
    let database = try store.open()
    defer { database.close() }
    let hits = try database.search(words.joined(separator: " "), limit: limit)
    if hits.isEmpty {
      print("no matches")
      return
    }
    for hit in hits {
      print("\(hit.kind.rawValue) \(hit.id): \(hit.title)")
      print("  \(hit.snippet)")
    }
  }
}
