import ArgumentParser
import Distill
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
