import DistillModel
import DistillText
import Foundation

/// A number found in a sentence together with what it counts.
public struct FoundFigure: Sendable, Hashable {
  /// What is counted ("dead", "evacuated", "troops", "dollars in damage").
  public var label: String
  /// The figure as written, qualifier included ("at least 40", "$2.5 million").
  public var value: String
  public var number: Double
}

/// Finds counted quantities in sentences: "at least 40 people were killed", "the death toll
/// rose to 57", "1,200 residents were evacuated", "$2.5 million in damage", "3,000 troops".
///
/// Only numbers whose meaning is clear from nearby words are reported; a bare number ("in
/// 2014", "Route 9") is not a figure.
public struct FigureFinder: Sendable {
  public init() {}

  /// Words that say what happened to the counted people or things, and the label they get.
  /// The order is the order figures are listed in a brief.
  static let predicates: [(label: String, words: Set<String>)] = [
    (
      "dead",
      [
        "killed", "dead", "died", "deaths", "death", "fatalities", "bodies", "killing", "lives",
        "perished", "drowned",
      ]
    ),
    (
      "injured",
      [
        "injured", "wounded", "hurt", "injuries", "hospitalized", "injuring", "wounding",
        "hospital",
      ]
    ),
    ("missing", ["missing", "unaccounted"]),
    (
      "evacuated",
      [
        "evacuated", "evacuate", "evacuation", "evacuations", "fled", "evacuees", "forcing",
        "forced",
      ]
    ),
    ("displaced", ["displaced", "homeless", "shelters", "sheltered"]),
    ("rescued", ["rescued", "saved"]),
    ("arrested", ["arrested", "detained", "arrests", "jailed", "charged"]),
    ("homes destroyed", ["destroyed", "razed", "flattened"]),
    ("homes damaged", ["damaged", "flooded", "inundated"]),
    ("without power", ["power", "electricity", "outages"]),
  ]
  /// Counted nouns that are a label on their own.
  static let nouns: [String: String] = [
    "troops": "troops", "soldiers": "troops", "marines": "troops", "peacekeepers": "troops",
    "refugees": "refugees", "migrants": "migrants", "jobs": "jobs", "acres": "acres",
    "hectares": "hectares", "votes": "votes", "tons": "tons", "tonnes": "tonnes",
  ]
  /// Nouns that say the number counts people or buildings, so a predicate can label it.
  static let countedThings: Set<String> = [
    "people", "persons", "residents", "villagers", "civilians", "passengers", "children",
    "students", "workers", "victims", "others", "families", "households", "homes", "houses",
    "buildings", "customers", "patients", "inmates", "protesters", "demonstrators", "miners",
    "police", "officers", "firefighters", "tourists", "adults", "women", "men", "more",
    "structures", "businesses", "bodies", "deaths", "dead", "injured", "wounded", "missing",
    "fatalities", "suspects", "militants", "fighters", "rebels", "members", "crew", "sailors",
    "citizens", "employees", "individuals", "americans", "others",
  ]
  static let qualifiers: [[String]] = [
    ["at", "least"], ["more", "than"], ["fewer", "than"], ["less", "than"], ["up", "to"],
    ["an", "estimated"], ["nearly"], ["about"], ["around"], ["some"], ["over"], ["almost"],
    ["roughly"], ["approximately"], ["as", "many", "as"], ["close", "to"], ["just", "over"],
    ["at", "most"],
  ]
  static let spelled: [String: Double] = [
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "dozen": 12,
  ]
  static let multipliers: [String: Double] = [
    "dozen": 12, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
  ]
  static let monthsAndUnits: Set<String> = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept",
    "sep", "oct", "nov", "dec", "a.m", "p.m", "am", "pm", "years", "year", "days", "day",
    "hours", "hour", "minutes", "weeks", "months", "miles", "kilometers", "feet", "meters",
    "degrees", "inches", "mph", "percent", "route", "highway", "no", "number", "page", "st",
    "nd", "rd", "th", "o'clock", "times", "points", "seconds",
  ]

  /// The figures of one sentence.
  public func figures(in text: String) -> [FoundFigure] {
    let scalars = Array(text.unicodeScalars)
    let words = TextSupport.words(scalars)
    let lower = words.map(\.lower)
    var result: [FoundFigure] = []
    var i = 0
    while i < words.count {
      defer { i += 1 }
      var number: Double
      let w = lower[i]
      if words[i].isNumeric {
        guard let n = Double(w.replacingOccurrences(of: ",", with: "")) else { continue }
        number = n
      } else if let n = Self.spelled[w] {
        number = n
      } else {
        continue
      }
      let prev = i > 0 ? lower[i - 1] : ""
      // A day of a month ("Jan. 3"), a year, a time or a measure is not a count.
      if Self.monthsAndUnits.contains(prev) { continue }
      var last = i
      if i + 1 < words.count, let m = Self.multipliers[lower[i + 1]] {
        number *= m
        last = i + 1
      }
      let nextWord = last + 1 < words.count ? lower[last + 1] : ""
      if Self.monthsAndUnits.contains(nextWord) { continue }
      if words[i].isNumeric, w.count == 4, !w.contains(","), (1800...2199).contains(Int(w) ?? 0),
        last == i
      {
        continue
      }
      let isDollar =
        words[i].start > 0 && scalars[words[i].start - 1] == "$"
        || nextWord == "dollars"

      // Qualifier before the number ("at least", "more than").
      var first = i
      for q in Self.qualifiers where i >= q.count {
        if Array(lower[(i - q.count)..<i]) == q {
          first = i - q.count
          break
        }
      }
      var valueStart = words[first].start
      if isDollar && first == i { valueStart -= 1 }
      var valueEnd = words[last].end
      if nextWord == "dollars" { valueEnd = words[last + 1].end }
      let value = TextSupport.string(scalars, valueStart, valueEnd)

      if isDollar {
        var label = "dollars"
        let after = nextWord == "dollars" ? last + 2 : last + 1
        if after + 1 < words.count, ["in", "for"].contains(lower[after]),
          !Stopwords.english.contains(lower[after + 1]), !words[after + 1].isNumeric,
          !words[after + 1].isCapitalized, !lower[after + 1].hasSuffix("ing")
        {
          // "in damage", "in emergency aid": the preposition and up to two content words.
          var phrase = [lower[after], lower[after + 1]]
          if after + 2 < words.count, !Stopwords.english.contains(lower[after + 2]),
            !words[after + 2].isNumeric, scalars[words[after + 1].end] == " "
          {
            phrase.append(lower[after + 2])
          }
          label += " " + phrase.joined(separator: " ")
        }
        // An amount with no "in damage" or "for repairs" could be any sum the story
        // mentions; only named amounts are comparable across sources.
        if label != "dollars" {
          result.append(FoundFigure(label: label, value: value, number: number))
        }
        continue
      }

      // The noun after the number, skipping an adjective or two ("40 more people").
      var nounIndex: Int?
      for k in (last + 1)..<min(words.count, last + 4) {
        if Self.countedThings.contains(lower[k]) || Self.nouns[lower[k]] != nil {
          nounIndex = k
          break
        }
      }
      if let k = nounIndex, let label = Self.nouns[lower[k]] {
        result.append(FoundFigure(label: label, value: value, number: number))
        continue
      }
      // A predicate near the number labels it: "40 people were killed", "killing 12",
      // "the death toll rose to 57", "57 dead".
      let windowAfter = (last + 1)..<min(words.count, last + 7)
      let windowBefore = max(0, first - 5)..<first
      var label: String?
      let buildings: Set<String> = ["homes", "houses", "buildings", "structures", "businesses"]
      for (name, cue) in Self.predicates {
        if name.hasPrefix("homes"), !(nounIndex.map { buildings.contains(lower[$0]) } ?? false) {
          continue
        }
        let afterHit = windowAfter.contains { cue.contains(lower[$0]) }
        let beforeHit = windowBefore.contains { cue.contains(lower[$0]) }
        // After the number the predicate needs a counted noun ("40 people ... killed") or
        // to follow at once ("40 dead"); before it, it must be close ("killed 40 people",
        // "death toll rose to 57").
        if afterHit && (nounIndex != nil || cue.contains(nextWord))
          || beforeHit && (nounIndex != nil || windowBefore.contains { lower[$0] == "toll" })
        {
          label = name
          break
        }
      }
      if let label {
        result.append(FoundFigure(label: label, value: value, number: number))
      }
      i = last
    }
    return result
  }
}
