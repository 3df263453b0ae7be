/// Hash functions whose values are the same in every process and on every platform.
///
/// Swift's `Hasher` is seeded randomly per process, so fingerprints made with it could not be
/// stored or compared across runs. These are fixed: FNV-1a for bytes, and the SplitMix64
/// finalizer to spread the bits of a 64-bit value.
public enum StableHash {
  static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
  static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

  /// 64-bit FNV-1a of a byte sequence.
  ///
  ///     StableHash.fnv1a64("a".utf8) == 0xaf63dc4c8601ec8c
  ///
  /// - Complexity: O(n) in the number of bytes.
  public static func fnv1a64<Bytes: Sequence>(_ bytes: Bytes) -> UInt64
  where Bytes.Element == UInt8 {
    var hash = fnvOffset
    for byte in bytes {
      hash ^= UInt64(byte)
      hash &*= fnvPrime
    }
    return hash
  }

  /// 64-bit FNV-1a of a string's UTF-8 bytes.
  public static func fnv1a64(_ string: String) -> UInt64 { fnv1a64(string.utf8) }

  /// Continues an FNV-1a hash with one more byte.
  @inline(__always)
  static func fnvStep(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
    (hash ^ UInt64(byte)) &* fnvPrime
  }

  /// The SplitMix64 finalizer: a bijection on 64-bit values that spreads every input bit
  /// over the whole output, so nearby inputs get unrelated outputs.
  @inline(__always)
  public static func mix(_ value: UInt64) -> UInt64 {
    var z = value &+ 0x9e37_79b9_7f4a_7c15
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }

  /// Combines two hashes into one, order-sensitively.
  @inline(__always)
  public static func combine(_ a: UInt64, _ b: UInt64) -> UInt64 {
    mix(a ^ (b &* 0x9e37_79b9_7f4a_7c15) &+ 0x632b_e59b_d9b4_e019)
  }
}

/// A small deterministic pseudo-random generator (SplitMix64) for reproducible benchmarks and
/// tests: the same seed always yields the same sequence.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: UInt64
  public init(seed: UInt64) { state = seed }
  public mutating func next() -> UInt64 {
    state &+= 0x9e37_79b9_7f4a_7c15
    var z = state
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }
}
