import Foundation

/// One DUC topic from `topics.sgml`: its id, title, narrative (the question the summary must
/// answer) and, for the update task, the document ids of each batch.
public struct DucTopic: Sendable, Codable, Equatable, Hashable {
  /// The topic id as NIST writes it, with the assessor letter: `D0601A`.
  public var id: String
  public var title: String
  public var narrative: String
  /// Update task: batch letter (`A`, `B`, `C`) → document ids, from `<docs-A>` etc.
  public var batches: [String: [String]]

  public init(id: String, title: String, narrative: String, batches: [String: [String]] = [:]) {
    self.id = id
    self.title = title
    self.narrative = narrative
    self.batches = batches
  }

  /// The id without the assessor letter (`D0601`), as model summaries are named.
  public var key: String { DucName.topicKey(of: id) ?? id }
}

/// Reads DUC `topics.sgml` files.
public enum DucTopics {
  /// Parses every `<topic>` element: `<num>`, `<title>`, `<narr>` and any `<docs-X>` lists.
  /// Whitespace inside fields is collapsed to single spaces.
  public static func parse(_ sgml: String) -> [DucTopic] {
    var topics: [DucTopic] = []
    for block in elements(named: "topic", in: sgml) {
      guard let id = elements(named: "num", in: block).first.map(collapse), !id.isEmpty else {
        continue
      }
      var batches: [String: [String]] = [:]
      for letter in ["A", "B", "C", "D"] {
        if let list = elements(named: "docs-\(letter)", in: block).first {
          batches[letter] = list.split(whereSeparator: \.isWhitespace).map(String.init)
        }
      }
      topics.append(
        DucTopic(
          id: id, title: elements(named: "title", in: block).first.map(collapse) ?? "",
          narrative: elements(named: "narr", in: block).first.map(collapse) ?? "",
          batches: batches))
    }
    return topics
  }

  /// The contents of every `<name>…</name>` (tag names matched case-insensitively).
  static func elements(named name: String, in text: String) -> [String] {
    var found: [String] = []
    var rest = text[...]
    while let open = rest.range(of: "<\(name)>", options: .caseInsensitive) {
      guard
        let close = rest.range(
          of: "</\(name)>", options: .caseInsensitive, range: open.upperBound..<rest.endIndex)
      else { break }
      found.append(String(rest[open.upperBound..<close.lowerBound]))
      rest = rest[close.upperBound...]
    }
    return found
  }

  static func collapse(_ text: String) -> String {
    text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }
}

/// How DUC names summaries, and how Distill maps any summary file to its topic.
///
/// Model (reference) summaries are named `D0601.M.250.A.B`: topic `D0601`, a summary (`M`) of
/// 250 words for assessor `A` written by `B`; update-task models add the batch,
/// `D0703-A.M.100.A.C`. A file belongs to the topic whose key its name starts with: `D`, four
/// digits, an optional assessor letter (ignored), and for the update task `-` and the batch
/// letter. So `D0601.M.250.A.B`, `D0601A.txt` and `D0601A` all belong to `D0601`, and
/// `D0703-B.M.100.A.C` and `D0703A-B.summary` to `D0703-B`.
public enum DucName {
  /// The topic key a file name starts with (`D0601`, `D0703-B`), or nil.
  public static func topicKey(of fileName: String) -> String? {
    let chars = Array(fileName)
    guard chars.count >= 5, chars[0] == "D" || chars[0] == "d",
      chars[1...4].allSatisfy({ $0.isASCII && $0.isNumber })
    else { return nil }
    var key = "D" + String(chars[1...4])
    var i = 5
    if i < chars.count, chars[i].isASCII, chars[i].isLetter { i += 1 }
    if i + 1 < chars.count, chars[i] == "-", chars[i + 1].isASCII, chars[i + 1].isLetter {
      let next = i + 2
      // A batch letter stands alone: `D0703-B.M…` or `D0703A-B`, not `D0703-Bx…`.
      if next == chars.count || !(chars[next].isLetter || chars[next].isNumber) {
        key += "-" + String(chars[i + 1]).uppercased()
        i = next
      }
    }
    // The key must end the name or be followed by a separator, not more letters or digits.
    if i < chars.count, chars[i].isLetter || chars[i].isNumber { return nil }
    return key
  }

  /// Groups the files in `directory` by topic key; hidden files and files whose names carry no
  /// topic key are returned in `unmatched`.
  public static func group(directory: URL) throws -> (byKey: [String: [URL]], unmatched: [URL]) {
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    var byKey: [String: [URL]] = [:]
    var unmatched: [URL] = []
    for name in names where !name.hasPrefix(".") {
      let url = directory.appendingPathComponent(name)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      else { continue }
      if let key = topicKey(of: name) {
        byKey[key, default: []].append(url)
      } else {
        unmatched.append(url)
      }
    }
    return (byKey, unmatched)
  }
}

/// A summary file and the model summaries it is scored against.
public struct DucPair: Sendable, Equatable, Hashable {
  /// The topic key (`D0601`, `D0703-B`).
  public var key: String
  public var summary: URL
  public var references: [URL]

  public init(key: String, summary: URL, references: [URL]) {
    self.key = key
    self.summary = summary
    self.references = references
  }
}

/// Summaries matched to model summaries by topic key, with what could not be matched.
public struct DucPairing: Sendable, Equatable {
  /// One pair per topic that has a summary, ordered by key.
  public var pairs: [DucPair]
  /// Summary files whose names carry no topic key.
  public var unmatchedSummaries: [URL]
  /// Topics that have models but no summary.
  public var topicsWithoutSummary: [String]
}

/// A DUC folder layout that cannot be scored, with a message the user can act on.
public struct DucLayoutError: Error, CustomStringConvertible, Sendable, Equatable {
  public var description: String
  public init(_ description: String) { self.description = description }
}

extension DucName {
  /// Pairs every summary in `summaries` with the models of its topic in `models`. A model with
  /// the same file name as the summary is left out, so a human summary copied from the models
  /// folder is scored against the other humans.
  ///
  /// - Throws: ``DucLayoutError`` when a topic has several summaries, a summarized topic has no
  ///   other models, or no summary is named after a topic.
  public static func pair(summaries: URL, models: URL) throws -> DucPairing {
    let summaryFiles = try group(directory: summaries)
    let modelFiles = try group(directory: models).byKey
    var pairs: [DucPair] = []
    for key in summaryFiles.byKey.keys.sorted() {
      let files = summaryFiles.byKey[key]!
      guard files.count == 1 else {
        let names = files.map(\.lastPathComponent).joined(separator: ", ")
        throw DucLayoutError(
          "Topic \(key) has \(files.count) summaries (\(names)); give one per topic.")
      }
      let references = (modelFiles[key] ?? []).filter {
        $0.lastPathComponent != files[0].lastPathComponent
      }
      guard !references.isEmpty else {
        throw DucLayoutError("No model summaries for topic \(key) in \(models.path).")
      }
      pairs.append(DucPair(key: key, summary: files[0], references: references))
    }
    guard !pairs.isEmpty else {
      throw DucLayoutError(
        "No summaries named after a topic (such as D0601A) in \(summaries.path).")
    }
    return DucPairing(
      pairs: pairs, unmatchedSummaries: summaryFiles.unmatched,
      topicsWithoutSummary: modelFiles.keys.filter { summaryFiles.byKey[$0] == nil }.sorted())
  }
}

/// One summary to make in a DUC run: the documents to summarize, the ones already read, the key
/// its models carry and the name to write it under.
public struct DucTask: Sendable, Equatable, Hashable {
  /// The models' topic key: `D0601`, or `D0703-B` for an update batch.
  public var key: String
  /// The file name for the summary (`D0601A`, `D0703A-B`); ``DucName/topicKey(of:)`` maps it
  /// back to `key`.
  public var fileName: String
  /// The folder of documents to summarize.
  public var folder: URL
  /// Update task: the earlier batches' folders, in order (the reader has seen them).
  public var alreadyRead: [URL]

  public init(key: String, fileName: String, folder: URL, alreadyRead: [URL] = []) {
    self.key = key
    self.fileName = fileName
    self.folder = folder
    self.alreadyRead = alreadyRead
  }
}

extension DucTopic {
  /// The summaries to make for this topic: one from `docs/<id>`, or with `update` one per
  /// batch folder `docs/<id>/<id>-A`, `-B`, … in order, each given the earlier batches.
  ///
  /// - Throws: ``DucLayoutError`` when the folder (or, for updates, every batch folder) is
  ///   missing.
  public func tasks(docsRoot: URL, update: Bool) throws -> [DucTask] {
    let folder = docsRoot.appendingPathComponent(id)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else { throw DucLayoutError("No document folder for topic \(id): \(folder.path).") }
    guard update else { return [DucTask(key: key, fileName: id, folder: folder)] }
    var tasks: [DucTask] = []
    for batch in ["A", "B", "C", "D", "E"] {
      let batchFolder = folder.appendingPathComponent("\(id)-\(batch)")
      guard FileManager.default.fileExists(atPath: batchFolder.path) else { continue }
      tasks.append(
        DucTask(
          key: "\(key)-\(batch)", fileName: "\(id)-\(batch)", folder: batchFolder,
          alreadyRead: tasks.map(\.folder)))
    }
    guard !tasks.isEmpty else {
      throw DucLayoutError("No batch folders (\(id)-A, \(id)-B …) in \(folder.path).")
    }
    return tasks
  }
}
