import Foundation

/// A newswire dateline at the start of an article ("PINE RIDGE, S.D. (AP) -- ").
struct NewswireDateline: Sendable, Equatable {
  /// The place as the wire writes it ("PINE RIDGE, S.D.").
  var place: String
  /// The wire service named in parentheses, if any ("AP").
  var wire: String?
  /// Length of the whole dateline prefix, dash and following spaces included, in scalars.
  var length: Int

  private static let pattern: NSRegularExpression = {
    // City in capitals, optional ", State" or ", Country", optional ", Month Day",
    // optional "(Wire)", then a dash of some kind.
    let city = #"[A-Z][A-Z.'\-]*(?: [A-Z][A-Z.'\-]*){0,3}"#
    let region =
      #"(?:, ?[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)?(?: ?\([A-Z][A-Za-z .]{1,30}\)(?=,))?"#
    let date = #"(?:, ?[A-Z][a-z]{2,8}\.? \d{1,2})?"#
    let wire = #"(?: ?\(([A-Za-z .&\-]{1,30})\))?"#
    let dash = #" ?(?:--|\u2014|\u2013|_| -)\s*"#
    return try! NSRegularExpression(pattern: "^\\s*(\(city)\(region))\(date)\(wire)\(dash)")
  }()

  /// The dateline that opens `text`, or nil.
  static func parse(_ text: String) -> NewswireDateline? {
    // Cheap test first: a dateline opens with two capital letters.
    var scalars = text.unicodeScalars.drop { $0.properties.isWhitespace }.makeIterator()
    guard let a = scalars.next(), let b = scalars.next(), a.properties.isUppercase,
      b.properties.isUppercase || b == "."
    else { return nil }
    let ns = text as NSString
    let probe = ns.length > 160 ? ns.substring(to: 160) : text
    guard
      let match = pattern.firstMatch(
        in: probe, range: NSRange(location: 0, length: (probe as NSString).length))
    else { return nil }
    let placeRange = match.range(at: 1)
    let place = (probe as NSString).substring(with: placeRange)
      .trimmingCharacters(in: CharacterSet(charactersIn: " ,"))
    // The city must be written in capitals ("WASHINGTON"), which is what marks a dateline;
    // a sentence that merely starts with a capitalized word does not qualify.
    let firstWord = place.split(whereSeparator: { $0 == " " || $0 == "," }).first ?? ""
    let letters = firstWord.unicodeScalars.filter { $0.properties.isAlphabetic }
    guard letters.count >= 2, letters.allSatisfy({ $0.properties.isUppercase }) else { return nil }
    var wire: String?
    if match.range(at: 2).location != NSNotFound {
      wire = (probe as NSString).substring(with: match.range(at: 2))
    }
    let prefix = (probe as NSString).substring(to: match.range.location + match.range.length)
    return NewswireDateline(place: place, wire: wire, length: prefix.unicodeScalars.count)
  }
}
