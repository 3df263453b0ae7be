import ArgumentParser
import DistillCluster
import DistillEval
import Foundation

/// `distill bench cluster`: story clustering on a large synthetic stream.
struct BenchCluster: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cluster",
    abstract: "Time story clustering on synthetic streams of growing size.",
    discussion: """
      Each size is a fresh stream from the same seed (Zipf vocabulary, heavy-tailed story \
      sizes) clustered from scratch; only clustering is timed, not making the articles. Then \
      the consolidated view of the whole stream is taken once and timed apart ("view s"), \
      and scored too. Peak memory is the process's high-water mark (VmHWM), so sizes run \
      smallest first. Build with -c release for real figures.
      """
  )

  @Option(help: "Comma-separated stream sizes, in articles.")
  var sizes: String = "10000,25000,50000,100000"

  @Option(help: "Seed of the synthetic stream.")
  var seed: UInt64 = 42

  @Flag(help: "Print the figures as JSON.")
  var json = false

  func validate() throws {
    _ = try SizeList.parse(sizes, atLeast: 1)
  }

  private var parsedSizes: [Int] { (try? SizeList.parse(sizes, atLeast: 1)) ?? [] }

  struct Row: Codable {
    var articles: Int
    var stories: Int
    var storiesFound: Int
    /// Wall-clock seconds spent clustering.
    var seconds: Double
    /// CPU seconds the clustering thread used (below `seconds` when the machine is busy).
    var cpuSeconds: Double
    var microsecondsPerArticle: Double
    var precision: Double
    var recall: Double
    var f1: Double
    /// Wall-clock seconds to take the consolidated view once, at the end of the stream.
    var viewSeconds: Double
    var viewPrecision: Double
    var viewRecall: Double
    var viewF1: Double
    var peakRSSMegabytes: Double?
  }

  func run() throws {
    var rows: [Row] = []
    if !json {
      print(
        "articles  stories  found   seconds  CPU s    µs/article  B3-P    B3-R    B3-F1   "
          + "view s  view-P  view-R  view-F1 peak RSS")
    }
    for size in parsedSizes {
      let stream = SyntheticNewsStream(articles: size, seed: seed)
      var clusterer = OnlineStoryClusterer()
      var gold: [String: String] = [:]
      var predicted: [String: String] = [:]
      var elapsed: Duration = .zero
      var cpu = 0.0
      let clock = ContinuousClock()
      for (article, story) in stream {
        gold[article.id] = story
        let start = clock.now
        let cpuStart = Self.threadCPUSeconds()
        let assignment = clusterer.add(article)
        cpu += Self.threadCPUSeconds() - cpuStart
        elapsed += clock.now - start
        predicted[article.id] = assignment.storyID
      }
      for (id, story) in predicted { predicted[id] = clusterer.currentStoryID(story) }
      let score = BCubed.score(predicted: predicted, gold: gold)
      let viewStart = clock.now
      var consolidated = predicted
      for (id, story) in clusterer.consolidatedView() { consolidated[id] = story }
      let viewSeconds = Self.seconds(clock.now - viewStart)
      let viewScore = BCubed.score(predicted: consolidated, gold: gold)
      let seconds = Self.seconds(elapsed)
      let row = Row(
        articles: size, stories: Set(gold.values).count,
        storiesFound: Set(predicted.values).count, seconds: seconds, cpuSeconds: cpu,
        microsecondsPerArticle: seconds / Double(size) * 1e6, precision: score.precision,
        recall: score.recall, f1: score.f1, viewSeconds: viewSeconds,
        viewPrecision: viewScore.precision, viewRecall: viewScore.recall, viewF1: viewScore.f1,
        peakRSSMegabytes: Self.peakRSSMegabytes())
      rows.append(row)
      if !json {
        print(
          String(
            format:
              "%8d  %7d  %6d  %7.2f  %7.2f  %10.1f  %.4f  %.4f  %.4f  %6.2f  %.4f  %.4f  %.4f  %@",
            row.articles, row.stories, row.storiesFound, row.seconds, row.cpuSeconds,
            row.microsecondsPerArticle, row.precision, row.recall, row.f1, row.viewSeconds,
            row.viewPrecision, row.viewRecall, row.viewF1,
            row.peakRSSMegabytes.map { String(format: "%.0f MB", $0) } ?? "n/a"))
      }
    }
    if json {
      print(try jsonString(rows))
    }
  }

  static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }

  /// CPU time used by the calling thread so far.
  static func threadCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
  }

  /// The process's peak resident set (VmHWM in /proc/self/status), when the system reports it.
  static func peakRSSMegabytes() -> Double? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
      return nil
    }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
      let kilobytes = line.split(whereSeparator: { !$0.isNumber }).compactMap { Double($0) }.first
      return kilobytes.map { $0 / 1024 }
    }
    return nil
  }
}
