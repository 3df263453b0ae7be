import Foundation

/// The committed minimum scores (`quality/floors.json`) that CI holds the project to.
///
/// The file is one flat JSON object of `"name": number` pairs, such as
/// `"duc2006.focused.rouge2": 0.071`; keys starting with `_` are comments. A change may raise a
/// floor in an ordinary commit; lowering one must be a deliberate, explained commit.
public struct QualityFloors: Sendable, Equatable {
  public var floors: [String: Double]

  public init(floors: [String: Double]) {
    self.floors = floors
  }

  /// Parses the floors file.
  ///
  /// - Throws: ``FloorsError`` when the file is not a JSON object or a floor is not a number.
  public init(json: Data) throws {
    // Decoded rather than read through JSONSerialization: on Linux an NSNumber holding 1.0
    // also answers `is Bool`, which would refuse a floor of exactly 1 or 0.
    let entries: [String: Entry]
    do {
      entries = try JSONDecoder().decode([String: Entry].self, from: json)
    } catch {
      throw FloorsError("the floors file must hold one JSON object of \"name\": number pairs")
    }
    var floors: [String: Double] = [:]
    for (key, entry) in entries where !key.hasPrefix("_") {
      guard case .number(let value) = entry else {
        throw FloorsError("floor \"\(key)\" is not a number")
      }
      floors[key] = value
    }
    self.floors = floors
  }

  /// One value of the floors file: a number, or anything else (comments are strings).
  private enum Entry: Decodable {
    case number(Double)
    case other

    init(from decoder: any Decoder) throws {
      let container = try decoder.singleValueContainer()
      if (try? container.decode(Bool.self)) != nil {
        self = .other
      } else if let number = try? container.decode(Double.self) {
        self = .number(number)
      } else {
        self = .other
      }
    }
  }

  /// One measured score compared with its floor.
  public struct Check: Sendable, Equatable {
    public var key: String
    public var floor: Double
    public var measured: Double
    public var passed: Bool { measured >= floor }
  }

  /// Compares each measured score that has a floor; scores without a floor are not checked.
  public func check(_ measured: [String: Double]) -> [Check] {
    measured.keys.sorted().compactMap { key in
      floors[key].map { Check(key: key, floor: $0, measured: measured[key]!) }
    }
  }
}

/// A floors file that cannot be used.
public struct FloorsError: Error, CustomStringConvertible, Sendable {
  public var description: String
  public init(_ description: String) { self.description = description }
}
