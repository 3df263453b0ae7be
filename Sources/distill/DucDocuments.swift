import DistillModel
import Foundation

/// A minimal reader for the DUC newswire SGML files, used by `distill eval duc` until the
/// project's newswire reader takes its place.
///
/// Keeps the body (`<BODY>`, else the whole `<DOC>`) without the slug, headline and trailer;
/// paragraphs are `<P>` blocks, or, in files without them, indented lines; typesetting entities
/// (`&HT;`, `&QL;` …) are dropped.
enum DucDocuments {
  static func articles(inFolder folder: URL) throws -> [Article] {
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { !$0.hasPrefix(".") }.sorted()
    return try names.flatMap { name in
      let url = folder.appendingPathComponent(name)
      return articles(in: try readText(url), source: url.path)
    }
  }

  static func articles(in sgml: String, source: String) -> [Article] {
    elements(named: "DOC", in: sgml).compactMap { doc in
      let docno = elements(named: "DOCNO", in: doc).first.map(collapse) ?? ""
      let headline = elements(named: "HEADLINE", in: doc).first.map(collapse) ?? ""
      var body = elements(named: "BODY", in: doc).first ?? doc
      for tag in [
        "SLUG", "HEADLINE", "TRAILER", "HEADER", "DOCNO", "DOCTYPE", "DATE_TIME", "CATEGORY",
      ] {
        body = remove(element: tag, from: body)
      }
      let paragraphs = paragraphsOf(body)
      guard !paragraphs.isEmpty else { return nil }
      let dateText = elements(named: "DATE_TIME", in: doc).first.map(collapse)
      let published = dateText.flatMap(parseDate) ?? dateFromDocno(docno)
      return Article(
        id: docno.isEmpty ? source : docno, source: SourceRef(source), format: .newswireSGML,
        title: headline, text: paragraphs.joined(separator: "\n\n"),
        metadata: ArticleMetadata(title: headline, published: published, documentID: docno))
    }
  }

  static func paragraphsOf(_ body: String) -> [String] {
    var blocks: [String]
    if body.range(of: "<P>", options: .caseInsensitive) != nil {
      blocks = body.components(separatedBy: "<P>").flatMap { $0.components(separatedBy: "</P>") }
    } else {
      // No <P>: a line that starts with whitespace starts a paragraph.
      blocks = []
      var current = ""
      for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
        if let first = line.first, first == " " || first == "\t", !current.isEmpty {
          blocks.append(current)
          current = ""
        }
        current += line + "\n"
      }
      blocks.append(current)
    }
    return blocks.map(clean).filter { !$0.isEmpty }
  }

  static func clean(_ text: String) -> String {
    var out = ""
    var i = text.startIndex
    while i < text.endIndex {
      let c = text[i]
      if c == "<", let close = text[i...].firstIndex(of: ">") {
        out += " "
        i = text.index(after: close)
      } else if c == "&", let semi = text[i...].prefix(12).firstIndex(of: ";") {
        let name = text[text.index(after: i)..<semi]
        out += ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"][String(name)] ?? " "
        i = text.index(after: semi)
      } else {
        out.append(c)
        i = text.index(after: i)
      }
    }
    return collapse(out)
  }

  /// The contents of every `<name>…</name>`, tag names matched case-insensitively.
  static func elements(named name: String, in text: String) -> [String] {
    var found: [String] = []
    var rest = text[...]
    while let open = rest.range(of: "<\(name)>", options: .caseInsensitive),
      let close = rest.range(
        of: "</\(name)>", options: .caseInsensitive, range: open.upperBound..<rest.endIndex)
    {
      found.append(String(rest[open.upperBound..<close.lowerBound]))
      rest = rest[close.upperBound...]
    }
    return found
  }

  static func remove(element tag: String, from text: String) -> String {
    var result = text
    while let open = result.range(of: "<\(tag)>", options: .caseInsensitive),
      let close = result.range(
        of: "</\(tag)>", options: .caseInsensitive, range: open.upperBound..<result.endIndex)
    {
      result.removeSubrange(open.lowerBound..<close.upperBound)
    }
    return result
  }

  static func collapse(_ text: String) -> String {
    text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  /// `1999-04-15 22:58` (UTC).
  static func parseDate(_ text: String) -> Date? {
    let digits = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    guard digits.count >= 3 else { return nil }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar.date(
      from: DateComponents(
        year: digits[0], month: digits[1], day: digits[2], hour: digits.count > 3 ? digits[3] : 0,
        minute: digits.count > 4 ? digits[4] : 0))
  }

  /// `XIE19960123.0270` → 1996-01-23.
  static func dateFromDocno(_ docno: String) -> Date? {
    let digits = docno.filter(\.isNumber)
    guard digits.count >= 8 else { return nil }
    let d = Array(digits)
    return parseDate("\(String(d[0..<4]))-\(String(d[4..<6]))-\(String(d[6..<8]))")
  }
}
