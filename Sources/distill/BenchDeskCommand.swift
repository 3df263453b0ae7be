import ArgumentParser
import Distill
import DistillCluster
import DistillStore
import Foundation

/// `distill bench desk`: what a reader of a large database waits for when running `ingest`.
struct BenchDesk: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "desk",
    abstract: "Time `distill ingest` of one article into SQLite databases of growing size.",
    discussion: """
      For each size, a database is filled with a synthetic stream (the one `bench cluster` \
      uses) as a desk leaves it: articles stored, filed into stories, regrouped by the \
      consolidated view and every story briefed. Filling is timed apart. Then this binary is \
      run as a child process, as a reader would run it: `distill ingest` of the stream's \
      last article (the new process reads the filing log, files the article, takes the view \
      and briefs what changed), and the same ingest again (nothing new). Peak memory is the \
      children's high-water mark (getrusage), so sizes run smallest first. Build with \
      -c release for real figures.
      """
  )

  @Option(help: "Comma-separated database sizes, in articles.")
  var sizes: String = "2000,10000,25000"

  @Option(help: "Seed of the synthetic stream.")
  var seed: UInt64 = 42

  @Flag(help: "Print the figures as JSON.")
  var json = false

  @Option(
    help: "Keep the databases (desk-SIZE.sqlite) and what ingest printed in this folder.")
  var keep: String?

  func validate() throws {
    _ = try SizeList.parse(sizes, atLeast: 2)
  }

  private var parsedSizes: [Int] { (try? SizeList.parse(sizes, atLeast: 2)) ?? [] }

  struct Row: Codable {
    var articles: Int
    var stories: Int
    /// Seconds to fill the database (not what a reader waits for).
    var fillSeconds: Double
    /// Wall-clock seconds of `distill ingest` of one new article, the whole process.
    var ingestSeconds: Double
    /// Stories that ingest briefed again.
    var storiesBriefed: Int
    /// Wall-clock seconds of the same ingest again, with nothing new.
    var unchangedSeconds: Double
    var peakRSSMegabytes: Double?
    var databaseMegabytes: Double
  }

  func run() throws {
    guard let binary = Bundle.main.executableURL else {
      throw CommandError("Cannot find this program's own path to run it as a child.")
    }
    var rows: [Row] = []
    if !json {
      print("articles  stories  fill s  ingest s  briefed  again s  peak RSS  database")
    }
    for size in parsedSizes {
      let folder =
        keep.map { URL(fileURLWithPath: $0) }
        ?? FileManager.default.temporaryDirectory
        .appendingPathComponent("distill-bench-desk-\(ProcessInfo.processInfo.processIdentifier)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      defer { if keep == nil { try? FileManager.default.removeItem(at: folder) } }
      let database = folder.appendingPathComponent("desk-\(size).sqlite").path
      try? FileManager.default.removeItem(atPath: database)
      let clock = ContinuousClock()
      let fillStart = clock.now
      let (stories, last) = try Self.fill(database, articles: size, seed: seed)
      let fillSeconds = BenchCluster.seconds(clock.now - fillStart)
      let input = folder.appendingPathComponent("new-\(size).txt")
      try Data("\(last.title)\n\n\(last.text)\n".utf8).write(to: input)

      let arguments = ["ingest", "--db", database, input.path]
      let errors = folder.appendingPathComponent("ingest-\(size).err")
      let (ingestSeconds, output) = try Self.runChild(binary, arguments, errors: errors)
      // The summary line ends "…; N briefs written".
      let summary = output.split(separator: "\n").last { $0.hasPrefix("stored ") } ?? ""
      let briefed = summary.split(separator: "; ").last.flatMap { Int($0.prefix { $0.isNumber }) }
      let (unchangedSeconds, again) = try Self.runChild(binary, arguments, errors: errors)
      if keep != nil {
        try Data((output + again).utf8).write(
          to: folder.appendingPathComponent("ingest-\(size).txt"))
      }
      // What was timed must be what it claims: one article added, then found unchanged.
      guard summary.hasPrefix("stored 1 new, 0 updated, 0 unchanged"),
        again.contains("stored 0 new, 0 updated, 1 unchanged")
      else {
        let said = (summary.isEmpty ? Substring("nothing") : summary)
        throw CommandError("distill ingest did not store the new article once; it said: \(said)")
      }
      let bytes = (try? FileManager.default.attributesOfItem(atPath: database)[.size] as? Int) ?? 0
      let row = Row(
        articles: size, stories: stories, fillSeconds: fillSeconds, ingestSeconds: ingestSeconds,
        storiesBriefed: briefed ?? -1, unchangedSeconds: unchangedSeconds,
        peakRSSMegabytes: Self.childrenPeakRSSMegabytes(),
        databaseMegabytes: Double(bytes) / 1_048_576)
      rows.append(row)
      if !json {
        print(
          String(
            format: "%8d  %7d  %6.1f  %8.2f  %7d  %7.2f  %@  %5.0f MB",
            row.articles, row.stories, row.fillSeconds, row.ingestSeconds, row.storiesBriefed,
            row.unchangedSeconds,
            row.peakRSSMegabytes.map { String(format: "%5.0f MB", $0) } ?? "     n/a",
            row.databaseMegabytes))
      }
    }
    if json {
      print(try jsonString(rows))
    }
  }

  /// Stores all but the last article of a synthetic stream as a desk would have left them,
  /// and returns how many stories readers see and the last article.
  static func fill(_ path: String, articles: Int, seed: UInt64) throws -> (Int, Article) {
    let store = try SQLiteStore(path: path)
    defer { store.close() }
    var clusterer = OnlineStoryClusterer()
    var clusterOf: [String: String] = [:]
    var members: [String: [String]] = [:]
    var last: Article?
    for (index, (article, _)) in SyntheticNewsStream(articles: articles, seed: seed).enumerated() {
      if index == articles - 1 {
        last = article
        break
      }
      _ = try store.saveArticle(article)
      let assignment = clusterer.add(article)
      let cluster = assignment.storyID
      var placements: [String: Placement] = [:]
      for absorbed in assignment.absorbedStoryIDs {
        for id in members.removeValue(forKey: absorbed) ?? [] {
          clusterOf[id] = cluster
          members[cluster, default: []].append(id)
          placements[id] = Placement(storyID: cluster, clusterID: cluster)
        }
      }
      clusterOf[article.id] = cluster
      members[cluster, default: []].append(article.id)
      placements[article.id] = Placement(storyID: cluster, clusterID: cluster)
      // One article at a time, as the desk files: the log's order is the order a new process
      // replays, and it must be the order the clusterer saw.
      try store.file(placements)
    }
    var view: [String: Placement] = [:]
    for (id, story) in clusterer.consolidatedView() where story != clusterOf[id] {
      view[id] = Placement(storyID: story)
    }
    try store.file(view)
    // A brief per story, as the desk would have saved; what it says does not matter here.
    let revisions = try store.storiesNeedingBrief()
    for revision in revisions {
      let brief = Brief(
        headline: revision.storyID, dateline: nil, lede: [], sections: [], sources: [],
        notice: "Synthetic.", generatedAt: Date(timeIntervalSince1970: 0))
      try store.saveBrief(brief, forStory: revision.storyID, revision: revision.revision)
    }
    return (revisions.count, last!)
  }

  /// Runs this binary with `arguments`, its standard error going to `errors`; wall-clock
  /// seconds and standard output. Throws, with the child's last error line, when it fails.
  static func runChild(_ binary: URL, _ arguments: [String], errors: URL) throws -> (
    Double, String
  ) {
    _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
    let errorFile = try FileHandle(forWritingTo: errors)
    defer { try? errorFile.close() }
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = errorFile
    let clock = ContinuousClock()
    let start = clock.now
    try process.run()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let seconds = BenchCluster.seconds(clock.now - start)
    guard process.terminationStatus == 0 else {
      let said =
        (try? String(contentsOf: errors, encoding: .utf8))?
        .split(separator: "\n").last.map(String.init) ?? "nothing on standard error"
      throw CommandError(
        "distill \(arguments.first ?? "") failed with status \(process.terminationStatus): \(said)")
    }
    return (seconds, String(decoding: output, as: UTF8.self))
  }

  /// The largest resident set of any child waited for so far.
  static func childrenPeakRSSMegabytes() -> Double? {
    var usage = rusage()
    guard getrusage(RUSAGE_CHILDREN.rawValue, &usage) == 0 else { return nil }
    return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
  }
}
