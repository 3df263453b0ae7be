import Foundation
import NIOConcurrencyHelpers

/// Runs the built `distill` binary and captures what a user would see.
public struct BinaryRun: Sendable {
  public var status: Int32
  public var stdout: String
  public var stderr: String
}

public enum DistillBinary {
  /// The `distill` executable next to the test bundle (SwiftPM builds both into one folder).
  public static var url: URL? {
    let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var candidates = [exe.deletingLastPathComponent().appendingPathComponent("distill")]
    for config in ["debug", "release"] {
      candidates.append(
        Fixtures.packageRoot.appendingPathComponent(".build/\(config)/distill"))
    }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }

  /// A `distill arguments…` process, not started, with `environment` over this one's.
  static func process(_ arguments: [String], environment: [String: String]) throws -> Process {
    guard let url else {
      throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "distill not built"])
    }
    let process = Process()
    process.executableURL = url
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env.merge(environment) { $1 }
    process.environment = env
    return process
  }

  /// Runs `distill arguments…`, optionally feeding `stdin`, in `directory`.
  public static func run(
    _ arguments: [String], stdin: Data? = nil, directory: URL? = nil,
    environment: [String: String] = [:]
  ) throws -> BinaryRun {
    let process = try process(arguments, environment: environment)
    if let directory { process.currentDirectoryURL = directory }
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    // Read both pipes concurrently so a full pipe cannot block the child.
    let group = DispatchGroup()
    nonisolated(unsafe) var outData = Data()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
      outData = out.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    group.enter()
    DispatchQueue.global().async {
      errData = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try input.fileHandleForWriting.close()
    group.wait()
    process.waitUntilExit()
    return BinaryRun(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }
}

/// A `distill` process left running, to be stopped or killed by the test.
public final class RunningDistill: Sendable {
  public let process: Process

  init(_ process: Process) { self.process = process }

  /// Sends `signal` (SIGKILL unless told otherwise) and waits for the process to end.
  @discardableResult
  public func kill(_ signal: Int32 = SIGKILL) -> Int32 {
    if process.isRunning { _ = Foundation.kill(process.processIdentifier, signal) }
    process.waitUntilExit()
    return process.terminationStatus
  }

  /// Waits for the process to end on its own and returns its exit status.
  public func wait() -> Int32 {
    process.waitUntilExit()
    return process.terminationStatus
  }
}

extension DistillBinary {
  /// Starts `distill arguments…` without waiting for it; its output goes to `log` (appended)
  /// or nowhere.
  public static func launch(
    _ arguments: [String], log: URL? = nil, environment: [String: String] = [:]
  ) throws -> RunningDistill {
    let process = try process(arguments, environment: environment)
    process.standardInput = FileHandle.nullDevice
    if let log {
      if !FileManager.default.fileExists(atPath: log.path) {
        FileManager.default.createFile(atPath: log.path, contents: nil)
      }
      let handle = try FileHandle(forWritingTo: log)
      try handle.seekToEnd()
      process.standardOutput = handle
      process.standardError = handle
    } else {
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
    }
    try process.run()
    return RunningDistill(process)
  }
}

extension DistillBinary {
  /// Runs several `distill` processes at the same time, each on a thread of its own (not the
  /// few threads of Swift's cooperative pool, which would run them in turn), and returns their
  /// runs in order.
  public static func runAtOnce(_ argumentLists: [[String]]) async throws -> [BinaryRun] {
    try await withCheckedThrowingContinuation { continuation in
      let results = NIOLockedValueBox(
        [Result<BinaryRun, any Error>?](
          repeating: nil, count: argumentLists.count))
      let group = DispatchGroup()
      for (index, arguments) in argumentLists.enumerated() {
        group.enter()
        Thread.detachNewThread {
          let result = Result { try run(arguments) }
          results.withLockedValue { $0[index] = result }
          group.leave()
        }
      }
      group.notify(queue: .global()) {
        continuation.resume(
          with: Result {
            try results.withLockedValue { $0 }.map { try $0!.get() }
          })
      }
    }
  }
}

/// A temporary folder removed when the value goes away.
public final class TemporaryDirectory: Sendable {
  public let url: URL
  public init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("distill-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }
  deinit { try? FileManager.default.removeItem(at: url) }

  /// Writes `contents` to `name` inside the folder and returns its path.
  @discardableResult
  public func write(_ name: String, _ contents: String) throws -> String {
    try write(name, Data(contents.utf8))
  }

  @discardableResult
  public func write(_ name: String, _ data: Data) throws -> String {
    let file = url.appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: file)
    return file.path
  }
}
