import DistillModel
import Foundation

/// Reads the `<DOC>` records of a newswire SGML file into articles.
enum NewswireFiles {
  static func articles(in file: URL) throws -> [Article] {
    let data = try Data(contentsOf: file)
    let text = String(decoding: data, as: UTF8.self)
    var articles: [Article] = []
    for record in text.components(separatedBy: "<DOC>").dropFirst() {
      let docno = field("DOCNO", in: record) ?? file.lastPathComponent
      let title = field("HEADLINE", in: record).map(plain) ?? ""
      let body = field("TEXT", in: record) ?? ""
      let paragraphs: [String]
      if body.contains("<P>") {
        paragraphs = body.components(separatedBy: "<P>").map(plain).filter { !$0.isEmpty }
      } else {
        paragraphs = [plain(body)].filter { !$0.isEmpty }
      }
      let published = field("DATE_TIME", in: record).flatMap(date)
      articles.append(
        Article(
          id: docno, source: SourceRef(file.path), format: .newswireSGML, title: title,
          text: paragraphs.joined(separator: "\n\n"),
          metadata: ArticleMetadata(title: title, published: published, documentID: docno)))
    }
    return articles
  }

  private static func field(_ tag: String, in record: String) -> String? {
    guard let open = record.range(of: "<\(tag)>"),
      let close = record.range(of: "</\(tag)>", range: open.upperBound..<record.endIndex)
    else { return nil }
    return record[open.upperBound..<close.lowerBound].trimmingCharacters(
      in: .whitespacesAndNewlines)
  }

  /// Text without tags, whitespace collapsed.
  private static func plain(_ markup: String) -> String {
    var out = ""
    var inTag = false
    for ch in markup {
      if ch == "<" {
        inTag = true
      } else if ch == ">" {
        inTag = false
      } else if !inTag {
        out.append(ch)
      }
    }
    return out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  private static func date(_ value: String) -> Date? {
    let digits = value.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    guard digits.count >= 3 else { return nil }
    // Wires write both 1999-07-07 and 07/07/1999.
    var (year, month, day) =
      digits[0] >= 1000 ? (digits[0], digits[1], digits[2]) : (digits[2], digits[0], digits[1])
    if month > 12 && day <= 12 { swap(&month, &day) }  // seen: 1998-30-06
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar.date(
      from: DateComponents(
        year: year, month: month, day: day, hour: digits.count > 3 ? digits[3] : 0,
        minute: digits.count > 4 ? digits[4] : 0, second: digits.count > 5 ? digits[5] : 0))
  }
}
