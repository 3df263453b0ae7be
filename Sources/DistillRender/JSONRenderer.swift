import DistillModel
import Foundation

/// Renders a brief as JSON in the versioned schema of docs/json-schema.md.
///
/// The object is the ``Brief`` itself plus a `schemaVersion` key; keys are sorted and dates
/// are ISO-8601 (UTC), so the same brief always renders to the same bytes.
public struct JSONRenderer: BriefRenderer {
  /// Indented output for people; compact output for machines.
  public var pretty: Bool

  public init(pretty: Bool = true) { self.pretty = pretty }

  /// The brief plus its schema version, in one flat object.
  struct Envelope: Encodable {
    var brief: Brief
    enum Keys: String, CodingKey { case schemaVersion }
    func encode(to encoder: any Encoder) throws {
      try brief.encode(to: encoder)
      var container = encoder.container(keyedBy: Keys.self)
      try container.encode(Brief.schemaVersion, forKey: .schemaVersion)
    }
  }

  public func render(_ brief: Brief) -> String {
    let encoder = Self.encoder(pretty: pretty)
    // Encoding plain values of strings, numbers and dates cannot fail; a failure here would be
    // a bug in the value types, so it is reported in the output rather than hidden.
    do {
      let data = try encoder.encode(Envelope(brief: brief))
      return String(decoding: data, as: UTF8.self) + "\n"
    } catch {
      return "{\"error\": \"could not encode the brief: \(error)\"}\n"
    }
  }

  /// The encoder the schema is defined by.
  public static func encoder(pretty: Bool = true) -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting =
      pretty
      ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
      : [.sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    return encoder
  }

  /// The matching decoder: reads what ``render(_:)`` writes back into a ``Brief``.
  public static func decoder() -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return decoder
  }
}
