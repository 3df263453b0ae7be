import DistillModel
import Foundation

/// A date expression found in a sentence, normalized against the article's date.
public struct TemporalMention: Sendable, Hashable {
  /// The words as written ("last weekend", "Jan. 3").
  public var text: String
  /// The start of the period meant (midnight UTC of the day, the first of the month, or
  /// January 1 of the year).
  public var date: Date
  public var precision: DatePrecision
  /// True when the expression is relative ("on Monday") and so depends on the reference date.
  public var isRelative: Bool
  /// True when the expression gives its own year or full date ("Jan. 3, 2024", "in 2014").
  public var isAbsolute: Bool
}

/// Finds and normalizes temporal expressions ("Jan. 3", "on Monday", "last weekend", "in 2014",
/// "since 2015", "three years ago", "yesterday", "2024-01-03") against a reference date: the
/// publication date of the article they appear in.
///
/// Weekday names and month-day dates without a year resolve to the nearest such day before
/// the reference (news reports the past), unless the sentence speaks of the future ("will",
/// "next", "is expected to", "scheduled"), in which case they resolve forward.
public struct TemporalResolver: Sendable {
  public init() {}

  static let months: [String: Int] = [
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
  ]
  static let weekdays: [String: Int] = [
    "sunday": 1, "monday": 2, "tuesday": 3, "wednesday": 4, "thursday": 5, "friday": 6,
    "saturday": 7,
  ]
  static let smallNumbers: [String: Int] = [
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30,
  ]
  static let futureCues = [
    "will", "next", "expected", "scheduled", "plans", "planned", "upcoming", "tomorrow", "set",
  ]
  static let yearPrepositions: Set<String> = [
    "in", "since", "until", "by", "from", "during", "of", "before", "after", "early", "late",
    "mid", "through", "to", "and", "between", "around", "circa",
  ]

  /// Every temporal expression in `text`, in reading order, resolved against `reference`
  /// (when nil, only expressions that carry their own year resolve).
  public func mentions(in text: String, reference: Date?) -> [TemporalMention] {
    let words = TextSupport.words(text)
    let lower = words.map(\.lower)
    let scalars = Array(text.unicodeScalars)
    let future = lower.contains { Self.futureCues.contains($0) }
    let cal = TextSupport.utc
    var result: [TemporalMention] = []
    var i = 0

    func day(_ y: Int, _ m: Int, _ d: Int) -> Date? {
      guard (1...12).contains(m), (1...31).contains(d) else { return nil }
      let comps = DateComponents(year: y, month: m, day: d)
      guard comps.isValidDate(in: cal) else { return nil }
      return cal.date(from: comps)
    }
    func startOfDay(_ date: Date) -> Date { cal.startOfDay(for: date) }
    func add(
      _ from: Int, _ to: Int, _ date: Date?, _ p: DatePrecision, relative: Bool, absolute: Bool
    ) {
      guard let date else { return }
      let t = TextSupport.string(scalars, words[from].start, words[to].end)
      result.append(
        TemporalMention(
          text: t, date: date, precision: p, isRelative: relative, isAbsolute: absolute))
    }
    func year(_ w: Word) -> Int? {
      guard w.text.count == 4, let y = Int(w.text), (1800...2199).contains(y) else { return nil }
      return y
    }
    func dayNumber(_ s: String) -> Int? {
      var t = s
      for suffix in ["st", "nd", "rd", "th"] where t.hasSuffix(suffix) { t.removeLast(2) }
      guard let d = Int(t), (1...31).contains(d) else { return nil }
      return d
    }
    /// The year that puts month/day nearest to the reference, leaning past or future.
    /// The year that puts month/day within the twelve months up to the reference (news
    /// reports the past), or, when the sentence speaks of the future, within the twelve months
    /// from it.
    func nearestYear(month: Int, day dd: Int, reference: Date) -> Int {
      let refYear = cal.component(.year, from: reference)
      let slack: TimeInterval = 2 * 86_400
      if future {
        for y in refYear...(refYear + 1) {
          if let d = day(y, month, dd), d.timeIntervalSince(reference) >= -slack { return y }
        }
        return refYear + 1
      }
      for y in stride(from: refYear + 1, through: refYear - 1, by: -1) {
        if let d = day(y, month, dd), d.timeIntervalSince(reference) <= slack { return y }
      }
      return refYear - 1
    }

    // Computed once: calendar arithmetic is costly and most words are not dates.
    let referenceDay = reference.map(startOfDay)
    while i < words.count {
      let w = lower[i]
      let next = i + 1 < words.count ? lower[i + 1] : ""
      let prev = i > 0 ? lower[i - 1] : ""

      // ISO date: 2024-01-03.
      if words[i].text.count == 10, words[i].isNumeric {
        let parts = words[i].text.split(separator: "-").compactMap { Int($0) }
        if parts.count == 3, parts[0] > 1800 {
          add(i, i, day(parts[0], parts[1], parts[2]), .day, relative: false, absolute: true)
          i += 1
          continue
        }
      }

      // Month names: "Jan. 3", "January 3, 2024", "3 January 2024", "March 2014", "in March".
      if let month = Self.months[w], words[i].isCapitalized {
        let isAbbrev = w.count <= 4 && w != "may" && w != "june" && w != "july"
        // "May" is also a verb, "March" also a noun; accept them only with a number beside them
        // or after a preposition.
        let ambiguous = w == "may" || w == "march"
        if isAbbrev && w.count == 3 && !(i + 1 < words.count && words[i + 1].isNumeric) {
          i += 1
          continue
        }
        if i + 1 < words.count, let d = dayNumber(lower[i + 1]),
          !(i + 2 < words.count && lower[i + 2] == "percent")
        {
          // Month day [year]
          var last = i + 1
          var y: Int?
          if i + 2 < words.count, let yy = year(words[i + 2]) {
            y = yy
            last = i + 2
          }
          if let y {
            add(i, last, day(y, month, d), .day, relative: false, absolute: true)
          } else if let reference {
            let yy = nearestYear(month: month, day: d, reference: reference)
            add(i, last, day(yy, month, d), .day, relative: true, absolute: false)
          }
          i = last + 1
          continue
        }
        if i > 0, let d = dayNumber(prev), i >= 1 {
          // Day Month [year] ("3 January 2024")
          if i + 1 < words.count, let y = year(words[i + 1]) {
            add(i - 1, i + 1, day(y, month, d), .day, relative: false, absolute: true)
            i += 2
            continue
          }
        }
        if i + 1 < words.count, let y = year(words[i + 1]) {
          add(i, i + 1, day(y, month, 1), .month, relative: false, absolute: true)
          i += 2
          continue
        }
        if !ambiguous
          || ["in", "since", "until", "last", "this", "early", "late", "mid", "of"].contains(prev),
          let reference
        {
          // A bare month: the nearest such month not after the reference (or the next one
          // when the sentence speaks of the future, or "next March").
          let refMonth = cal.component(.month, from: reference)
          var y = cal.component(.year, from: reference)
          if prev == "next" || prev == "until" || (future && prev != "last") {
            if month <= refMonth && prev != "this" { y += 1 }
          } else if month > refMonth {
            y -= 1
          }
          let from = ["last", "next", "this"].contains(prev) ? i - 1 : i
          add(from, i, day(y, month, 1), .month, relative: true, absolute: false)
        }
        i += 1
        continue
      }

      // Weekdays: "on Monday", "last Tuesday", "next Friday".
      if let weekday = Self.weekdays[w], let reference {
        let refWeekday = cal.component(.weekday, from: reference)
        var delta: Int
        var from = i
        if prev == "next" {
          delta = (weekday - refWeekday + 7) % 7
          if delta == 0 { delta = 7 }
          from = i - 1
        } else if prev == "last" {
          delta = -((refWeekday - weekday + 7) % 7)
          if delta == 0 { delta = -7 }
          from = i - 1
        } else if future {
          delta = (weekday - refWeekday + 7) % 7
        } else {
          delta = -((refWeekday - weekday + 7) % 7)
        }
        if prev == "this" { from = i - 1 }
        if let d = cal.date(byAdding: .day, value: delta, to: startOfDay(reference)) {
          add(from, i, d, .day, relative: true, absolute: false)
        }
        i += 1
        continue
      }

      if let reference, let today = referenceDay {
        _ = reference
        switch w {
        case "yesterday":
          add(
            i, i, cal.date(byAdding: .day, value: -1, to: today), .day, relative: true,
            absolute: false)
          i += 1
          continue
        case "today", "tonight":
          add(i, i, today, .day, relative: true, absolute: false)
          i += 1
          continue
        case "tomorrow":
          add(
            i, i, cal.date(byAdding: .day, value: 1, to: today), .day, relative: true,
            absolute: false)
          i += 1
          continue
        case "last", "next", "this", "past":
          let sign = w == "next" ? 1 : (w == "this" ? 0 : -1)
          switch next {
          case "night" where w == "last":
            add(
              i, i + 1, cal.date(byAdding: .day, value: -1, to: today), .day, relative: true,
              absolute: false)
            i += 2
            continue
          case "weekend":
            // The Saturday of the previous, current or next weekend.
            let refWeekday = cal.component(.weekday, from: reference)  // 1 = Sunday
            let thisSaturday = refWeekday == 1 ? -1 : 7 - refWeekday
            let delta = thisSaturday + 7 * sign
            add(
              i, i + 1, cal.date(byAdding: .day, value: delta, to: today), .day, relative: true,
              absolute: false)
            i += 2
            continue
          case "week":
            add(
              i, i + 1, cal.date(byAdding: .day, value: 7 * sign, to: today), .day, relative: true,
              absolute: false)
            i += 2
            continue
          case "month":
            if let d = cal.date(byAdding: .month, value: sign, to: today) {
              let c = cal.dateComponents([.year, .month], from: d)
              add(i, i + 1, day(c.year!, c.month!, 1), .month, relative: true, absolute: false)
            }
            i += 2
            continue
          case "year":
            let y = cal.component(.year, from: today) + sign
            add(i, i + 1, day(y, 1, 1), .year, relative: true, absolute: false)
            i += 2
            continue
          default: break
          }
        default: break
        }
        // "three years ago", "two weeks ago", "10 days ago", "a decade ago".
        if i + 2 < words.count, lower[i + 2] == "ago" {
          let amount = Int(w) ?? Self.smallNumbers[w]
          if let amount {
            let unit = next
            var date: Date?
            var precision = DatePrecision.day
            switch unit {
            case "day", "days": date = cal.date(byAdding: .day, value: -amount, to: today)
            case "week", "weeks": date = cal.date(byAdding: .day, value: -7 * amount, to: today)
            case "month", "months":
              if let d = cal.date(byAdding: .month, value: -amount, to: today) {
                let c = cal.dateComponents([.year, .month], from: d)
                date = day(c.year!, c.month!, 1)
              }
              precision = .month
            case "year", "years":
              date = day(cal.component(.year, from: today) - amount, 1, 1)
              precision = .year
            case "decade", "decades":
              date = day(cal.component(.year, from: today) - 10 * amount, 1, 1)
              precision = .year
            default: break
            }
            if date != nil {
              add(i, i + 2, date, precision, relative: true, absolute: false)
              i += 3
              continue
            }
          }
        }
      }

      // A year after a preposition: "in 2014", "since 2015", "the 2011 flood".
      if let y = year(words[i]), Self.yearPrepositions.contains(prev) || prev == "the" || i == 0 {
        let nextWord = next
        let counted = ["people", "percent", "homes", "residents", "troops", "dollars"].contains(
          nextWord)
        if !counted {
          add(i, i, day(y, 1, 1), .year, relative: false, absolute: true)
        }
      }
      i += 1
    }
    return result
  }

  /// The most telling date of a sentence: the first absolute full date, else the first
  /// mention of any kind.
  public func primaryMention(in text: String, reference: Date?) -> TemporalMention? {
    let all = mentions(in: text, reference: reference)
    return all.first { $0.isAbsolute && $0.precision == .day } ?? all.first
  }
}
