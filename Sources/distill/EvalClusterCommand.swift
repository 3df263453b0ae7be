import ArgumentParser
import Distill
import DistillCluster
import DistillEval
import DistillModel
import Foundation

/// `distill eval cluster`: how well story clustering recovers known topics.
struct EvalCluster: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cluster",
    abstract: "Measure story clustering (B-cubed) on folders of newswire articles, one per topic.",
    discussion: """
      Every subfolder of --docs is one gold story; its files are newswire (SGML) articles. \
      The articles of all folders are mixed, fed to the clusterer in publication order, and \
      the stories found are compared with the folders by B-cubed precision, recall and F1.
      """
  )

  @Option(name: .long, help: "Folder whose subfolders each hold the articles of one topic.")
  var docs: String

  @Flag(name: .long, help: "Print the scores as JSON.")
  var json = false

  @Option(name: .long, help: "Fail (exit 1) when B-cubed F1 is below this.")
  var floorF1: Double?

  @Option(name: .long, help: "Fail (exit 1) when B-cubed precision is below this.")
  var floorPrecision: Double?

  @Option(help: "Check precision, recall and F1 against this floors file (exit 1 when below).")
  var floors: String?

  @Option(help: "The floors key prefix (<key>.precision, <key>.recall, <key>.f1).")
  var floorKey = "cluster.duc2006"

  @Flag(help: "Score the stories as filed on arrival, without the consolidated view.")
  var singlePass = false

  @Flag(help: "Also print, per topic, the stories its articles went to (sizes and strays).")
  var byTopic = false

  func run() throws {
    let root = URL(fileURLWithPath: docs)
    let labelled = try TopicFolders.read(root)
    guard !labelled.isEmpty else {
      throw ValidationError("No articles found under \(docs): expected one subfolder per topic.")
    }
    let gold = Dictionary(
      labelled.map { ($0.article.id, $0.topic) }, uniquingKeysWith: { a, _ in a })
    let options = StoryClusteringOptions()
    var clusterer = OnlineStoryClusterer(options: singlePass ? options.filingOnly : options)
    let start = Date()
    let assignments = clusterer.cluster(labelled.map(\.article))
    let seconds = Date().timeIntervalSince(start)
    let predicted = Dictionary(
      assignments.map { ($0.articleID, $0.storyID) }, uniquingKeysWith: { a, _ in a })
    let score = BCubed.score(predicted: predicted, gold: gold)
    let report = EvalClusterReport(
      articles: labelled.count, topics: Set(gold.values).count,
      stories: Set(predicted.values).count, precision: score.precision, recall: score.recall,
      f1: score.f1, seconds: seconds)
    if json {
      print(try jsonString(report))
    } else {
      print(
        """
        articles \(report.articles)  topics \(report.topics)  stories found \(report.stories)
        B-cubed precision \(fmt(report.precision))  recall \(fmt(report.recall))  F1 \(fmt(report.f1))
        clustering time \(String(format: "%.2f", seconds)) s
        """)
      if byTopic { print(Self.breakdown(predicted: predicted, gold: gold), terminator: "") }
    }
    var failures: [String] = []
    if let floors {
      guard let data = FileManager.default.contents(atPath: floors) else {
        throw ValidationError("Cannot read the floors file \(floors).")
      }
      let checks = try QualityFloors(json: data).check([
        "\(floorKey).precision": report.precision, "\(floorKey).recall": report.recall,
        "\(floorKey).f1": report.f1,
      ])
      for check in checks {
        if !json {
          print(
            "floor \(check.key): \(fmt(check.measured)) "
              + (check.passed ? ">= \(check.floor) ok" : "< \(check.floor) BELOW FLOOR"))
        }
        if !check.passed {
          failures.append("\(check.key) \(fmt(check.measured)) is below its floor \(check.floor)")
        }
      }
    }
    if let floorF1, report.f1 < floorF1 {
      failures.append("B-cubed F1 \(fmt(report.f1)) is below the floor \(fmt(floorF1))")
    }
    if let floorPrecision, report.precision < floorPrecision {
      failures.append(
        "B-cubed precision \(fmt(report.precision)) is below the floor \(fmt(floorPrecision))")
    }
    if !failures.isEmpty {
      for failure in failures { FileHandle.standardError.write(Data("distill: \(failure)\n".utf8)) }
      throw ExitCode(1)
    }
  }

  private func fmt(_ value: Double) -> String { String(format: "%.4f", value) }

  /// One line per topic: the stories holding its articles, largest share first, each as
  /// `articles of the topic/story size`, so a split topic and a story that mixes topics both
  /// show.
  static func breakdown(predicted: [String: String], gold: [String: String]) -> String {
    var storySize: [String: Int] = [:]
    var topicStories: [String: [String: Int]] = [:]
    for (article, topic) in gold {
      guard let story = predicted[article] else { continue }
      storySize[story, default: 0] += 1
      topicStories[topic, default: [:]][story, default: 0] += 1
    }
    var out = ""
    for topic in topicStories.keys.sorted() {
      let parts = topicStories[topic]!.sorted {
        $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key
      }.map { "\($0.value)/\(storySize[$0.key]!)" }
      out += "\(topic): \(parts.joined(separator: " "))\n"
    }
    return out
  }
}

/// The scores `distill eval cluster --json` prints.
struct EvalClusterReport: Codable {
  var articles: Int
  var topics: Int
  var stories: Int
  var precision: Double
  var recall: Double
  var f1: Double
  var seconds: Double
}

/// Reads a folder of topic folders (or links to them) into articles labelled with their topic
/// (the folder name); each topic folder is read with its subfolders.
enum TopicFolders {
  static func read(_ root: URL) throws -> [(article: Article, topic: String)] {
    let manager = FileManager.default
    let reader = StandardInputReader()
    var result: [(Article, String)] = []
    for topic in try manager.contentsOfDirectory(atPath: root.path).sorted() {
      // A topic folder may be a symbolic link (a mix of topics from several sets).
      let folder = root.appendingPathComponent(topic).resolvingSymlinksInPath()
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: folder.path, isDirectory: &isDirectory),
        isDirectory.boolValue
      else { continue }
      // A topic may be a link to a folder elsewhere (a mix of sets); the reader does not
      // follow links to folders, so hand it the folder itself. Subfolders are read too.
      let target = folder.resolvingSymlinksInPath().path
      for outcome in reader.read([target], stdin: { Data() }) {
        if case .article(let article) = outcome { result.append((article, topic)) }
      }
    }
    return result
  }
}
