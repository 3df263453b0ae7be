import Foundation
import PostgresNIO

/// Where a ``PostgresStore`` connects, read from a `postgres://` URL.
///
///     postgres://user:pass@127.0.0.1:5432/distill?schema=news&sslmode=require&pool=4
///
/// `schema` puts the store's tables in their own schema (created if missing; default: the
/// server's `search_path`, usually `public`). `sslmode` is `disable` (default), `prefer` or
/// `require`. `pool` caps the connections one store opens (default 4).
public struct PostgresStoreConfiguration: Sendable, Hashable {
  public enum TLSMode: String, Sendable, Hashable {
    case disable, prefer, require
  }

  public var host: String
  public var port: Int
  public var username: String
  public var password: String?
  public var database: String
  public var schema: String?
  public var tls: TLSMode
  /// The most connections the store holds open at once; callers beyond it wait their turn.
  public var maxConnections: Int

  public init(
    host: String, port: Int = 5432, username: String, password: String? = nil,
    database: String, schema: String? = nil, tls: TLSMode = .disable, maxConnections: Int = 4
  ) {
    self.host = host
    self.port = port
    self.username = username
    self.password = password
    self.database = database
    self.schema = schema
    self.tls = tls
    self.maxConnections = maxConnections
  }

  /// Reads a `postgres://` (or `postgresql://`) URL; throws ``StoreError/invalid(_:)`` with
  /// what is wrong when it cannot.
  public init(url string: String) throws(StoreError) {
    guard let parts = URLComponents(string: string),
      let scheme = parts.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql"
    else {
      throw .invalid("\(Self.redacted(string)) is not a postgres://user:pass@host:port/db URL")
    }
    guard let host = parts.host, !host.isEmpty else {
      throw .invalid("\(Self.redacted(string)) names no host")
    }
    guard let user = parts.user, !user.isEmpty else {
      throw .invalid("\(Self.redacted(string)) names no user (postgres://user@host/db)")
    }
    let database = String(parts.path.drop { $0 == "/" })
    guard !database.isEmpty else {
      throw .invalid("\(Self.redacted(string)) names no database (postgres://user@host/db)")
    }
    var options: [String: String] = [:]
    for item in parts.queryItems ?? [] { options[item.name.lowercased()] = item.value ?? "" }
    for name in options.keys where !["schema", "sslmode", "pool"].contains(name) {
      throw .invalid("unknown option \(name) in the database URL (known: schema, sslmode, pool)")
    }
    var tls = TLSMode.disable
    if let mode = options["sslmode"] {
      guard let parsed = TLSMode(rawValue: mode.lowercased()) else {
        throw .invalid("sslmode must be disable, prefer or require, not \(mode)")
      }
      tls = parsed
    }
    var pool = 4
    if let value = options["pool"] {
      guard let parsed = Int(value), parsed >= 1 else {
        throw .invalid("pool must be a whole number of connections, at least 1, not \(value)")
      }
      pool = parsed
    }
    if let schema = options["schema"], !Self.isPlainIdentifier(schema) {
      throw .invalid(
        "schema must be letters, digits and underscores, starting with a letter, not \(schema)")
    }
    self.init(
      host: host, port: parts.port ?? 5432, username: user.removingPercentEncoding ?? user,
      password: parts.password.map { $0.removingPercentEncoding ?? $0 }, database: database,
      schema: options["schema"], tls: tls, maxConnections: pool)
  }

  /// The URL with its password hidden, for messages.
  static func redacted(_ string: String) -> String {
    guard var parts = URLComponents(string: string), parts.password != nil else { return string }
    parts.password = "***"
    return parts.string ?? "the database URL"
  }

  /// Whether `name` can be used as a schema name without quoting: no injection through it.
  static func isPlainIdentifier(_ name: String) -> Bool {
    let bytes = Array(name.utf8)
    func isLetter(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) }
    guard let first = bytes.first, isLetter(first), bytes.count <= 63 else { return false }
    return bytes.allSatisfy { isLetter($0) || ($0 >= 48 && $0 <= 57) || $0 == 95 }
  }

  /// The postgres-nio connection settings.
  func connectionConfiguration() throws(StoreError) -> PostgresConnection.Configuration {
    let tlsSetting: PostgresConnection.Configuration.TLS
    do {
      switch tls {
      case .disable: tlsSetting = .disable
      case .prefer:
        tlsSetting = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
      case .require:
        tlsSetting = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
      }
    } catch {
      throw .database("cannot set up TLS: \(error)")
    }
    var configuration = PostgresConnection.Configuration(
      host: host, port: port, username: username, password: password, database: database,
      tls: tlsSetting)
    if let schema {
      // Every connection resolves unqualified table names in the store's schema first.
      configuration.options.additionalStartupParameters = [("search_path", schema)]
    }
    return configuration
  }
}
