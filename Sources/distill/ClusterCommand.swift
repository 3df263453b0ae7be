import ArgumentParser
import Distill
import DistillCluster
import DistillModel
import Foundation

/// `distill cluster`: group articles into stories.
struct ClusterCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cluster",
    abstract: "Group articles into stories, oldest first, and print the story each joined.",
    discussion: """
      Inputs are files or folders of articles (plain text, HTML, newswire SGML; `-` reads \
      standard input). Articles are taken in publication order (undated ones last); each joins the most similar recent \
      story or starts a new one, named after its first article. Story ids shown are final: \
      when a later article shows two stories are one, both print the older id. Exit status \
      2 when some inputs were skipped (each named on stderr), 65 when none held an article.
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @Option(name: .long, help: "Output format: text or json.")
  var format: Format = .text

  @Argument(help: "Article files or folders.")
  var inputs: [String] = []

  func validate() throws {
    if inputs.isEmpty {
      throw ValidationError("Give at least one article file or folder to cluster.")
    }
  }

  func run() throws {
    var articles: [Article] = []
    var skipped = false
    for outcome in StandardInputReader().read(
      inputs, stdin: { FileHandle.standardInput.readDataToEndOfFile() })
    {
      switch outcome {
      case .article(let article): articles.append(article)
      case .skipped(let source, let reason):
        skipped = true
        FileHandle.standardError.write(Data("\(Skip(source: source, reason: reason))\n".utf8))
      }
    }
    guard !articles.isEmpty else {
      FileHandle.standardError.write(Data("distill: no articles to cluster\n".utf8))
      throw ExitCode.noArticles
    }
    let ordered = StoryClustering.publicationOrder(articles)

    var clusterer = OnlineStoryClusterer()
    let fingerprinter = NearDuplicateFingerprinter()
    var duplicates = NearDuplicateIndex()
    var rows: [(input: String, assignment: StoryAssignment, duplicateOf: String?)] = []
    for article in ordered {
      let assignment = clusterer.add(article)
      let fingerprint = fingerprinter.fingerprint(article.text)
      let duplicateOf = duplicates.nearDuplicates(of: fingerprint).first?.id
      duplicates.insert(id: article.id, fingerprint: fingerprint)
      rows.append((article.source.location, assignment, duplicateOf))
    }
    let inputOf = Dictionary(rows.map { ($0.assignment.articleID, $0.input) }) { a, _ in a }
    // Each article's story with all the inputs in view (see `consolidatedView()`).
    let view = clusterer.consolidatedView()
    func story(_ assignment: StoryAssignment) -> String {
      view[assignment.articleID] ?? clusterer.currentStoryID(assignment.storyID)
    }

    switch format {
    case .json:
      let items = rows.map {
        ClusterRow(input: $0.input, story: story($0.assignment))
      }
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      print(String(decoding: try encoder.encode(items), as: UTF8.self))
    case .text:
      for row in rows {
        let story = story(row.assignment)
        var line =
          row.assignment.isNewStory
          ? "\(row.input)\t\(story)\tnew story"
          : "\(row.input)\t\(story)\tjoined (similarity \(String(format: "%.2f", row.assignment.similarity)))"
        if story != clusterer.currentStoryID(row.assignment.storyID) {
          line += "; regrouped on hindsight"
        }
        if let original = row.duplicateOf {
          line += "; near-duplicate of \(inputOf[original] ?? original)"
        }
        print(line)
      }
      let stories = Set(rows.map { story($0.assignment) }).count
      print(
        "\(rows.count) article\(rows.count == 1 ? "" : "s") in \(stories) stor\(stories == 1 ? "y" : "ies")"
      )
    }
    if skipped { throw ExitCode.someInputsSkipped }
  }
}

/// One row of `distill cluster --format json`.
struct ClusterRow: Codable, Equatable {
  var input: String
  var story: String
}
