import ArgumentParser
import DistillEval
import DistillExtract
import DistillModel
import DistillSummarize
import DistillText
import Foundation

/// `distill eval duc`: summarize every DUC topic and score the summaries with ROUGE.
struct EvalDucCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "duc",
    abstract: "Summarize every topic of a DUC data set and score it with ROUGE.",
    discussion: """
      Reads the DUC layout: --docs holds one folder per topic named by its id (D0601A), \
      --topics the topics.sgml file (<num>, <title>, <narr>), --models the model summaries \
      (D0601.M.250.A.B). With --update, each topic folder holds the batches D0703A-A, D0703A-B, \
      D0703A-C: batch B is summarized given A as already read, C given A and B, and models are \
      named D0703-B.M.100.A.C. Prints ROUGE-1, ROUGE-2 and ROUGE-SU4 recall and F per topic and \
      averaged (ROUGE-1.5.5, NIST's settings, jackknifed over the models).

      With --floors FILE, the averaged recalls are checked against the floors named \
      <set>.<task>.rouge1, .rouge2, .rougeSU4, where <set> is duc2006 or duc2007 (from the topic \
      ids) and <task> is focused, generic, title or update (or use --floor-key); the command \
      exits with status 1 when one is below its floor.
      """
  )

  enum Focus: String, ExpressibleByArgument, CaseIterable {
    case narrative, title, none
  }

  enum SummarizerChoice: String, ExpressibleByArgument, CaseIterable {
    case `default`, lead
  }

  @Option(help: "Folder with one folder of documents per topic (D0601A/…).")
  var docs: String

  @Option(help: "The topics.sgml file.")
  var topics: String

  @Option(help: "Folder of model summaries (D0601.M.250.A.B).")
  var models: String

  @Option(help: "Summary length in words, also ROUGE's -l (default 250, or 100 with --update).")
  var words: Int?

  @Option(help: "What the summary should answer: the topic's narrative, its title, or nothing.")
  var focus: Focus = .narrative

  @Flag(help: "The DUC 2007 update task: batches A, B, C, each given the earlier ones as read.")
  var update = false

  @Option(help: "Which summarizer to run: the default one, or the lead baseline.")
  var summarizer: SummarizerChoice = .default

  @Option(help: "Check the averaged recalls against this floors file (exit 1 when below).")
  var floors: String?

  @Option(help: "The floors key prefix to check, instead of the one derived from the data set.")
  var floorKey: String?

  @Option(help: "Also write each summary to this folder, one sentence per line, named by topic.")
  var writeSummaries: String?

  @OptionGroup var rouge: RougeOptions

  func validate() throws {
    if let words, words <= 0 { throw ValidationError("--words must be a positive number.") }
  }

  var wordBudget: Int { words ?? (update ? 100 : 250) }

  func run() async throws {
    let topicList = DucTopics.parse(try readText(URL(fileURLWithPath: topics)))
    guard !topicList.isEmpty else {
      throw ValidationError("No <topic> with a <num> in \(topics).")
    }
    let modelFiles = try DucName.group(directory: URL(fileURLWithPath: models)).byKey
    let docsRoot = URL(fileURLWithPath: docs)
    let chosen = Self.makeSummarizer(summarizer)
    // Options that can fail are checked before the slow part.
    let scorer = try rouge.scorer(wordLimit: wordBudget)
    let floorTable = try floors.map {
      try QualityFloors(json: Data(contentsOf: URL(fileURLWithPath: $0)))
    }
    var items: [RougeItem] = []
    for topic in topicList {
      // Update batches are read once and passed on as already read to the later batches.
      var read: [URL: [Document]] = [:]
      func documents(_ folder: URL) throws -> [Document] {
        if let known = read[folder] { return known }
        let documents = try Self.documents(in: folder)
        read[folder] = documents
        return documents
      }
      for task in try topic.tasks(docsRoot: docsRoot, update: update) {
        let summary = chosen.summarize(
          try documents(task.folder),
          request: SummaryRequest(
            wordBudget: wordBudget, focus: focusText(topic),
            alreadyRead: try task.alreadyRead.flatMap(documents)))
        let text = Self.spl(summary)
        if let writeSummaries {
          let folder = URL(fileURLWithPath: writeSummaries)
          try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
          try Data((text + "\n").utf8).write(to: folder.appendingPathComponent(task.fileName))
        }
        guard let references = modelFiles[task.key], !references.isEmpty else {
          throw ValidationError("No model summaries for \(task.key) in \(models).")
        }
        items.append(
          RougeItem(id: task.key, summary: text, references: try references.map(readText)))
      }
    }
    let evaluation = scorer.evaluate(items)
    let key = floorKey ?? derivedFloorKey(topicList)
    let measured = [
      "\(key).rouge1": evaluation.average.rouge1.recall.average,
      "\(key).rouge2": evaluation.average.rouge2.recall.average,
      "\(key).rougeSU4": evaluation.average.rougeSU.recall.average,
    ]
    let checks = floorTable?.check(measured)
    if rouge.json {
      print(
        try jsonString(
          DucReport(
            summarizer: Self.name(of: summarizer), key: key, wordBudget: wordBudget,
            rouge: RougeReport(settings: scorer.settings, evaluation: evaluation),
            floors: checks?.map { .init(key: $0.key, floor: $0.floor, measured: $0.measured) })))
    } else {
      print(
        "summarizer: \(Self.name(of: summarizer)); \(wordBudget) words; focus: \(focus.rawValue); \(key)"
      )
      print(RougeTable.render(evaluation, settings: scorer.settings))
      for check in checks ?? [] {
        print(
          "floor \(check.key): \(RougeTable.format(check.measured)) "
            + (check.passed ? ">= \(check.floor) ok" : "< \(check.floor) BELOW FLOOR"))
      }
    }
    if let checks {
      if checks.isEmpty {
        warn("no floors named \(key).* in \(floors!); nothing checked")
      }
      if checks.contains(where: { !$0.passed }) { throw ExitCode(1) }
    }
  }

  func focusText(_ topic: DucTopic) -> String? {
    switch focus {
    case .narrative: topic.narrative
    case .title: topic.title
    case .none: nil
    }
  }

  /// `duc2006.focused`, `duc2007.update` …
  func derivedFloorKey(_ topics: [DucTopic]) -> String {
    let id = topics[0].id
    let year = id.count >= 3 ? "duc20" + id.dropFirst().prefix(2) : "duc"
    let task: String
    switch focus {
    case .narrative: task = update ? "update" : "focused"
    case .title: task = update ? "update-title" : "title"
    case .none: task = update ? "update-generic" : "generic"
    }
    return "\(year).\(task)"
  }

  /// The articles of every file in `folder` (file-name order), split into sentences. Files or
  /// `<DOC>`s the newswire reader skips are reported on standard error.
  static func documents(in folder: URL) throws -> [Document] {
    let reader = NewswireReader()
    let splitter = SentenceSplitter()
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { !$0.hasPrefix(".") }.sorted()
    var articles: [Article] = []
    for name in names {
      let url = folder.appendingPathComponent(name)
      for outcome in reader.readAll(try Data(contentsOf: url), from: SourceRef(url.path)) {
        switch outcome {
        case .article(let article): articles.append(article)
        case .skipped(let source, let reason):
          warn("skipped \(Skip(source: source, reason: reason))")
        }
      }
    }
    return articles.enumerated().map { index, article in
      Document(article: article, sentences: splitter.sentences(of: article, documentIndex: index))
    }
  }

  /// A summary as ROUGE reads it: one sentence per line.
  static func spl(_ summary: Summary) -> String {
    summary.sentences.map { $0.text.split(whereSeparator: \.isNewline).joined(separator: " ") }
      .joined(separator: "\n")
  }

  static func makeSummarizer(_ choice: SummarizerChoice) -> any Summarizer {
    switch choice {
    case .default: StorySummarizer()
    case .lead: LeadSummarizer()
    }
  }

  static func name(of choice: SummarizerChoice) -> String {
    switch choice {
    case .default: "default (StorySummarizer)"
    case .lead: "lead (LeadSummarizer)"
    }
  }
}

/// What `distill eval duc --json` prints.
struct DucReport: Codable {
  struct Floor: Codable {
    var key: String
    var floor: Double
    var measured: Double
  }
  var summarizer: String
  var key: String
  var wordBudget: Int
  var rouge: RougeReport
  var floors: [Floor]?
}
