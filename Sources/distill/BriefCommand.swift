import ArgumentParser
import Distill
import Foundation

extension DistillCommand {
  struct BriefCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "brief",
      abstract: "Distill articles about one story into a cited brief.",
      discussion: """
        INPUT is a file, a folder (every article file in it), or - for standard input. Plain \
        text (title on the first line), HTML pages and newswire SGML are read; UTF-8 and Latin-1.

        Exit status: 0 brief written; 2 brief written but some inputs were skipped (each is \
        named on stderr); 1 --check failed; 65 no input yielded an article; 64 usage error.
        """)

    @OptionGroup var options: BriefOptions

    @Option(name: .long, help: "Skip inputs larger than this many bytes.")
    var maxBytes: Int = 10_000_000

    @Argument(help: "Files, folders, or - for standard input.")
    var inputs: [String] = []

    func validate() throws {
      if inputs.isEmpty {
        throw ValidationError("Give at least one INPUT: a file, a folder, or - for stdin.")
      }
      guard maxBytes > 0 else { throw ValidationError("--max-bytes must be positive.") }
    }

    func run() throws {
      let configuration = PipelineConfiguration(
        wordBudget: options.words, focus: options.focus, maxInputBytes: maxBytes)
      let pipeline = Pipeline.standard(configuration)
      let stdinData = inputs.contains("-") ? FileHandle.standardInput.readDataToEndOfFile() : Data()
      let run = pipeline.run(inputs: inputs, stdin: { stdinData })
      try BriefRunner(options: options).finish(run) {
        // A second, independent read of the same inputs: the brief must rest on what the
        // files say now, not on what the first pass kept in memory.
        pipeline.reader.read(inputs, stdin: { stdinData }).compactMap {
          if case .article(let article) = $0 { return article.text }
          return nil
        }
      }
    }
  }

  struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "demo",
      abstract: "Brief the embedded sample story (fictional articles from fictional outlets).")

    @OptionGroup var options: BriefOptions

    func run() throws {
      let configuration = PipelineConfiguration(wordBudget: options.words, focus: options.focus)
      let pipeline = Pipeline.standard(configuration)
      let run = pipeline.brief(DemoCorpus.read(with: pipeline))
      try BriefRunner(options: options).finish(run) {
        DemoCorpus.read(with: pipeline).map(\.text)
      }
    }
  }
}
