import DistillText
import Foundation

/// Parses the publication dates that news inputs print, in UTC.
///
/// Handles ISO 8601 (`2026-03-03`, `2026-03-03T14:05:00Z`, `2026-03-03 14:05`), wire stamps
/// (`08/12/1998 19:08:00`, `19990312`), and written dates with an optional time and weekday
/// (`March 3, 2026`, `Tue March 4, 2026`, `Mar. 4, 2026 10:32 a.m. ET`, `4 March 2026`).
/// Times given in a named US zone (ET, EST, PT…) are converted to UTC.
public enum PublicationDates {
  /// The first date found in `text`, or nil.
  public static func parse(_ text: String) -> Date? {
    let s = text.trimmingCharacters(in: .whitespacesAndNewlines)
    if let date = parseNumeric(s) { return date }
    return parseWritten(s)
  }

  private static let iso = try! NSRegularExpression(
    pattern:
      #"\b((?:19|20)\d\d)-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d))?(?:\.\d+)?(Z|[+-]\d\d:?\d\d)?)?"#
  )
  private static let slashed = try! NSRegularExpression(
    pattern: #"\b(\d\d?)/(\d\d?)/((?:19|20)\d\d)(?: (\d\d?):(\d\d)(?::(\d\d))?)?"#)
  private static let compact = try! NSRegularExpression(pattern: #"^((?:19|20)\d\d)(\d\d)(\d\d)$"#)
  private static let monthFirst = try! NSRegularExpression(
    pattern: #"\b([A-Z][a-z]{2,8})\.? (\d{1,2})(?:st|nd|rd|th)?,? ((?:19|20)\d\d)"#)
  private static let dayFirst = try! NSRegularExpression(
    pattern: #"\b(\d{1,2}) ([A-Z][a-z]{2,8})\.?,? ((?:19|20)\d\d)"#)
  private static let clock = try! NSRegularExpression(
    pattern: #"\b(\d{1,2})(?::(\d\d))? ?([ap])\.?m\.?(?: ?(E|C|M|P)[SD]?T\b)?"#,
    options: [.caseInsensitive])
  private static let clock24 = try! NSRegularExpression(
    pattern: #"\b([01]?\d|2[0-3]):([0-5]\d)(?: ?(UTC|GMT|(E|C|M|P)[SD]?T))?\b"#)

  static func month(_ name: String) -> Int? { DateField.month(named: name) }

  private static func groups(_ match: NSTextCheckingResult, in s: String) -> [String?] {
    (0..<match.numberOfRanges).map { i in
      Range(match.range(at: i), in: s).map { String(s[$0]) }
    }
  }

  private static func first(_ regex: NSRegularExpression, _ s: String) -> [String?]? {
    guard let m = regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) else {
      return nil
    }
    return groups(m, in: s)
  }

  static func utc(
    _ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0,
    offsetSeconds: Int = 0
  ) -> Date? {
    DateField.instant(
      year: year, month: month, day: day, hour: hour, minute: minute, second: second,
      offsetSeconds: offsetSeconds)
  }

  private static func parseNumeric(_ s: String) -> Date? {
    if let g = first(iso, s) {
      var offset = 0
      if let zone = g[7], zone != "Z" {
        let sign = zone.hasPrefix("-") ? -1 : 1
        let digits = zone.dropFirst().filter(\.isNumber)
        if digits.count == 4, let hh = Int(digits.prefix(2)), let mm = Int(digits.suffix(2)) {
          offset = sign * (hh * 3600 + mm * 60)
        }
      }
      return utc(
        Int(g[1]!)!, Int(g[2]!)!, Int(g[3]!)!, g[4].flatMap(Int.init) ?? 0,
        g[5].flatMap(Int.init) ?? 0, g[6].flatMap(Int.init) ?? 0, offsetSeconds: offset)
    }
    if let g = first(slashed, s) {
      return utc(
        Int(g[3]!)!, Int(g[1]!)!, Int(g[2]!)!, g[4].flatMap(Int.init) ?? 0,
        g[5].flatMap(Int.init) ?? 0, g[6].flatMap(Int.init) ?? 0)
    }
    if let g = first(compact, s) {
      return utc(Int(g[1]!)!, Int(g[2]!)!, Int(g[3]!)!)
    }
    return nil
  }

  private static func parseWritten(_ s: String) -> Date? {
    var ymd: (Int, Int, Int)?
    if let g = first(monthFirst, s), let m = month(g[1]!) {
      ymd = (Int(g[3]!)!, m, Int(g[2]!)!)
    } else if let g = first(dayFirst, s), let m = month(g[2]!) {
      ymd = (Int(g[3]!)!, m, Int(g[1]!)!)
    }
    guard let (year, month, day) = ymd else { return nil }
    var hour = 0
    var minute = 0
    var offset = 0
    if let g = first(clock, s), var h = Int(g[1]!) {
      let pm = g[3]!.lowercased() == "p"
      if h == 12 { h = 0 }
      hour = pm ? h + 12 : h
      minute = g[2].flatMap(Int.init) ?? 0
      offset = zoneOffset(g[4], in: year, month)
    } else if let g = first(clock24, s) {
      hour = Int(g[1]!)!
      minute = Int(g[2]!)!
      offset = zoneOffset(g[4], in: year, month)
    }
    return utc(year, month, day, hour, minute, offsetSeconds: offset)
  }

  /// US zone letter (E, C, M, P) to a UTC offset; daylight time roughly March to October,
  /// which is as precise as a zone printed without its S/D letter allows.
  private static func zoneOffset(_ letter: String?, in year: Int, _ month: Int) -> Int {
    guard let letter else { return 0 }
    let standard = ["E": -5, "C": -6, "M": -7, "P": -8][letter.uppercased()] ?? 0
    let daylight = (3...10).contains(month) ? 1 : 0
    return (standard + daylight) * 3600
  }
}
