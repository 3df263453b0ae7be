import Foundation
import PostgresNIO

/// The connections a ``PostgresStore`` owns, and the bridge from its synchronous methods to
/// postgres-nio.
///
/// Every query runs on SwiftNIO's event loop threads; the calling thread blocks on the
/// query's future (`EventLoopFuture.wait()`) until the answer arrives. So the caller must not
/// be an event loop thread (NIO traps that), and callers inside Swift concurrency should hop
/// off the cooperative pool first (a `Thread`, a `DispatchQueue`), since a blocked
/// cooperative thread is one fewer for every other task. Blocking never deadlocks here: the
/// work it waits for runs on NIO's own threads, never on the caller's.
final class PostgresConnections: @unchecked Sendable {
  // @unchecked: `idle`, `open` and `closed` are only touched under `lock`; the rest is immutable.
  private let configuration: PostgresConnection.Configuration
  private let group: any EventLoopGroup
  private let logger: Logger
  private let capacity: DispatchSemaphore
  private let lock = NSLock()
  private var idle: [PostgresConnection] = []
  private var closed = false
  private let nextID = NSLock()
  private var lastID = 0

  init(configuration: PostgresConnection.Configuration, maxConnections: Int, logger: Logger) {
    self.configuration = configuration
    self.group = MultiThreadedEventLoopGroup.singleton
    self.logger = logger
    self.capacity = DispatchSemaphore(value: max(1, maxConnections))
  }

  deinit { close() }

  /// Lends a connection to `body`, opening one if none is idle; waits while all are lent.
  func with<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
    capacity.wait()
    defer { capacity.signal() }
    let connection = try checkOut()
    do {
      let result = try body(connection)
      checkIn(connection)
      return result
    } catch {
      checkIn(connection)
      throw error
    }
  }

  /// Lends `body` a connection opened for it alone, outside the pool and its limit, and
  /// closes it afterwards (for a session-level lock held while pooled queries run).
  func withDedicated<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
    guard !lock.withLock({ closed }) else { throw StoreError.database("the store is closed") }
    let id: Int = nextID.withLock {
      lastID += 1
      return lastID
    }
    let connection = try PostgresConnection.connect(
      on: group.next(), configuration: configuration, id: id, logger: logger
    ).wait()
    defer { try? connection.close().wait() }
    return try body(connection)
  }

  /// Runs one statement and returns all its rows.
  func run(_ query: PostgresQuery, on connection: PostgresConnection) throws -> [PostgresRow] {
    try connection.query(query, logger: logger).wait().rows
  }

  /// Closes every idle connection and waits until they are closed (postgres-nio requires a
  /// connection to be closed before it is released); later calls fail. Lent connections
  /// close on return.
  func close() {
    let toClose: [PostgresConnection] = lock.withLock {
      closed = true
      defer { idle.removeAll() }
      return idle
    }
    for connection in toClose { try? connection.close().wait() }
  }

  private func checkOut() throws -> PostgresConnection {
    let reused: PostgresConnection? = try lock.withLock {
      guard !closed else { throw StoreError.database("the store is closed") }
      while let connection = idle.popLast() {
        if !connection.isClosed { return connection }
      }
      return nil
    }
    if let reused { return reused }
    let id: Int = nextID.withLock {
      lastID += 1
      return lastID
    }
    return try PostgresConnection.connect(
      on: group.next(), configuration: configuration, id: id, logger: logger
    ).wait()
  }

  private func checkIn(_ connection: PostgresConnection) {
    let keep = lock.withLock {
      guard !closed, !connection.isClosed else { return false }
      idle.append(connection)
      return true
    }
    if !keep { try? connection.close().wait() }
  }
}
