import ArgumentParser
import DistillEval
import Foundation

/// `distill eval …`: measure Distill (or any summarizer) against reference data.
struct EvalCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Measure Distill against benchmark data: ROUGE on DUC, extraction F1.",
    subcommands: [
      EvalRougeCommand.self, EvalDucCommand.self, EvalExtraction.self, EvalCluster.self,
      EvalReadabilityCommand.self,
    ]
  )
}

/// The ROUGE options shared by the `eval` subcommands.
struct RougeOptions: ParsableArguments {
  @Flag(name: .customLong("no-stemming"), help: "Do not Porter-stem (drop ROUGE's -m).")
  var noStemming = false

  @Flag(
    name: .customLong("no-jackknife"),
    help: "Score against all references at once instead of averaging over leave-one-out subsets."
  )
  var noJackknife = false

  @Option(
    name: .customLong("wordnet-exceptions"),
    help: ArgumentHelp(
      "Folder of WordNet 2.0's adj.exc, adv.exc, noun.exc, verb.exc, used as ROUGE-1.5.5's exception database (without it, scores equal ROUGE-1.5.5 with an empty WordNet-2.0.exc.db).",
      valueName: "dir"))
  var wordnetExceptions: String?

  @Option(help: "Bootstrap resamples for the 95% confidence interval (ROUGE's -r).")
  var samples = 1000

  @Flag(help: "Print the results as JSON.")
  var json = false

  func validate() throws {
    guard samples >= 0 else { throw ValidationError("--samples must be 0 or more.") }
  }

  func settings(wordLimit: Int?) -> RougeSettings {
    var settings = RougeSettings.duc(wordLimit: wordLimit ?? 0)
    settings.wordLimit = wordLimit
    settings.stemming = !noStemming
    settings.jackknife = !noJackknife
    settings.bootstrapSamples = samples
    return settings
  }

  func scorer(wordLimit: Int?) throws -> RougeScorer {
    var exceptions: [String: String] = [:]
    if let wordnetExceptions {
      exceptions = try WordNetExceptions.load(directory: URL(fileURLWithPath: wordnetExceptions))
    }
    return RougeScorer(
      settings: settings(wordLimit: wordLimit), stemmer: .porter(exceptions: exceptions))
  }
}

/// `distill eval rouge`: score summaries made by anything against DUC model summaries.
struct EvalRougeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rouge",
    abstract: "Score summaries against model summaries with ROUGE-1.5.5's DUC settings.",
    discussion: """
      Computes ROUGE-1, ROUGE-2 and ROUGE-SU4 recall, precision and F as ROUGE-1.5.5 does with \
      NIST's DUC settings (-n 2 -x -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -l N), jackknifed \
      over the model summaries of each topic, with the script's bootstrap 95% interval.

      Files are read as one sentence per line. A file belongs to the topic whose key begins its \
      name: "D", four digits, an optional assessor letter (ignored) and, for update batches, "-" \
      and the batch letter. D0601.M.250.A.B, D0601A.txt and D0601A all belong to topic D0601; \
      D0703-B.M.100.A.C and D0703A-B.txt to D0703-B. Each topic needs exactly one summary. A model \
      with the same file name as the summary is left out of that topic's references, so a human \
      summary copied from the models folder is scored against the other humans.
      """
  )

  @Option(help: "Folder of summaries to score, one file per topic.")
  var summaries: String

  @Option(help: "Folder of model (reference) summaries, named as DUC names them.")
  var models: String

  @Option(help: "Cut every summary and model to its first N words (ROUGE's -l); none by default.")
  var words: Int?

  @OptionGroup var rouge: RougeOptions

  func validate() throws {
    if let words, words <= 0 { throw ValidationError("--words must be a positive number.") }
  }

  func run() async throws {
    let pairing = try DucName.pair(
      summaries: URL(fileURLWithPath: summaries), models: URL(fileURLWithPath: models))
    for url in pairing.unmatchedSummaries {
      warn(
        "skipping \(url.lastPathComponent): its name does not start with a topic id such as D0601")
    }
    if !pairing.topicsWithoutSummary.isEmpty {
      let keys = pairing.topicsWithoutSummary
      warn("\(keys.count) topics have models but no summary: \(keys.joined(separator: " "))")
    }
    let items = try pairing.pairs.map { pair in
      RougeItem(
        id: pair.key, summary: try readText(pair.summary),
        references: try pair.references.map(readText))
    }
    let scorer = try rouge.scorer(wordLimit: words)
    let evaluation = scorer.evaluate(items)
    if rouge.json {
      print(try jsonString(RougeReport(settings: scorer.settings, evaluation: evaluation)))
    } else {
      print(RougeTable.render(evaluation, settings: scorer.settings))
    }
  }
}

/// What `--json` prints: the settings and the evaluation.
struct RougeReport: Codable {
  var rouge: String
  var flags: String
  var jackknife: Bool
  var evaluation: RougeEvaluation

  init(settings: RougeSettings, evaluation: RougeEvaluation) {
    rouge = "ROUGE-1.5.5 compatible"
    flags = settings.perlFlags
    jackknife = settings.jackknife
    self.evaluation = evaluation
  }
}

/// Plain-text tables of ROUGE results.
enum RougeTable {
  static func render(_ evaluation: RougeEvaluation, settings: RougeSettings) -> String {
    let su = settings.skipBigramName.replacingOccurrences(of: "ROUGE-", with: "")
    var lines: [String] = []
    lines.append(
      "ROUGE-1.5.5 \(settings.perlFlags)\(settings.jackknife ? ", jackknifed over the models" : "")"
    )
    lines.append(
      pad("topic", 9) + pad("R1-R", 9) + pad("R1-F", 9) + pad("R2-R", 9) + pad("R2-F", 9)
        + pad("\(su)-R", 9) + pad("\(su)-F", 9) + "models")
    for item in evaluation.items {
      let r = item.result
      let cells = [
        r.rouge1.recall, r.rouge1.f, r.rouge2.recall, r.rouge2.f, r.rougeSU.recall, r.rougeSU.f,
      ]
      lines.append(
        pad(item.id, 9) + cells.map { pad(format($0), 9) }.joined()
          + String(item.instances))
    }
    lines.append("")
    lines.append("average over \(evaluation.items.count) summaries (95% bootstrap interval):")
    let rows: [(String, RougeScoreEstimate)] = [
      ("ROUGE-1", evaluation.average.rouge1), ("ROUGE-2", evaluation.average.rouge2),
      (settings.skipBigramName, evaluation.average.rougeSU),
    ]
    for (name, estimate) in rows {
      lines.append(
        pad(name, 10) + "R " + interval(estimate.recall) + "  P " + interval(estimate.precision)
          + "  F " + interval(estimate.f))
    }
    return lines.joined(separator: "\n")
  }

  static func interval(_ e: RougeEstimate) -> String {
    "\(format(e.average)) (\(format(e.lower))-\(format(e.upper)))"
  }

  static func format(_ value: Double) -> String { String(format: "%.5f", value) }

  static func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
  }
}

/// The text of a file, invalid UTF-8 replaced (ROUGE reads bytes; anything non-ASCII separates
/// words either way).
func readText(_ url: URL) throws -> String {
  String(decoding: try Data(contentsOf: url), as: UTF8.self)
}

func jsonString<T: Encodable>(_ value: T) throws -> String {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
  return String(decoding: try encoder.encode(value), as: UTF8.self)
}

/// A command that cannot go on for a reason its options did not show (a file that cannot
/// be used, a child process that failed); printed as `Error: <message>`, without the usage.
struct CommandError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

func warn(_ message: String) {
  FileHandle.standardError.write(Data("distill: \(message)\n".utf8))
}
