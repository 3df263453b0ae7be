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
