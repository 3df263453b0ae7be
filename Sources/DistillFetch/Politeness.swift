import Foundation

/// Monotonic time and sleeping, injected so politeness delays are testable without waiting.
public protocol PacingClock: Sendable {
  /// Time since an arbitrary fixed origin; only differences matter.
  func now() -> Duration
  func sleep(for duration: Duration) async throws
}

/// The real clock: `ContinuousClock` (monotonic, counts time asleep).
public struct SystemPacingClock: PacingClock {
  private let origin = ContinuousClock.now
  public init() {}
  public func now() -> Duration { ContinuousClock.now - origin }
  public func sleep(for duration: Duration) async throws {
    try await Task.sleep(for: duration)
  }
}

/// Spaces requests to the same host at least `delay` apart, across concurrent tasks.
///
/// Each request reserves the next free slot for its host before it sleeps, so ten concurrent
/// requests to one host go out at 0, d, 2d, … while requests to other hosts are not held up.
actor HostPacer {
  private let delay: Duration
  private let clock: any PacingClock
  private var nextSlot: [String: Duration] = [:]

  init(delay: Duration, clock: any PacingClock) {
    self.delay = delay
    self.clock = clock
  }

  /// Waits until a request to `host` is allowed.
  func wait(for host: String) async throws {
    guard delay > .zero else { return }
    let key = host.lowercased()
    let now = clock.now()
    let slot = max(now, nextSlot[key] ?? now)
    nextSlot[key] = slot + delay
    if slot > now { try await clock.sleep(for: slot - now) }
  }
}
