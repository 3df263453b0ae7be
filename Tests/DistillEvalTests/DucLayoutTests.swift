import DistillEval
import Foundation
import Testing

@Suite struct DucLayoutTests {
  @Test func topicKeysFromFileNames() {
    #expect(DucName.topicKey(of: "D0601.M.250.A.B") == "D0601")
    #expect(DucName.topicKey(of: "D0601A") == "D0601")
    #expect(DucName.topicKey(of: "D0601A.txt") == "D0601")
    #expect(DucName.topicKey(of: "D0703-B.M.100.A.C") == "D0703-B")
    #expect(DucName.topicKey(of: "D0703A-B") == "D0703-B")
    #expect(DucName.topicKey(of: "D0703A-B.summary") == "D0703-B")
    #expect(DucName.topicKey(of: "D06011.txt") == nil)
    #expect(DucName.topicKey(of: "D0601AB") == nil)
    #expect(DucName.topicKey(of: "notes.txt") == nil)
  }

  @Test func parsesTopicsWithNarrativesAndBatches() {
    let sgml = """
      <topic>
      <num> D0601A </num>
      <title> Native reservations </title>

      <narr>
      Discuss conditions
      on reservations.
      </narr>
      </topic>

      <topic>
      <num> D0703A </num>
      <title> the Euro </title>
      <narr> Describe steps. </narr>
      <docs-A>
      XIE19960123.0270
      XIE19960129.0071
      </docs-A>
      <docs-B>
      XIE19980502.0090
      </docs-B>
      </topic>
      """
    let topics = DucTopics.parse(sgml)
    #expect(topics.count == 2)
    #expect(
      topics[0]
        == DucTopic(
          id: "D0601A", title: "Native reservations",
          narrative: "Discuss conditions on reservations."))
    #expect(topics[0].key == "D0601")
    #expect(
      topics[1].batches == [
        "A": ["XIE19960123.0270", "XIE19960129.0071"], "B": ["XIE19980502.0090"],
      ])
  }

  @Test func floorsFileParsesAndChecks() throws {
    let json = Data(
      """
      {"_comment": "raise freely, lower deliberately", "duc2006.focused.rouge2": 0.07,
       "extraction.f1": 0.9}
      """.utf8)
    let floors = try QualityFloors(json: json)
    #expect(floors.floors == ["duc2006.focused.rouge2": 0.07, "extraction.f1": 0.9])
    let checks = floors.check(["duc2006.focused.rouge2": 0.069, "duc2006.focused.rouge1": 0.3])
    #expect(checks.map(\.key) == ["duc2006.focused.rouge2"])
    #expect(checks.map(\.passed) == [false])
    #expect(floors.check(["duc2006.focused.rouge2": 0.07]).map(\.passed) == [true])
  }

  @Test func floorsMustBeNumbers() {
    #expect(throws: FloorsError.self) { try QualityFloors(json: Data(#"{"a": "high"}"#.utf8)) }
    #expect(throws: FloorsError.self) { try QualityFloors(json: Data("[1, 2]".utf8)) }
    #expect(throws: FloorsError.self) { try QualityFloors(json: Data(#"{"a": true}"#.utf8)) }
  }

  @Test func wholeNumberFloorsAreNumbers() throws {
    // A precision of exactly 1 is a floor like any other (Linux' NSNumber once called it a Bool).
    let floors = try QualityFloors(json: Data(#"{"p": 1.0, "q": 0, "r": 1}"#.utf8))
    #expect(floors.floors == ["p": 1, "q": 0, "r": 1])
  }

  @Test func wordNetExceptionListsKeepTheFirstBaseFormAndLaterFilesWin() {
    let table = WordNetExceptions.parse(["better good well\nchildren child", "better well"])
    #expect(table == ["better": "well", "children": "child"])
  }
}

/// Small DUC-shaped folders written to a fresh temporary directory.
struct TemporaryLayout {
  let root: URL

  init() throws {
    root = FileManager.default.temporaryDirectory
      .appendingPathComponent("distill-duc-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
  }

  func folder(_ path: String) throws -> URL {
    let url = root.appendingPathComponent(path)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  func write(_ path: String, _ text: String = "text") throws {
    let url = root.appendingPathComponent(path)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }

  func remove() { try? FileManager.default.removeItem(at: root) }
}

@Suite struct DucPairingTests {
  @Test func pairsSummariesWithTheirTopicsModels() throws {
    let layout = try TemporaryLayout()
    defer { layout.remove() }
    for name in ["D0601.M.250.A.A", "D0601.M.250.A.B", "D0603.M.250.C.A", "D0605.M.250.E.A"] {
      try layout.write("models/\(name)")
    }
    try layout.write("sums/D0601A")
    try layout.write("sums/D0603C.txt")
    try layout.write("sums/README")
    let pairing = try DucName.pair(
      summaries: layout.root.appendingPathComponent("sums"),
      models: layout.root.appendingPathComponent("models"))
    #expect(pairing.pairs.map(\.key) == ["D0601", "D0603"])
    #expect(
      pairing.pairs[0].references.map(\.lastPathComponent) == [
        "D0601.M.250.A.A", "D0601.M.250.A.B",
      ])
    #expect(pairing.unmatchedSummaries.map(\.lastPathComponent) == ["README"])
    #expect(pairing.topicsWithoutSummary == ["D0605"])
  }

  @Test func aHumanSummaryIsScoredAgainstTheOtherHumans() throws {
    let layout = try TemporaryLayout()
    defer { layout.remove() }
    for name in ["D0601.M.250.A.A", "D0601.M.250.A.B", "D0601.M.250.A.C"] {
      try layout.write("models/\(name)")
    }
    try layout.write("sums/D0601.M.250.A.B")
    let pairing = try DucName.pair(
      summaries: layout.root.appendingPathComponent("sums"),
      models: layout.root.appendingPathComponent("models"))
    #expect(
      pairing.pairs[0].references.map(\.lastPathComponent) == [
        "D0601.M.250.A.A", "D0601.M.250.A.C",
      ])
  }

  @Test func refusesTwoSummariesForOneTopicAndTopicsWithoutModels() throws {
    let layout = try TemporaryLayout()
    defer { layout.remove() }
    try layout.write("models/D0601.M.250.A.A")
    try layout.write("sums/D0601A")
    try layout.write("sums/D0601A.txt")
    let sums = layout.root.appendingPathComponent("sums")
    let models = layout.root.appendingPathComponent("models")
    #expect(
      throws: DucLayoutError(
        "Topic D0601 has 2 summaries (D0601A, D0601A.txt); give one per topic.")
    ) { try DucName.pair(summaries: sums, models: models) }
    try FileManager.default.removeItem(at: sums.appendingPathComponent("D0601A.txt"))
    try layout.write("sums/D0609I")
    #expect(
      throws: DucLayoutError("No model summaries for topic D0609 in \(models.path).")
    ) { try DucName.pair(summaries: sums, models: models) }
  }

  @Test func updateBatchesAreGivenTheEarlierOnesAsRead() throws {
    let layout = try TemporaryLayout()
    defer { layout.remove() }
    for batch in ["A", "B", "C"] { _ = try layout.folder("docs/D0703A/D0703A-\(batch)") }
    let topic = DucTopic(id: "D0703A", title: "Euro", narrative: "Describe steps.")
    let docs = layout.root.appendingPathComponent("docs")
    let tasks = try topic.tasks(docsRoot: docs, update: true)
    #expect(tasks.map(\.key) == ["D0703-A", "D0703-B", "D0703-C"])
    #expect(tasks.map(\.fileName) == ["D0703A-A", "D0703A-B", "D0703A-C"])
    #expect(
      tasks.map { $0.alreadyRead.map(\.lastPathComponent) } == [
        [], ["D0703A-A"], ["D0703A-A", "D0703A-B"],
      ])
    // File names map back to the models' keys.
    #expect(tasks.map { DucName.topicKey(of: $0.fileName) } == tasks.map(\.key))
    let single = try topic.tasks(docsRoot: docs, update: false)
    #expect(
      single == [
        DucTask(key: "D0703", fileName: "D0703A", folder: docs.appendingPathComponent("D0703A"))
      ])
  }

  @Test func aMissingTopicFolderIsReported() throws {
    let layout = try TemporaryLayout()
    defer { layout.remove() }
    let topic = DucTopic(id: "D0601A", title: "", narrative: "")
    #expect(throws: DucLayoutError.self) { try topic.tasks(docsRoot: layout.root, update: false) }
    _ = try layout.folder("D0601A")
    #expect(throws: DucLayoutError.self) { try topic.tasks(docsRoot: layout.root, update: true) }
  }
}
