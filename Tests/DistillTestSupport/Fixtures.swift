import DistillModel
import Foundation

/// Builders for small, hand-written fixtures shared by the test targets.
public enum Fixtures {
  /// An article whose text is `paragraphs` joined by blank lines.
  public static func article(
    id: String = "a1", title: String = "Title", paragraphs: [String], published: Date? = nil,
    outlet: String? = nil, source: String? = nil
  ) -> Article {
    Article(
      id: id, source: SourceRef(source ?? "\(id).txt"), format: .plainText, title: title,
      text: paragraphs.joined(separator: "\n\n"),
      metadata: ArticleMetadata(title: title, published: published, outlet: outlet))
  }

  /// A UTC date from `yyyy-MM-dd`.
  public static func date(_ ymd: String) -> Date {
    let parts = ymd.split(separator: "-").compactMap { Int($0) }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))!
  }

  /// The `../shared/data` folder beside the project root, or nil when it is absent.
  public static var sharedData: URL? {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    let data = url.appendingPathComponent("shared/data")
    return FileManager.default.fileExists(atPath: data.path) ? data : nil
  }

  /// The package root (for locating the built binary in end-to-end tests).
  public static var packageRoot: URL {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url
  }
}

/// A UTC instant built with Foundation's calendar, independently of the date parsers'
/// own arithmetic.
public func utc(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0) -> Date {
  var calendar = Calendar(identifier: .gregorian)
  calendar.timeZone = TimeZone(identifier: "UTC")!
  return calendar.date(
    from: DateComponents(year: y, month: mo, day: d, hour: h, minute: mi, second: s))!
}
