import DistillModel
import Foundation

/// Turns what the user named — files, folders, `-` for standard input — into articles, with a
/// skip (and its reason) for every input that yields none. One bad input never stops the rest.
///
/// ```swift
/// let loader = InputLoader(html: HTMLExtractor())
/// let outcomes = loader.load(["story/", "extra.txt", "-"]) { FileHandle.standardInput.readDataToEndOfFile() }
/// ```
public struct InputLoader: Sendable {
  /// Inputs larger than this are skipped unread (``SkipReason/tooLarge(bytes:limit:)``).
  public var maxBytes: Int
  public var reader: AutoReader

  /// The default per-input size limit: 10 MB.
  public static let defaultMaxBytes = 10 * 1024 * 1024

  public init(maxBytes: Int = InputLoader.defaultMaxBytes, reader: AutoReader) {
    self.maxBytes = maxBytes
    self.reader = reader
  }

  /// - Parameter gunzip: Inflates `.gz` inputs (to at most the given size); without it they are
  ///   skipped as unsupported.
  public init(
    maxBytes: Int = InputLoader.defaultMaxBytes, html: any ArticleReader,
    plainText: PlainTextReader = PlainTextReader(), newswire: NewswireReader = NewswireReader(),
    gunzip: (@Sendable (Data, Int) -> Data?)? = nil
  ) {
    self.init(
      maxBytes: maxBytes,
      reader: AutoReader(
        html: html, plainText: plainText, newswire: newswire, gunzip: gunzip,
        maxInflatedBytes: maxBytes))
  }

  /// Loads `inputs` in order; folders expand to their files, sorted by path.
  /// `stdin` is called at most once, for the first `-`.
  public func load(_ inputs: [String], stdin: () -> Data) -> [IngestOutcome] {
    var outcomes: [IngestOutcome] = []
    var stdinData: Data?
    for input in inputs {
      if input == "-" {
        let source = SourceRef("-")
        let data = stdinData ?? stdin()
        stdinData = data
        if data.count > maxBytes {
          outcomes.append(.skipped(source, .tooLarge(bytes: data.count, limit: maxBytes)))
        } else {
          outcomes += reader.readAll(data, from: source)
        }
        continue
      }
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
        outcomes.append(.skipped(SourceRef(input), .notFound))
        continue
      }
      if isDirectory.boolValue {
        let files = Self.files(in: input)
        if files.isEmpty {
          outcomes.append(.skipped(SourceRef(input), .notAnArticle("the folder holds no files")))
        }
        for file in files { outcomes += loadFile(file) }
      } else {
        outcomes += loadFile(input)
      }
    }
    return outcomes
  }

  /// Reads one file, checking its size before reading any of it.
  public func loadFile(_ path: String) -> [IngestOutcome] {
    let source = SourceRef(path)
    let size: Int
    do {
      let attributes = try FileManager.default.attributesOfItem(atPath: path)
      size = (attributes[.size] as? NSNumber)?.intValue ?? 0
    } catch {
      return [.skipped(source, .notFound)]
    }
    if size > maxBytes { return [.skipped(source, .tooLarge(bytes: size, limit: maxBytes))] }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      return [.skipped(source, .unreadable("permission denied or not a regular file"))]
    }
    defer { try? handle.close() }
    let data: Data
    do {
      // One byte past the limit tells a file that grew since it was measured.
      data = try handle.read(upToCount: maxBytes + 1) ?? Data()
    } catch {
      return [.skipped(source, .unreadable(error.localizedDescription))]
    }
    if data.count > maxBytes {
      return [.skipped(source, .tooLarge(bytes: max(size, data.count), limit: maxBytes))]
    }
    return reader.readAll(data, from: source)
  }

  /// The regular files under `folder`, recursively, skipping hidden files and folders, sorted
  /// by path so runs are reproducible.
  public static func files(in folder: String) -> [String] {
    let root = URL(fileURLWithPath: folder)
    guard
      let enumerator = FileManager.default.enumerator(
        at: root, includingPropertiesForKeys: [.isRegularFileKey, .isHiddenKey],
        options: [.skipsHiddenFiles])
    else { return [] }
    var paths: [String] = []
    let prefix = folder.hasSuffix("/") ? folder : folder + "/"
    let rootPath = root.standardizedFileURL.path
    for case let url as URL in enumerator {
      // Links to files count as files; links to folders are not followed (no cycles).
      let target = url.resolvingSymlinksInPath()
      guard (try? target.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else {
        continue
      }
      let full = url.standardizedFileURL.path
      let relative =
        full.hasPrefix(rootPath + "/")
        ? String(full.dropFirst(rootPath.count + 1)) : url.lastPathComponent
      if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
      paths.append(prefix + relative)
    }
    return paths.sorted()
  }
}
