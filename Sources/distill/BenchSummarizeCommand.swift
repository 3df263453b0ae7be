import ArgumentParser
import Distill
import DistillModel
import DistillSummarize
import DistillText
import Foundation

extension DistillCommand {
  /// Times the summarize stage alone on one folder of articles (the speed target is one
  /// 25-article DUC topic in under 100 ms, release build, after the articles are read).
  struct BenchSummarize: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "summarize",
      abstract: "Time StorySummarizer on one topic folder (articles read and split beforehand).")

    @Option(help: "Runs per measurement (the median is reported).")
    var runs: Int = 21

    @Option(help: "A folder of articles (default: ../shared/data/duc2006-dev/docs/D0601A).")
    var topic: String?

    @Option(help: "Word budget of the summary.")
    var words: Int = 250

    @Option(help: "A focus question; by default the summary is generic.")
    var focus: String?

    func validate() throws {
      guard runs >= 1 else { throw ValidationError("--runs must be at least 1.") }
      guard words >= 1 else { throw ValidationError("--words must be at least 1.") }
    }

    func run() throws {
      guard let topicPath = topic ?? BenchPipeline.defaultTopic else {
        throw ValidationError(
          "No topic folder: pass --topic DIR, or place ../shared/data beside the project.")
      }
      let pipeline = Pipeline.standard()
      let articles = pipeline.reader.read([topicPath], stdin: { Data() }).compactMap {
        if case .article(let a) = $0 { return a }
        return nil
      }
      guard !articles.isEmpty else {
        throw ValidationError("No articles could be read from \(topicPath).")
      }
      let splitter = SentenceSplitter()
      var documents: [Document] = []
      let split = time {
        documents = articles.enumerated().map { index, article in
          Document(
            article: article, sentences: splitter.sentences(of: article, documentIndex: index))
        }
      }
      let summarizer = StorySummarizer()
      let request = SummaryRequest(wordBudget: words, focus: focus)
      let summarize = time { _ = summarizer.summarize(documents, request: request) }
      let name = URL(fileURLWithPath: topicPath).lastPathComponent
      let sentences = documents.reduce(0) { $0 + $1.sentences.count }
      print("\(name): \(articles.count) articles, \(sentences) sentences; \(words) words")
      print("runs per row: \(runs); times in milliseconds")
      print(
        "measurement".padding(toLength: 28, withPad: " ", startingAt: 0) + "median    min       max"
      )
      for (label, times) in [("split sentences", split), ("summarize", summarize)] {
        let sorted = times.sorted()
        let cells = [sorted[sorted.count / 2], sorted[0], sorted[sorted.count - 1]].map {
          String(format: "%.2f", $0).padding(toLength: 10, withPad: " ", startingAt: 0)
        }
        print(label.padding(toLength: 28, withPad: " ", startingAt: 0) + cells.joined())
      }
    }

    func time(_ body: () -> Void) -> [Double] {
      (0..<runs).map { _ in
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
      }
    }
  }
}
