import ArgumentParser
import DistillExtract
import Foundation

/// `distill extract`: the article text (or text and metadata as JSON) of saved HTML pages.
struct Extract: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "extract",
    abstract: "Print the main article text of HTML pages (files; .gz accepted).",
    discussion: """
      Each page's text is printed with paragraphs separated by blank lines. Pages without an \
      article are reported on standard error with the reason; the exit code is then 1.
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
  }

  @Option(name: .long, help: "Output format: text or json.")
  var format: Format = .text

  @Option(name: .long, help: "The page's charset when known (as an HTTP header would give it).")
  var charset: String?

  @Argument(help: "HTML files to read.")
  var files: [String]

  func validate() throws {
    if files.isEmpty { throw ValidationError("Give at least one HTML file to extract.") }
  }

  func run() throws {
    let extractor = HTMLExtractor()
    var failed = false
    var records: [ExtractRecord] = []
    for (index, path) in files.enumerated() {
      guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(
          Data("distill: skipped \(path): no such file or directory\n".utf8))
        failed = true
        continue
      }
      let extraction = extractor.extract(data, url: nil, contentTypeCharset: charset)
      if let failure = extraction.failure {
        FileHandle.standardError.write(Data("distill: skipped \(path): \(failure.message)\n".utf8))
        failed = true
      }
      switch format {
      case .text:
        if extraction.failure == nil {
          if files.count > 1 { print("==> \(path) <==") }
          print(extraction.text)
          if files.count > 1 && index < files.count - 1 { print() }
        }
      case .json:
        records.append(ExtractRecord(file: path, extraction: extraction))
      }
    }
    if format == .json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      encoder.dateEncodingStrategy = .iso8601
      let payload: Data =
        records.count == 1 && files.count == 1
        ? try encoder.encode(records[0]) : try encoder.encode(records)
      print(String(decoding: payload, as: UTF8.self))
    }
    if failed { throw ExitCode(1) }
  }
}

/// One page in `distill extract --format json`.
struct ExtractRecord: Encodable {
  var file: String
  var text: String
  var title: String?
  var published: Date?
  var updated: Date?
  var authors: [String]
  var outlet: String?
  var url: String?
  var language: String?
  var imageURL: String?
  var charset: String
  var method: String
  var skipped: String?

  init(file: String, extraction: HTMLExtraction) {
    self.file = file
    text = extraction.text
    let m = extraction.metadata
    title = m.title
    published = m.published
    updated = m.updated
    authors = m.authors
    outlet = m.outlet
    url = m.url
    language = m.language
    imageURL = m.imageURL
    charset = extraction.charset
    method = extraction.method
    skipped = extraction.failure?.message
  }
}
