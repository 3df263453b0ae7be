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
    guard let object = try JSONSerialization.jsonObject(with: json) as? [String: Any] else {
      throw FloorsError("the floors file must hold one JSON object of \"name\": number pairs")
    }
    var floors: [String: Double] = [:]
    for (key, value) in object where !key.hasPrefix("_") {
      guard let number = value as? NSNumber, !(value is Bool) else {
        throw FloorsError("floor \"\(key)\" is not a number")
      }
      floors[key] = number.doubleValue
    }
    self.floors = floors
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
