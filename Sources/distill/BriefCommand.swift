import ArgumentParser
import Distill
import DistillFetch
import Foundation

extension DistillCommand {
  struct BriefCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "brief",
      abstract: "Distill articles about one story into a cited brief.",
      discussion: """
        INPUT is a file, a folder (every article file in it), - for standard input, or an \
        http(s) URL of an article page. --feed URL reads a feed (RSS, Atom, JSON Feed) and \
        fetches the pages its items link to. Plain text (title on the first line), HTML pages \
        and newswire SGML are read; UTF-8, UTF-16 and Latin-1; .gz files are inflated.

        With --check, files are read a second time and the brief is verified against what \
        they say now; fetched pages are verified against the copy fetched for this run.

        Exit status: 0 brief written; 2 brief written but some inputs were skipped (each is \
        named on stderr); 1 --check failed; 65 no input yielded an article; 64 usage error.
        """)

    @OptionGroup var options: BriefOptions

    @Option(name: .long, help: "Skip inputs larger than this many bytes.")
    var maxBytes: Int = 10_000_000

    @OptionGroup var web: WebOptions

    @Argument(help: "Files, folders, - for standard input, or http(s) URLs.")
    var inputs: [String] = []

    func validate() throws {
      if inputs.isEmpty && web.feed.isEmpty {
        throw ValidationError(
          "Give at least one INPUT (a file, a folder, - for stdin, or a URL) or --feed URL.")
      }
      guard maxBytes > 0 else { throw ValidationError("--max-bytes must be positive.") }
    }

    func run() async throws {
      let configuration = PipelineConfiguration(
        wordBudget: options.words, focus: options.focus, maxInputBytes: maxBytes)
      let pipeline = Pipeline.standard(configuration)
      let urls = inputs.filter(WebReader.isURL)
      let files = inputs.filter { !WebReader.isURL($0) }
      let stdinData = files.contains("-") ? FileHandle.standardInput.readDataToEndOfFile() : Data()

      let fetched = await web.reader(maxBytes: maxBytes).read(
        urls: urls, feeds: web.feed, with: pipeline.reader)
      let fromFiles = pipeline.reader.read(files, stdin: { stdinData })
      let run = pipeline.brief(outcomes: fromFiles + fetched)
      try BriefRunner(options: options).finish(run) {
        // A second, independent read of the files: the brief must rest on what they say now,
        // not on what the first pass kept in memory.
        let reread = pipeline.reader.read(files, stdin: { stdinData }) + fetched
        return reread.compactMap {
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
