import DistillModel
import Foundation
import Testing

@testable import DistillExtract

/// Stands in for the HTML extractor: records that it was called and returns a fixed article.
struct FakeHTMLReader: ArticleReader {
  func read(_ data: Data, from source: SourceRef) -> IngestOutcome {
    .article(Article(id: "html", source: source, format: .html, title: "From HTML", text: "Body."))
  }
}

@Suite("InputLoader")
struct InputLoaderTests {
  static let plainArticle = """
    Council closes old pier to cars
    Published 2026-02-11
    The council voted on Wednesday to close the old pier to cars after inspectors found corroded pilings beneath the deck. Repairs will take at least a year, the harbor master said, and the pier will stay open to people on foot while engineers draw up plans.
    """

  /// A fresh temporary folder, removed when `body` returns.
  func withTempDir(_ body: (URL) throws -> Void) throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "distill-loader-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try body(dir)
  }

  func write(_ contents: some DataProtocol, to url: URL) throws {
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(contents).write(to: url)
  }

  func summary(_ outcomes: [IngestOutcome]) -> [String] {
    outcomes.map {
      switch $0 {
      case .article(let a):
        return
          "article \(a.format.rawValue) \(URL(fileURLWithPath: a.source.location).lastPathComponent)"
      case .skipped(let s, let r):
        return "skip \(URL(fileURLWithPath: s.location).lastPathComponent) \(r)"
      }
    }
  }

  @Test func everyBadInputIsSkippedWithItsReasonAndTheRestIsRead() throws {
    try withTempDir { dir in
      try write(Data(Self.plainArticle.utf8), to: dir.appendingPathComponent("a-good.txt"))
      try write(Data(), to: dir.appendingPathComponent("b-empty.txt"))
      try write(
        [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x1A, 0x0A],
        to: dir.appendingPathComponent("c-image.png"))
      try write(
        [0xC3, 0x28, 0xA0, 0x01, 0xFF, 0xFE, 0xFD, 0xA1],
        to: dir.appendingPathComponent("d-garbled.txt"))
      try write(Data("Pier news\nToo short.".utf8), to: dir.appendingPathComponent("e-short.txt"))
      try write(
        Data("Skip to main content\nAdvertisement\nSign up for our newsletter".utf8),
        to: dir.appendingPathComponent("f-junk.txt"))
      try write([0x1F, 0x8B, 0x08, 0x00], to: dir.appendingPathComponent("g-page.html.gz"))
      try write(Data("hidden".utf8), to: dir.appendingPathComponent(".hidden.txt"))
      try write(
        Data(WireFixtures.xinhua.utf8), to: dir.appendingPathComponent("sub/XIE19970415.0033"))
      try write(
        Data("<!doctype html><html><body><p>Hi</p></body></html>".utf8),
        to: dir.appendingPathComponent("sub/page.html"))

      let loader = InputLoader(html: FakeHTMLReader(), newswire: NewswireReader(minimumWords: 10))
      let missing = dir.appendingPathComponent("nope.txt").path
      let outcomes = loader.load([dir.path, missing]) { Data() }
      #expect(
        summary(outcomes) == [
          "article text a-good.txt",
          "skip b-empty.txt empty",
          "skip c-image.png binary",
          "skip d-garbled.txt invalidEncoding",
          "skip e-short.txt tooShort(words: 2, minimum: 40)",
          "skip f-junk.txt notAnArticle(\"nothing but page furniture after cleaning\")",
          "skip g-page.html.gz unsupported(\"gzip-compressed; decompress it first\")",
          "article sgml XIE19970415.0033",
          "article html page.html",
          "skip nope.txt notFound",
        ])
    }
  }

  @Test func tooLargeFileIsSkippedBeforeReading() throws {
    try withTempDir { dir in
      let big = dir.appendingPathComponent("big.txt")
      // A sparse 50 MB file: the loader must judge it by its size, not by reading it.
      FileManager.default.createFile(atPath: big.path, contents: nil)
      let handle = try FileHandle(forWritingTo: big)
      try handle.truncate(atOffset: 50 * 1024 * 1024)
      try handle.close()
      let outcomes = InputLoader(html: FakeHTMLReader()).load([big.path]) { Data() }
      #expect(
        outcomes == [
          .skipped(
            SourceRef(big.path),
            .tooLarge(bytes: 50 * 1024 * 1024, limit: InputLoader.defaultMaxBytes))
        ])
    }
  }

  @Test func stdinIsReadOnceAndLimited() {
    var calls = 0
    let loader = InputLoader(maxBytes: 1000, html: FakeHTMLReader())
    let outcomes = loader.load(["-"]) {
      calls += 1
      return Data(Self.plainArticle.utf8)
    }
    #expect(calls == 1)
    guard case .article(let a) = outcomes.first else {
      Issue.record("stdin was not read: \(outcomes)")
      return
    }
    #expect(a.source == SourceRef("-"))
    #expect(a.title == "Council closes old pier to cars")
    let small = InputLoader(maxBytes: 10, html: FakeHTMLReader())
    #expect(
      small.load(["-"]) { Data(Self.plainArticle.utf8) } == [
        .skipped(SourceRef("-"), .tooLarge(bytes: Self.plainArticle.utf8.count, limit: 10))
      ])
  }

  @Test func gzipInputsAreInflatedWhenAnInflaterIsGiven() {
    // A stand-in inflater: the "compressed" form is the gzip magic followed by the plain bytes.
    let inflate: @Sendable (Data, Int) -> Data? = { data, limit in
      let body = data.dropFirst(2)
      return body.first == 0xFF ? nil : Data(body.prefix(limit))
    }
    let packed = Data([0x1F, 0x8B] + Array(Self.plainArticle.utf8))
    let reader = AutoReader(html: FakeHTMLReader(), gunzip: inflate, maxInflatedBytes: 1000)
    guard case .article(let a) = reader.read(packed, from: SourceRef("a.txt.gz")) else {
      Issue.record("gzip input was not read")
      return
    }
    #expect(a.title == "Council closes old pier to cars")
    #expect(
      reader.read(Data([0x1F, 0x8B, 0xFF]), from: SourceRef("bad.gz"))
        == .skipped(SourceRef("bad.gz"), .unreadable("corrupt gzip data")))
    let small = AutoReader(html: FakeHTMLReader(), gunzip: inflate, maxInflatedBytes: 50)
    #expect(
      small.read(packed, from: SourceRef("big.gz"))
        == .skipped(SourceRef("big.gz"), .tooLarge(bytes: 51, limit: 50)))
  }

  /// An HTML reader that keeps a caption and a sign-up line in the body.
  struct LeakyHTMLReader: ArticleReader {
    let paragraphs: [String]
    func read(_ data: Data, from source: SourceRef) -> IngestOutcome {
      .article(
        Article(
          id: "p", source: source, format: .html, title: "T",
          text: paragraphs.joined(separator: "\n\n")))
    }
  }

  @Test func furnitureLeftByTheHTMLReaderIsCleaned() {
    let page = Data("<!doctype html><html><body></body></html>".utf8)
    let story = "The harbor reopened on Thursday after inspectors cleared the berth."
    let leaky = LeakyHTMLReader(paragraphs: [
      "Crews work on the pier. (Photo: Ana Pike/Harbor Ledger)", story,
      "Sign up for our newsletter",
    ])
    guard case .article(let a) = AutoReader(html: leaky).read(page, from: SourceRef("p.html"))
    else {
      Issue.record("no article")
      return
    }
    #expect(a.text == story)
    #expect(a.cleaning.removedByRule == ["photo-credit": 1, "newsletter": 1])
    let untouched = AutoReader(html: leaky, htmlCleaning: nil).read(page, from: SourceRef("p.html"))
    guard case .article(let b) = untouched else { return }
    #expect(b.paragraphs.count == 3)
    let onlyJunk = LeakyHTMLReader(paragraphs: ["Advertisement"])
    #expect(
      AutoReader(html: onlyJunk).read(page, from: SourceRef("j.html"))
        == .skipped(SourceRef("j.html"), .notAnArticle("nothing but page furniture after cleaning"))
    )
  }

  @Test func folderFilesAreSortedAndHiddenOnesSkipped() throws {
    try withTempDir { dir in
      for name in ["b.txt", "a.txt", ".secret/c.txt", "z/y.txt", ".d.txt"] {
        try write(Data("x".utf8), to: dir.appendingPathComponent(name))
      }
      try FileManager.default.createSymbolicLink(
        at: dir.appendingPathComponent("link.txt"),
        withDestinationURL: dir.appendingPathComponent("a.txt"))
      try FileManager.default.createSymbolicLink(
        at: dir.appendingPathComponent("z/loop"), withDestinationURL: dir)
      let files = InputLoader.files(in: dir.path).map { String($0.dropFirst(dir.path.count + 1)) }
      #expect(files == ["a.txt", "b.txt", "link.txt", "z/y.txt"])
    }
  }

  @Test func feedsAreNotArticles() {
    let rss = Data(
      "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>T</title></channel></rss>".utf8
    )
    let atom = Data("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title></feed>".utf8)
    let reader = AutoReader(html: FakeHTMLReader())
    let reason = SkipReason.unsupported("a news feed (RSS or Atom), not an article")
    #expect(reader.read(rss, from: SourceRef("f.xml")) == .skipped(SourceRef("f.xml"), reason))
    #expect(reader.read(atom, from: SourceRef("a.xml")) == .skipped(SourceRef("a.xml"), reason))
  }

  @Test func sniffing() {
    #expect(FormatSniffer.sniff("\n<DOC>\n<DOCNO> X </DOCNO>") == .newswireSGML)
    #expect(FormatSniffer.sniff("<!DOCTYPE html><html><head>") == .html)
    #expect(FormatSniffer.sniff("  <html lang=\"en\">") == .html)
    let tagSoup = String(repeating: "<div><p>Harbor news</p></div>\n", count: 6)
    #expect(FormatSniffer.sniff(tagSoup) == .html)
    #expect(
      FormatSniffer.sniff("Council closes pier\nThe council voted <3 times> on it.") == .plainText)
    #expect(FormatSniffer.sniff("<p>One paragraph.</p>\n<p>Another.</p>") == .html)
  }
}
