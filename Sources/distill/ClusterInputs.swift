import DistillModel
import Foundation

/// Reads the inputs of `distill cluster`: files, or folders of files, each newswire SGML (one
/// article per `<DOC>`) or plain text (first line the title). Missing and unreadable inputs
/// become skips.
enum ClusterInputs {
  enum ArticlesOrSkip {
    case success([Article])
    case failure(Skip)
  }

  /// One article and the input it came from, as the user named it (or the file inside a named
  /// folder).
  struct Entry {
    var input: String
    var article: Article
  }

  static func read(_ inputs: [String]) -> (entries: [Entry], skips: [Skip]) {
    var entries: [Entry] = []
    var skips: [Skip] = []
    let manager = FileManager.default
    for input in inputs {
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: input, isDirectory: &isDirectory) else {
        skips.append(Skip(source: SourceRef(input), reason: .notFound))
        continue
      }
      let files: [String]
      if isDirectory.boolValue {
        let enumerator = manager.enumerator(atPath: input)
        var found: [String] = []
        while let relative = enumerator?.nextObject() as? String {
          let path = (input as NSString).appendingPathComponent(relative)
          var childIsDirectory: ObjCBool = false
          if manager.fileExists(atPath: path, isDirectory: &childIsDirectory),
            !childIsDirectory.boolValue,
            !(relative as NSString).lastPathComponent.hasPrefix(".")
          {
            found.append(path)
          }
        }
        files = found.sorted()
      } else {
        files = [input]
      }
      for file in files {
        switch articles(in: file) {
        case .success(let articles):
          entries += articles.map { Entry(input: file, article: $0) }
        case .failure(let skip):
          skips.append(skip)
        }
      }
    }
    return (entries, skips)
  }

  private static func articles(in path: String) -> ArticlesOrSkip {
    let url = URL(fileURLWithPath: path)
    guard let data = try? Data(contentsOf: url) else {
      return .failure(Skip(source: SourceRef(path), reason: .unreadable("permission or I/O error")))
    }
    guard !data.isEmpty else { return .failure(Skip(source: SourceRef(path), reason: .empty)) }
    guard !data.contains(0) else { return .failure(Skip(source: SourceRef(path), reason: .binary)) }
    let text = String(decoding: data, as: UTF8.self)
    if text.contains("<DOC>") {
      let articles = (try? NewswireFiles.articles(in: url)) ?? []
      return articles.isEmpty
        ? .failure(Skip(source: SourceRef(path), reason: .notAnArticle("no <DOC> record")))
        : .success(articles)
    }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let title = lines.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
    let body = lines.dropFirst().joined(separator: "\n").trimmingCharacters(
      in: .whitespacesAndNewlines)
    let id = String(StableHashID.hex(of: text))
    return .success([
      Article(
        id: id, source: SourceRef(path), format: .plainText, title: title, text: body,
        metadata: ArticleMetadata(title: title))
    ])
  }
}

/// A short stable id for a text without a wire id.
enum StableHashID {
  static func hex(of text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash &*= 0x0000_0100_0000_01b3
    }
    return String(hash, radix: 16)
  }
}
