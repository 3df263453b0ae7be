import ArgumentParser
import DistillEval
import DistillExtract
import Foundation

/// `distill eval extraction`: main-text extraction quality and speed on a benchmark folder.
struct EvalExtraction: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "extraction",
    abstract: "Score HTML main-text extraction against hand-corrected truth (shingle P/R/F1).",
    discussion: """
      Reads DIR/html/<key>.html.gz for every key of the truth file ({key: {"articleBody": …}}), \
      extracts the article text, and scores it with the benchmark's 4-token shingle measure. \
      Speed counts extraction only (one core), not reading or inflating the files.
      """
  )

  @Option(name: .long, help: "Folder holding html/<key>.html.gz.")
  var pages: String

  @Option(name: .long, help: "ground-truth.json: {key: {\"articleBody\": text}}.")
  var truth: String

  @Flag(name: .long, help: "Print the figures as JSON.")
  var json = false

  @Option(name: .long, help: "Exit non-zero when F1 is below this.")
  var floor: Double?

  @Option(help: "Check precision, recall and F1 against this floors file (exit 1 when below).")
  var floors: String?

  @Option(help: "The floors key prefix (<key>.precision, <key>.recall, <key>.f1).")
  var floorKey = "extraction.dev"

  @Option(name: .long, help: "How many of the worst pages to list.")
  var worst = 10

  @Option(name: .long, help: "Extract every page this many times for the speed figure.")
  var repeats = 3

  func validate() throws {
    if let floor, !(0...1).contains(floor) {
      throw ValidationError("--floor must be between 0 and 1.")
    }
    if repeats < 1 { throw ValidationError("--repeats must be at least 1.") }
  }

  struct PageResult: Encodable {
    var key: String
    var precision: Double
    var recall: Double
    var f1: Double
    var method: String
    var skipped: String?
  }

  struct Report: Encodable {
    var pages: Int
    var precision: Double
    var recall: Double
    var f1: Double
    var pagesPerSecond: Double
    var wallClockPagesPerSecond: Double
    var worst: [PageResult]
    var floor: Double?
    var floors: [FloorCheck]?
  }

  struct FloorCheck: Encodable {
    var key: String
    var floor: Double
    var measured: Double
    var passed: Bool
  }

  func run() throws {
    guard let truthData = FileManager.default.contents(atPath: truth) else {
      throw CommandError("Cannot read the truth file \(truth).")
    }
    guard let object = try JSONSerialization.jsonObject(with: truthData) as? [String: Any] else {
      throw CommandError("\(truth) is not a JSON object of {key: {\"articleBody\": …}}.")
    }
    var inputs: [(key: String, truth: String, html: Data)] = []
    for key in object.keys.sorted() {
      let entry = object[key] as? [String: Any]
      let body = entry?["articleBody"] as? String ?? ""
      let base = URL(fileURLWithPath: pages).appendingPathComponent("html")
      let gz = base.appendingPathComponent("\(key).html.gz").path
      let plain = base.appendingPathComponent("\(key).html").path
      var html: Data
      if let compressed = FileManager.default.contents(atPath: gz) {
        guard let inflated = HTMLGzip.decompress(compressed) else {
          throw CommandError("\(gz) is not valid gzip data.")
        }
        html = inflated
      } else if let raw = FileManager.default.contents(atPath: plain) {
        html = raw
      } else {
        throw CommandError("Missing page for \(key): neither \(gz) nor \(plain) exists.")
      }
      inputs.append((key, body, html))
    }
    if inputs.isEmpty { throw CommandError("\(truth) lists no pages.") }
    // A floors file that cannot be used fails before the slow part.
    let floorTable = try floors.map { path -> QualityFloors in
      guard let data = FileManager.default.contents(atPath: path) else {
        throw CommandError("Cannot read the floors file \(path).")
      }
      return try QualityFloors(json: data)
    }

    let extractor = HTMLExtractor()
    var extractions: [HTMLExtraction] = []
    let clock = ContinuousClock()
    var elapsed = Duration.zero
    var cpuSeconds = 0.0
    for round in 0..<repeats {
      let start = clock.now
      let cpuStart = threadCPUSeconds()
      let batch = inputs.map { extractor.extract($0.html, url: nil, contentTypeCharset: nil) }
      cpuSeconds += threadCPUSeconds() - cpuStart
      elapsed += clock.now - start
      if round == 0 { extractions = batch }
    }
    let seconds =
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let extracted = Double(inputs.count * repeats)
    // CPU time of this thread: the one-core figure, unaffected by other work on the machine.
    let pagesPerSecond = extracted / max(cpuSeconds, 1e-9)
    let wallPagesPerSecond = extracted / max(seconds, 1e-9)

    var scores: [ExtractionScore.Page] = []
    var results: [PageResult] = []
    for (input, extraction) in zip(inputs, extractions) {
      let page = ExtractionScore.page(truth: input.truth, prediction: extraction.text)
      scores.append(page)
      let pr = PrecisionRecall(precision: page.precision, recall: page.recall)
      results.append(
        PageResult(
          key: input.key, precision: page.precision, recall: page.recall, f1: pr.f1,
          method: extraction.method, skipped: extraction.failure?.message))
    }
    let total = ExtractionScore.aggregate(scores)
    let worstPages = Array(
      results.sorted { $0.f1 < $1.f1 || ($0.f1 == $1.f1 && $0.key < $1.key) }.prefix(worst))
    let checks = floorTable?.check([
      "\(floorKey).precision": total.precision, "\(floorKey).recall": total.recall,
      "\(floorKey).f1": total.f1,
    ])
    let report = Report(
      pages: inputs.count, precision: total.precision, recall: total.recall, f1: total.f1,
      pagesPerSecond: pagesPerSecond, wallClockPagesPerSecond: wallPagesPerSecond,
      worst: worstPages, floor: floor,
      floors: checks?.map {
        FloorCheck(key: $0.key, floor: $0.floor, measured: $0.measured, passed: $0.passed)
      })
    if json {
      print(try jsonString(report))
    } else {
      print("pages        \(inputs.count)")
      print("precision    \(format(total.precision))")
      print("recall       \(format(total.recall))")
      print("F1           \(format(total.f1))")
      print(
        "pages/s      \(String(format: "%.1f", pagesPerSecond)) (extraction only, one core, CPU time;"
          + " \(String(format: "%.1f", wallPagesPerSecond)) by the wall clock)")
      if !worstPages.isEmpty {
        print("worst pages (F1 P R method key):")
        for page in worstPages {
          let note = page.skipped.map { "  [skipped: \($0)]" } ?? ""
          print(
            "  \(format(page.f1)) \(format(page.precision)) \(format(page.recall)) \(page.method) \(page.key)\(note)"
          )
        }
      }
    }
    if !json {
      for check in checks ?? [] {
        print(
          "floor \(check.key): \(format(check.measured)) "
            + (check.passed ? ">= \(check.floor) ok" : "< \(check.floor) BELOW FLOOR"))
      }
    }
    if let checks, checks.contains(where: { !$0.passed }) {
      FileHandle.standardError.write(Data("distill: extraction scores below their floors\n".utf8))
      throw ExitCode(1)
    }
    if let floor, total.f1 < floor {
      FileHandle.standardError.write(
        Data(
          "distill: extraction F1 \(format(total.f1)) is below the floor \(format(floor))\n".utf8))
      throw ExitCode(1)
    }
  }

  private func format(_ value: Double) -> String { String(format: "%.4f", value) }
}

/// CPU seconds used so far by the calling thread.
private func threadCPUSeconds() -> Double {
  var spec = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
  return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}
