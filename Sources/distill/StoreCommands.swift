import ArgumentParser
import Distill
import DistillCluster
import DistillModel
import DistillStore
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
struct IngestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ingest",
    abstract: "Store articles in the database and file each into a story.",
    discussion: """
      An article already stored (same canonical URL, or same id, and same text) is not stored \
      again; a changed article becomes a new version. New articles are filed in publication \
      order, each into the stored story it belongs to or a new one; earlier filings stand, so \
      story ids never change (several processes sharing a database file in turn). Each \
      story that changed gets a new brief \
      (`distill story ID` prints it), with a "What's new" part once it had one before. Exit \
      status 2 when some inputs were skipped, 65 when none held an article. An ingest \
      that was killed midway is completed by the next one: what it stored but did not file \
      or brief is filed and briefed.
      """
  )

  @OptionGroup var store: StoreOptions

  @Argument(help: "Article files or folders (`-` reads standard input).")
  var inputs: [String] = []

  func validate() throws {
    if inputs.isEmpty {
      throw ValidationError("Give at least one article file or folder to ingest.")
    }
  }

  func run() throws {
    let database = try store.open()
    defer { database.close() }
    let outcomes = StandardInputReader().read(
      inputs, stdin: { FileHandle.standardInput.readDataToEndOfFile() })
    let articles = outcomes.filter {
      if case .article = $0 { return true }
      return false
    }
    // Saves, files every stored article into stories, and re-briefs the stories that changed.
    let report = try StoryDesk(store: database).ingest(outcomes)
    for skip in report.skipped {
      FileHandle.standardError.write(Data("\(skip)\n".utf8))
    }
    guard !articles.isEmpty else {
      FileHandle.standardError.write(Data("distill: no articles to ingest\n".utf8))
      throw ExitCode.noArticles
    }
    let stored = try database.allArticles().count
    let stories = try database.stories(updatedSince: Date(timeIntervalSince1970: 0))
      .filter { !$0.articleIDs.isEmpty }.count
    print(
      "stored \(report.added.count) new, \(report.updated.count) updated, "
        + "\(report.unchanged.count) unchanged; \(stored) articles in \(stories) stories; "
        + "\(report.briefVersions.count) \(report.briefVersions.count == 1 ? "brief" : "briefs") written"
    )
    if !report.skipped.isEmpty { throw ExitCode.someInputsSkipped }
  }
}

/// `distill stories`: the stories in the database.
struct StoriesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stories",
    abstract: "List the stored stories, most recently updated first.")

  @OptionGroup var store: StoreOptions

  @Option(name: .long, help: "Only stories updated on or after this date (YYYY-MM-DD).")
  var since: String?

  @Flag(name: .long, help: "Print JSON.")
  var json = false

  func validate() throws {
    if let since, Self.date(since) == nil {
      throw ValidationError("--since must be a date written YYYY-MM-DD, such as 2024-09-01.")
    }
  }

  static func date(_ text: String) -> Date? {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd"
    return formatter.date(from: text)
  }

  struct Listing: Codable {
    var id: String
    var updatedAt: Date
    var articles: [String]
    var titles: [String]
  }

  func run() throws {
    let database = try store.open()
    defer { database.close() }
    let since = self.since.flatMap(Self.date) ?? Date(timeIntervalSince1970: 0)
    var listings: [Listing] = []
    for story in try database.stories(updatedSince: since) {
      let titles = try database.articles(inStory: story.id).map(\.title)
      listings.append(
        Listing(
          id: story.id, updatedAt: story.updatedAt, articles: story.articleIDs, titles: titles))
    }
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      encoder.dateEncodingStrategy = .iso8601
      print(String(decoding: try encoder.encode(listings), as: UTF8.self))
      return
    }
    for listing in listings {
      let count = listing.articles.count
      print("\(listing.id)  (\(count) article\(count == 1 ? "" : "s"))")
      for title in listing.titles { print("  \(title)") }
    }
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
