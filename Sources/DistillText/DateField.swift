import Foundation

/// Reads a date field as feeds and page metadata write it: RFC 822/1123 (`pubDate`,
/// `Last-Modified`), RFC 3339/ISO 8601 (Atom, `dc:date`, JSON Feed, `article:published_time`)
/// and their common malformed variants. The one parser of whole date fields; dates inside
/// running text are ``PublicationDates``' job, which builds its instants with ``instant(year:month:day:hour:minute:second:offsetSeconds:)``.
///
/// Accepted besides the standards: missing seconds; single-digit days and hours; missing or
/// misplaced weekday; month before day (`Sat, Dec 16 2023 02:02:33 PM`); 12-hour clocks with
/// AM/PM; two-digit years (00–49 → 20xx, 50–99 → 19xx); named zones (UT, UTC, GMT, Z, the US
/// zones EST/EDT/CST/CDT/MST/MDT/PST/PDT and a few European and Asian ones); offsets with or
/// without a colon (`+0200`, `+02:00`, `+02`); a space instead of `T`; fractional seconds;
/// date-only values (midnight UTC); `2019/11/06` and the compact `20191106`; extra
/// whitespace. A date with no zone is taken as UTC.
///
/// Out of scope: month and weekday names in languages other than English (`mer, 13 nov 2019`
/// yields nil), and ambiguous numeric forms like `03/04/2020`.
public enum DateField {
  /// The instant `string` names, or nil when it is not a recognisable date.
  public static func parse(_ string: String) -> Date? {
    let trimmed = Whitespace.collapse(string)
    guard !trimmed.isEmpty, trimmed.utf8.count < 100 else { return nil }
    var bytes = Array(trimmed.utf8)
    if bytes.count == 8, bytes.allSatisfy(isDigit) {
      // 20191106: a year, month and day with nothing between.
      bytes = Array(bytes[0..<4]) + [45] + Array(bytes[4..<6]) + [45] + Array(bytes[6..<8])
    }
    if bytes.count >= 10, isDigit(bytes[0]), isDigit(bytes[3]),
      bytes[4] == UInt8(ascii: "-") || (bytes[4] == UInt8(ascii: "/") && bytes[7] == bytes[4])
    {
      // 2019/11/06 reads as 2019-11-06: a leading year leaves no doubt about the order.
      if bytes[4] == UInt8(ascii: "/") {
        bytes[4] = UInt8(ascii: "-")
        bytes[7] = UInt8(ascii: "-")
      }
      return parseISO(bytes)
    }
    return parseRFC822(trimmed)
  }

  // MARK: ISO 8601 / RFC 3339

  private static func parseISO(_ b: [UInt8]) -> Date? {
    var i = 0
    func number(_ count: Int) -> Int? {
      guard i + count <= b.count else { return nil }
      var value = 0
      for k in 0..<count {
        guard isDigit(b[i + k]) else { return nil }
        value = value * 10 + Int(b[i + k] - 48)
      }
      i += count
      return value
    }
    func expect(_ c: Character) -> Bool {
      guard i < b.count, b[i] == c.asciiValue! else { return false }
      i += 1
      return true
    }
    guard let year = number(4), expect("-"), let month = number(2), expect("-"),
      let day = number(2)
    else { return nil }
    var hour = 0
    var minute = 0
    var second = 0
    var offset = 0
    if i < b.count && (b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == 32) {
      i += 1
      while i < b.count && b[i] == 32 { i += 1 }
      guard let h = number(2), expect(":"), let m = number(2) else { return nil }
      hour = h
      minute = m
      if expect(":") {
        guard let s = number(2) else { return nil }
        second = s
        if i < b.count && (b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",")) {
          i += 1
          while i < b.count && isDigit(b[i]) { i += 1 }
        }
      }
      while i < b.count && b[i] == 32 { i += 1 }
      if i < b.count {
        let rest = String(decoding: b[i...], as: UTF8.self)
        guard let zone = zoneOffset(rest) else { return nil }
        offset = zone
        i = b.count
      }
    }
    guard i == b.count else { return nil }
    return instant(
      year: year, month: month, day: day, hour: hour, minute: minute, second: second,
      offsetSeconds: offset)
  }

  // MARK: RFC 822 and friends

  /// The month a name or abbreviation names ("Sept", "march"), or nil.
  public static func month(named name: String) -> Int? { months[name.lowercased()] }

  private static let months: [String: Int] = [
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12, "january": 1, "february": 2, "march": 3,
    "april": 4, "june": 6, "july": 7, "august": 8, "september": 9, "october": 10,
    "november": 11, "december": 12,
  ]
  private static let weekdays: Set<String> = [
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday",
  ]
  /// Named zones in hours east of UTC. RFC 822's own set plus the few that feeds use often;
  /// ambiguous names (IST, CST in China) take their most common feed meaning.
  private static let namedZones: [String: Int] = [
    "ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7,
    "mdt": -6, "pst": -8, "pdt": -7, "akst": -9, "akdt": -8, "hst": -10, "ast": -4, "adt": -3,
    "bst": 1, "wet": 0, "west": 1, "cet": 1, "cest": 2, "met": 1, "mest": 2, "eet": 2,
    "eest": 3, "msk": 3, "ist": 5, "jst": 9, "kst": 9, "hkt": 8, "sgt": 8, "aest": 10,
    "aedt": 11, "nzst": 12, "nzdt": 13,
  ]

  private static func parseRFC822(_ string: String) -> Date? {
    // Split on whitespace and commas; keep ':' inside the time token and signs on offsets.
    let tokens = string.lowercased().split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" })
      .map(String.init)
    var day: Int?
    var month: Int?
    var year: Int?
    var yearDigits = 4
    var time: (Int, Int, Int)?
    var offset: Int?
    var meridiem: String?
    for rawToken in tokens {
      var token = rawToken
      if token.hasSuffix(".") { token.removeLast() }
      if token.isEmpty { continue }
      if weekdays.contains(token) { continue }
      if let m = months[token] {
        guard month == nil else { return nil }
        month = m
        continue
      }
      if token == "am" || token == "pm" || token == "a.m" || token == "p.m" {
        meridiem = String(token.prefix(1))
        continue
      }
      if token.contains(":" as Character) && time == nil {
        // "14:05", "14:05:09", "2:05:09pm"; an offset glued on ("14:05:09+0200") is split off.
        var clock = token
        if clock.hasSuffix("am") || clock.hasSuffix("pm") {
          meridiem = String(clock.suffix(2).prefix(1))
          clock.removeLast(2)
        }
        if let signIndex = clock.firstIndex(where: { $0 == "+" || $0 == "-" }) {
          guard let zone = zoneOffset(String(clock[signIndex...])) else { return nil }
          offset = zone
          clock = String(clock[..<signIndex])
        } else if clock.hasSuffix("z") {
          offset = 0
          clock.removeLast()
        }
        let parts = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
          let h = Int(parts[0]), let m = Int(parts[1])
        else { return nil }
        var s = 0
        if parts.count == 3 {
          guard let sec = Int(parts[2].split(separator: ".").first ?? "") else { return nil }
          s = sec
        }
        time = (h, m, s)
        continue
      }
      if token.first == "+" || token.first == "-" || namedZones[token] != nil {
        guard offset == nil, let zone = zoneOffset(token) else { return nil }
        offset = zone
        continue
      }
      // "(gmt)" style comments after the zone are ignored.
      if token.hasPrefix("(") { continue }
      if let value = Int(token), token.allSatisfy(\.isNumber) {
        if day == nil && token.count <= 2 && value >= 1 && value <= 31 && year == nil {
          day = value
        } else if year == nil && (token.count == 4 || token.count == 2) {
          year = value
          yearDigits = token.count
        } else if day == nil && token.count <= 2 && value >= 1 && value <= 31 {
          day = value
        } else {
          return nil
        }
        continue
      }
      // "16-Dec-2023" (seen in some hand-rolled feeds).
      let dashed = token.split(separator: "-")
      if dashed.count == 3, let d = Int(dashed[0]), let m = months[String(dashed[1])],
        let y = Int(dashed[2])
      {
        day = d
        month = m
        year = y
        yearDigits = dashed[2].count
        continue
      }
      return nil
    }
    guard let day, let month, var year else { return nil }
    if yearDigits == 2 { year += year < 50 ? 2000 : 1900 }
    var (hour, minute, second) = time ?? (0, 0, 0)
    if let meridiem {
      guard hour >= 1 && hour <= 12 else { return nil }
      if meridiem == "p" && hour != 12 { hour += 12 }
      if meridiem == "a" && hour == 12 { hour = 0 }
    }
    return instant(
      year: year, month: month, day: day, hour: hour, minute: minute, second: second,
      offsetSeconds: offset ?? 0)
  }

  /// Seconds east of UTC for "Z", "+02:00", "+0200", "+02", "-5" or a named zone.
  private static func zoneOffset(_ raw: String) -> Int? {
    let token = Whitespace.collapse(raw.lowercased())
    if let hours = namedZones[token] { return hours * 3600 }
    guard let sign = token.first, sign == "+" || sign == "-" else { return nil }
    let digits = token.dropFirst().filter { $0 != ":" }
    guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else {
      return nil
    }
    let hours: Int
    let minutes: Int
    switch digits.count {
    case 1, 2:
      hours = Int(digits)!
      minutes = 0
    case 3:
      hours = Int(digits.prefix(1))!
      minutes = Int(digits.suffix(2))!
    case 4:
      hours = Int(digits.prefix(2))!
      minutes = Int(digits.suffix(2))!
    default:
      return nil
    }
    guard hours <= 14, minutes < 60 else { return nil }
    return (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
  }

  private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

  /// Builds the instant arithmetically (no Calendar, no locale), rejecting impossible fields
  /// (February 30, hour 25); `offsetSeconds` is the zone's offset east of UTC.
  public static func instant(
    year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offsetSeconds: Int
  ) -> Date? {
    guard (1..<10000).contains(year), (1...12).contains(month), day >= 1,
      day <= daysIn(month: month, year: year), (0...24).contains(hour), (0...59).contains(minute),
      (0...60).contains(second), hour < 24 || (minute == 0 && second == 0)
    else { return nil }
    let days = daysFromCivil(year: year, month: month, day: day)
    // A leap second is read as the last ordinary second of its minute.
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offsetSeconds
    return Date(timeIntervalSince1970: TimeInterval(seconds))
  }

  private static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
  private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }
}
