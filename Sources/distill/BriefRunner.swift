import ArgumentParser
import Distill
import Foundation

/// Prints a brief run the same way for every command: the brief on stdout, skips and the
/// check verdict on stderr, and the exit status that sums it up.
struct BriefRunner {
  var options: BriefOptions

  func finish(_ run: BriefRun, rereadSources: () -> [String]) throws {
    for skip in run.skips { printError(skip.description) }
    for merge in run.merged { printError(merge.description) }
    if options.verbose {
      for article in run.articles {
        let cleaning = article.cleaning
        let rules = cleaning.removedByRule.sorted { $0.key < $1.key }
          .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        printError(
          "distill: read \(article.source.location): \(cleaning.linesRemoved) of "
            + "\(cleaning.linesIn) lines removed\(rules.isEmpty ? "" : " (\(rules))")")
      }
    }
    guard let brief = run.brief else {
      printError("distill: no article could be read from the inputs; nothing to brief.")
      throw ExitCode.noArticles
    }
    let isTTY = isatty(STDOUT_FILENO) == 1
    let width = Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80
    let output = options.format.renderer(colour: isTTY, width: width).render(brief)
    FileHandle.standardOutput.write(Data(output.utf8))

    if options.check {
      let failures = BriefVerifier().verify(brief, rereadSources: rereadSources())
      if failures.isEmpty {
        printError(
          "distill: check passed: \(brief.allSentences.count) sentences, \(brief.quotes.count) "
            + "quotes and \(brief.figures.count) figures rest on their \(brief.sources.count) sources."
        )
      } else {
        for failure in failures { printError("distill: check: \(failure)") }
        printError("distill: check FAILED: \(failures.count) problems.")
        throw ExitCode.checkFailed
      }
    }
    if !run.skips.isEmpty { throw ExitCode.someInputsSkipped }
  }
}

func printError(_ line: String) {
  FileHandle.standardError.write(Data((line + "\n").utf8))
}
