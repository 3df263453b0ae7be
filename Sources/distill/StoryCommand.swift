import ArgumentParser
import Distill
import Foundation

/// `distill story ID`: the newest stored brief of one story.
struct StoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "story",
    abstract: "Print the newest stored brief of a story (ids as `distill stories` lists them).")

  @OptionGroup var store: StoreOptions

  @Option(
    name: .long,
    help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
  var format: OutputFormat = .md

  @Argument(help: "The story id.")
  var id: String

  func run() throws {
    let database = try store.open()
    defer { database.close() }
    let desk = StoryDesk(store: database)
    guard let stored = try desk.latestBrief(story: id) else {
      FileHandle.standardError.write(
        Data(
          "distill: no brief is stored for the story \(id) in \(store.db); `distill stories` lists the stories.\n"
            .utf8))
      throw ExitCode.failure
    }
    let isTTY = isatty(STDOUT_FILENO) == 1
    let width = Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80
    let output = format.renderer(colour: isTTY, width: width).render(stored.brief)
    FileHandle.standardOutput.write(Data(output.utf8))
  }
}
