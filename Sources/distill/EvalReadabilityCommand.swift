import ArgumentParser
import Distill
import DistillCompose
import Foundation

/// `distill eval readability`: briefs each story folder (and the demo) and counts what reads
/// unlike a wire story. Hidden: a measurement for developing the composer.
struct EvalReadabilityCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "readability",
    abstract: "Count openings that lean on missing context, questions, surname-only speakers, "
      + "repeated sentences and one-word headings in briefs.",
    discussion: """
      Each FOLDER is one story (e.g. a DUC topic folder). With --demo, the embedded demo story \
      is counted too. With --check, each brief is also verified against its sources and the \
      failures are counted. Prints one line per brief, then the totals.
      """,
    shouldDisplay: false)

  @Argument(help: "Folders, one story each.")
  var folders: [String] = []

  @Flag(help: "Count the demo story's brief too.")
  var demo = false

  @Flag(help: "Verify each brief against its sources and count the failures.")
  var check = false

  @Flag(help: "Print each counted sentence, quote or heading under its brief.")
  var verbose = false

  func validate() throws {
    if folders.isEmpty && !demo { throw ValidationError("Give at least one FOLDER or --demo.") }
  }

  func run() throws {
    let pipeline = Pipeline.standard(PipelineConfiguration())
    var total = ReadabilityCounts()
    var failures = 0
    var stories: [(name: String, run: () -> BriefRun, reread: () -> [String])] = folders.map {
      folder in
      (
        URL(fileURLWithPath: folder).lastPathComponent, { pipeline.run(inputs: [folder]) },
        {
          pipeline.reader.read([folder], stdin: { Data() }).compactMap {
            if case .article(let a) = $0 { return a.text }
            return nil
          }
        }
      )
    }
    if demo {
      stories.append(
        (
          "demo", { pipeline.brief(DemoCorpus.read(with: pipeline)) },
          { DemoCorpus.read(with: pipeline).map(\.text) }
        ))
    }
    for story in stories {
      guard let brief = story.run().brief else {
        printError("distill: \(story.name): no article could be read.")
        continue
      }
      let counts = ReadabilityCheck.counts(brief)
      total = total + counts
      var line = "\(story.name): \(counts.problems) problems"
      if check {
        let found = BriefVerifier().verify(brief, rereadSources: story.reread())
        failures += found.count
        line += ", check \(found.isEmpty ? "passed" : "FAILED (\(found.count))")"
      }
      print(line)
      if verbose {
        for finding in ReadabilityCheck.findings(brief) { print("  \(finding)") }
      }
    }
    for row in total.rows { print("\(row.name): \(row.value)") }
    print("problems: \(total.problems)")
    if check {
      print("check failures: \(failures)")
      if failures > 0 { throw ExitCode.checkFailed }
    }
  }
}
