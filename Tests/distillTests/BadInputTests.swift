import DistillTestSupport
import Foundation
import Testing

/// End to end: the built binary on broken inputs. Each bad input gets one line on stderr naming
/// it and the reason, and the good inputs still produce the brief.
@Suite struct BadInputTests {
  static let article = """
    Harbor bridge reopens after repairs

    The Ferrant Street bridge reopened to traffic on Tuesday after three weeks of repairs, \
    the city's transport department said.

    Engineers replaced two corroded support beams that inspectors found in early March, and \
    the work finished four days ahead of schedule, according to the department.

    "We are glad to give the bridge back to the people who use it every day," said Lena Hart, \
    the department's chief engineer. About 18,000 vehicles cross the bridge on a normal weekday.

    The repairs cost $2.4 million, paid from the city's emergency maintenance fund.
    """

  @Test func noInputPrintsUsageAndExits64() throws {
    let run = try DistillBinary.run(["brief"])
    #expect(run.status == 64)
    #expect(run.stderr.contains("Give at least one INPUT"))
    #expect(run.stderr.contains("Usage: distill brief"))
    #expect(run.stdout.isEmpty)
  }

  @Test func eachBadInputIsNamedAndTheRestIsBriefed() throws {
    let dir = try TemporaryDirectory()
    let good = try dir.write("good.txt", Self.article)
    let empty = try dir.write("empty.txt", "")
    let binary = try dir.write("image.txt", Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x01, 0xFF]))
    let noArticle = try dir.write(
      "menu.html",
      "<html><head><title>Menu</title><script>var a=1;</script></head><body><nav><a href='/'>Home</a></nav></body></html>"
    )
    let huge = dir.url.appendingPathComponent("huge.txt").path
    FileManager.default.createFile(atPath: huge, contents: nil)
    let handle = try #require(FileHandle(forWritingAtPath: huge))
    try handle.truncate(atOffset: 50_000_000)
    try handle.close()
    let missing = dir.url.appendingPathComponent("missing.txt").path

    let run = try DistillBinary.run(["brief", good, empty, binary, noArticle, huge, missing])
    #expect(run.status == 2)
    #expect(run.stdout.contains("Ferrant Street bridge"))
    let lines = run.stderr.split(separator: "\n").map(String.init)
    #expect(lines.contains("distill: skipped \(empty): the file is empty"))
    #expect(
      lines.contains(
        "distill: skipped \(binary): looks like a binary file, not text or HTML (it contains NUL bytes)"
      ))
    #expect(lines.contains { $0.hasPrefix("distill: skipped \(noArticle): has no article text") })
    #expect(
      lines.contains(
        "distill: skipped \(huge): is 50000000 bytes, over the 10000000-byte limit for one article (raise it with --max-bytes)"
      ))
    #expect(lines.contains("distill: skipped \(missing): no such file or directory"))
    #expect(lines.count == 5)
  }

  @Test func invalidUTF8ThatIsNotLatin1IsSkipped() throws {
    let dir = try TemporaryDirectory()
    // Valid UTF-8 except for C1 control bytes that no Latin-1 text contains.
    var bytes = Data(Self.article.utf8)
    bytes.append(contentsOf: [0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x81, 0x8D])
    let bad = try dir.write("bad.txt", bytes)
    let run = try DistillBinary.run(["brief", bad])
    #expect(run.status == 65)
    #expect(
      run.stderr.contains("distill: skipped \(bad): is neither valid UTF-8 nor a Latin-1 text"))
    #expect(run.stderr.contains("no article could be read"))
  }

  @Test func latin1TextIsRead() throws {
    let dir = try TemporaryDirectory()
    let text = Self.article.replacingOccurrences(of: "Lena Hart", with: "Lena Hårt")
    let path = try dir.write("latin1.txt", text.data(using: .isoLatin1)!)
    let run = try DistillBinary.run(["brief", "--check", path])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("Hårt"))
  }

  @Test func standardInputIsAnInput() throws {
    let run = try DistillBinary.run(
      ["brief", "--format", "text", "-"], stdin: Data(Self.article.utf8))
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("Ferrant Street bridge reopened"))
    #expect(!run.stdout.contains("["))
  }

  @Test func badOptionsAreUsageErrors() throws {
    let run = try DistillBinary.run(["brief", "--words", "3", "x.txt"])
    #expect(run.status == 64)
    #expect(run.stderr.contains("--words must be at least 10 (got 3)."))
  }
}
