import ArgumentParser
import Distill
import DistillText
import Foundation

extension DistillCommand {
  struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "bench",
      abstract: "Measure speed; prints medians (build with -c release for real figures).",
      subcommands: [BenchPipeline.self, BenchSummarize.self, BenchCluster.self, BenchDesk.self],
      defaultSubcommand: BenchPipeline.self)
  }

  struct BenchPipeline: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "pipeline",
      abstract: "Time the demo brief and one newswire topic, end to end and by stage.")

    @Option(help: "Runs per measurement (the median is reported).")
    var runs: Int = 7

    @Option(help: "A folder of articles to time besides the demo (e.g. one DUC topic).")
    var topic: String?

    func validate() throws {
      guard runs >= 1 else { throw ValidationError("--runs must be at least 1.") }
    }

    func run() throws {
      let pipeline = Pipeline.standard()
      var rows: [(String, [Double])] = []

      rows.append(
        ("demo: read + brief", measure { _ = pipeline.brief(DemoCorpus.read(with: pipeline)) }))
      let demo = DemoCorpus.read(with: pipeline)
      rows.append(("demo: brief (articles read)", measure { _ = pipeline.brief(demo) }))
      let demoDocuments = pipeline.brief(demo).documents
      let demoSummary = pipeline.summarizer.summarize(
        demoDocuments, request: SummaryRequest(wordBudget: pipeline.configuration.wordBudget))
      rows.append(
        (
          "demo: compose stage",
          measure { _ = pipeline.composer.compose(demoDocuments, summary: demoSummary) }
        ))

      let topicPath = topic ?? Self.defaultTopic
      if let topicPath {
        let articles = pipeline.reader.read([topicPath], stdin: { Data() }).compactMap {
          if case .article(let a) = $0 { return a }
          return nil
        }
        let name = URL(fileURLWithPath: topicPath).lastPathComponent
        rows.append(
          (
            "\(name) (\(articles.count) articles): read + brief",
            measure { _ = pipeline.run(inputs: [topicPath]) }
          ))
        rows.append(("\(name): brief (articles read)", measure { _ = pipeline.brief(articles) }))
        let documents = pipeline.brief(articles).documents
        rows.append(
          (
            "\(name): sentence splitting",
            measure {
              let splitter = SentenceSplitter()
              for (i, a) in articles.enumerated() {
                _ = splitter.sentences(of: a, documentIndex: i)
              }
            }
          ))
        let request = SummaryRequest(wordBudget: pipeline.configuration.wordBudget)
        rows.append(
          (
            "\(name): summarize stage",
            measure { _ = pipeline.summarizer.summarize(documents, request: request) }
          ))
        let summary = pipeline.summarizer.summarize(documents, request: request)
        rows.append(
          (
            "\(name): compose stage",
            measure { _ = pipeline.composer.compose(documents, summary: summary) }
          ))
      } else {
        print("(no topic folder: pass --topic DIR, or place ../shared/data beside the project)")
      }
      print("runs per row: \(runs); times in milliseconds")
      print(pad("measurement", 48) + pad("median", 10) + pad("min", 10) + "max")
      for (label, times) in rows {
        let sorted = times.sorted()
        print(
          pad(label, 48) + pad(format(sorted[sorted.count / 2]), 10) + pad(format(sorted[0]), 10)
            + format(sorted[sorted.count - 1]))
      }
    }

    static var defaultTopic: String? {
      let path =
        FileManager.default.currentDirectoryPath + "/../shared/data/duc2006-dev/docs/D0601A"
      return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    func measure(_ body: () -> Void) -> [Double] {
      (0..<runs).map { _ in
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
      }
    }

    func pad(_ s: String, _ width: Int) -> String {
      s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }

    func format(_ ms: Double) -> String { String(format: "%.1f", ms) }
  }
}

/// `--sizes 10000,25000`: the sizes a benchmark runs, smallest first.
enum SizeList {
  /// The comma-separated whole numbers in `text`, each at least `minimum`, sorted; an entry
  /// that is not one ("10k", "", "-5") is refused rather than skipped.
  static func parse(_ text: String, atLeast minimum: Int) throws -> [Int] {
    var sizes: [Int] = []
    for entry in text.split(separator: ",", omittingEmptySubsequences: false) {
      let trimmed = entry.trimmingCharacters(in: .whitespaces)
      guard let size = Int(trimmed), size >= minimum else {
        throw ValidationError(
          "--sizes takes whole numbers of at least \(minimum) separated by commas; "
            + "\"\(trimmed)\" is not one.")
      }
      sizes.append(size)
    }
    return sizes.sorted()
  }
}
