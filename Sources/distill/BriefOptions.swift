import ArgumentParser
import Distill
import DistillFetch
import Foundation

/// Options shared by the commands that print a brief (`brief`, `demo`).
struct BriefOptions: ParsableArguments {
  @Option(name: .long, help: "Word budget of the brief's summary (lede and sections).")
  var words: Int = 200

  @Option(name: .long, help: "A question or topic the brief should answer.")
  var focus: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).",
      valueName: "format"))
  var format: OutputFormat = .md

  @Flag(
    name: .long,
    help: "Re-read the sources and verify every sentence, quote and figure against its citation.")
  var check = false

  @Flag(name: .long, help: "Report on stderr how many junk lines each input lost.")
  var verbose = false

  func validate() throws {
    guard words >= 10 else {
      throw ValidationError("--words must be at least 10 (got \(words)).")
    }
    if let focus, focus.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("--focus needs a question or topic, not an empty string.")
    }
  }
}

extension OutputFormat: ExpressibleByArgument {}

/// Options of the commands that read pages and feeds from the web (`brief`, `ingest`).
struct WebOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp("Read a feed and take the pages it links to.", valueName: "url"))
  var feed: [String] = []

  @Option(name: .long, help: "How many items of each feed to fetch.")
  var feedItems: Int = 20

  @Option(name: .long, help: "Seconds to wait for one page or feed before giving up.")
  var timeout: Int = 30

  @Option(
    name: .long,
    help: "A URL or e-mail address put in the User-Agent so site operators can reach you.")
  var contact: String?

  func validate() throws {
    guard feedItems > 0 else { throw ValidationError("--feed-items must be positive.") }
    guard timeout > 0 else { throw ValidationError("--timeout must be positive.") }
    for url in feed where !WebReader.isURL(url) {
      throw ValidationError("--feed takes an http or https URL (got \(url)).")
    }
  }

  /// A reader of pages and feeds with these limits; pages larger than `maxBytes` are skipped.
  func reader(maxBytes: Int) -> WebReader {
    WebReader(
      fetch: FetchConfiguration(
        totalTimeout: .seconds(timeout), maxBodyBytes: maxBytes,
        userAgent: FetchConfiguration.userAgent(version: DistillVersion.string, contact: contact)),
      itemsPerFeed: feedItems)
  }
}
