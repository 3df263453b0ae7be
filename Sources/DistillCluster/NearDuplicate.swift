/// A MinHash signature of an article's word shingles: a compact stand-in for the set of its
/// overlapping `k`-word sequences, from which the Jaccard similarity of two articles can be
/// estimated without their text.
public struct NearDuplicateFingerprint: Sendable, Codable, Hashable {
  /// One minimum per hash function.
  public var minHashes: [UInt32]
  /// How many shingles the text had (0 for a text without words: it matches nothing).
  public var shingleCount: Int

  public init(minHashes: [UInt32], shingleCount: Int) {
    self.minHashes = minHashes
    self.shingleCount = shingleCount
  }

  /// The estimated Jaccard similarity of the two shingle sets: the share of hash functions
  /// whose minima agree. 0 when either text had no words or the signatures differ in length.
  public func estimatedJaccard(_ other: NearDuplicateFingerprint) -> Double {
    guard shingleCount > 0, other.shingleCount > 0, minHashes.count == other.minHashes.count,
      !minHashes.isEmpty
    else { return 0 }
    var equal = 0
    for i in minHashes.indices where minHashes[i] == other.minHashes[i] { equal += 1 }
    return Double(equal) / Double(minHashes.count)
  }
}

/// Makes ``NearDuplicateFingerprint``s from text: lower-cased words, `shingleSize`-word
/// shingles, `permutations` MinHash functions.
///
/// Every hash is fixed (``StableHash``), so a fingerprint made today equals one made in
/// another process tomorrow and can be stored.
///
///     let fingerprinter = NearDuplicateFingerprinter()
///     let a = fingerprinter.fingerprint(wireCopy.text)
///     let b = fingerprinter.fingerprint(repost.text)
///     a.estimatedJaccard(b)  // ≈ share of 4-word sequences the two texts have in common
///
/// - Complexity: O(words × permutations) per text.
public struct NearDuplicateFingerprinter: Sendable {
  public let shingleSize: Int
  public let permutations: Int
  private let multipliers: [UInt64]
  private let offsets: [UInt64]

  /// - Parameters:
  ///   - shingleSize: words per shingle; 4 tolerates small edits while rarely matching
  ///     unrelated texts.
  ///   - permutations: hash functions; the estimate's standard error is about
  ///     `sqrt(J(1-J)/permutations)`.
  public init(shingleSize: Int = 4, permutations: Int = 128) {
    precondition(shingleSize >= 1 && permutations >= 1)
    self.shingleSize = shingleSize
    self.permutations = permutations
    var generator = SeededGenerator(seed: 0x4e45_4152_4455_5053)  // "NEARDUPS"
    multipliers = (0..<permutations).map { _ in generator.next() | 1 }
    offsets = (0..<permutations).map { _ in generator.next() }
  }

  /// The fingerprint of `text`'s words (case and punctuation ignored).
  public func fingerprint(_ text: String) -> NearDuplicateFingerprint {
    var minima = [UInt32](repeating: .max, count: permutations)
    var window = [UInt64](repeating: 0, count: shingleSize)
    var words = 0
    var shingles = 0
    multipliers.withUnsafeBufferPointer { multipliers in
      offsets.withUnsafeBufferPointer { offsets in
        minima.withUnsafeMutableBufferPointer { minima in
          func add(_ shingle: UInt64) {
            shingles += 1
            for i in 0..<minima.count {
              // Multiply-shift hashing: a cheap universal family over 64-bit keys.
              let value = UInt32(
                truncatingIfNeeded: (multipliers[i] &* shingle &+ offsets[i]) >> 32)
              if value < minima[i] { minima[i] = value }
            }
          }
          WordScanner.scan(text) { word in
            window[words % shingleSize] = word.hash
            words += 1
            if words >= shingleSize {
              add(shingleHash(window, newest: words - 1))
            }
          }
          // A text shorter than one shingle is still its own (single) shingle.
          if words > 0 && words < shingleSize {
            add(shingleHash(window, newest: words - 1, count: words))
          }
        }
      }
    }
    return NearDuplicateFingerprint(minHashes: minima, shingleCount: shingles)
  }

  private func shingleHash(_ window: [UInt64], newest: Int, count: Int? = nil) -> UInt64 {
    let count = count ?? shingleSize
    var hash: UInt64 = 0x5348_494e_474c_4521
    for back in stride(from: count - 1, through: 0, by: -1) {
      hash = StableHash.combine(hash, window[(newest - back) % shingleSize])
    }
    return hash
  }
}

/// An article found to be a near-duplicate of another, with the estimated Jaccard similarity of
/// their word shingles.
public struct NearDuplicateMatch: Sendable, Codable, Hashable {
  public var id: String
  public var estimatedJaccard: Double
  public init(id: String, estimatedJaccard: Double) {
    self.id = id
    self.estimatedJaccard = estimatedJaccard
  }
}

/// Finds near-duplicate articles (syndicated wire copies, lightly edited re-posts) among those
/// inserted, by locality-sensitive hashing of their MinHash fingerprints.
///
/// Signatures are cut into `bands` bands; two articles become candidates when any band agrees
/// exactly, then candidates are kept when their estimated Jaccard reaches the threshold. With
/// 128 permutations in 32 bands of 4 rows, pairs at Jaccard 0.6 are found with probability
/// above 0.99 and pairs at 0.2 are rarely even compared.
///
///     var index = NearDuplicateIndex()
///     index.insert(id: "apw-1", fingerprint: fingerprinter.fingerprint(apw.text))
///     index.nearDuplicates(of: fingerprinter.fingerprint(nyt.text))
///     // [NearDuplicateMatch(id: "apw-1", estimatedJaccard: 0.91)]
///
/// - Complexity: insertion O(bands); a query O(bands + candidates × permutations).
public struct NearDuplicateIndex: Sendable {
  public let bands: Int
  /// Default minimum estimated Jaccard for ``nearDuplicates(of:threshold:)``.
  public let threshold: Double
  private var ids: [String] = []
  private var fingerprints: [NearDuplicateFingerprint] = []
  private var buckets: [UInt64: [Int32]] = [:]

  public init(bands: Int = 32, threshold: Double = 0.6) {
    precondition(bands >= 1)
    self.bands = bands
    self.threshold = threshold
  }

  /// Number of fingerprints inserted.
  public var count: Int { ids.count }

  /// Adds an article's fingerprint. Texts without words are kept but never match.
  public mutating func insert(id: String, fingerprint: NearDuplicateFingerprint) {
    let position = Int32(ids.count)
    ids.append(id)
    fingerprints.append(fingerprint)
    guard fingerprint.shingleCount > 0 else { return }
    for key in bandKeys(fingerprint) {
      buckets[key, default: []].append(position)
    }
  }

  /// The inserted articles whose estimated Jaccard with `fingerprint` is at least `threshold`
  /// (the index's default when nil), most similar first, ties by insertion order.
  public func nearDuplicates(
    of fingerprint: NearDuplicateFingerprint, threshold: Double? = nil
  ) -> [NearDuplicateMatch] {
    guard fingerprint.shingleCount > 0 else { return [] }
    let minimum = threshold ?? self.threshold
    var seen = Set<Int32>()
    var found: [(Int32, Double)] = []
    for key in bandKeys(fingerprint) {
      for position in buckets[key] ?? [] where seen.insert(position).inserted {
        let similarity = fingerprints[Int(position)].estimatedJaccard(fingerprint)
        if similarity >= minimum { found.append((position, similarity)) }
      }
    }
    found.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    return found.map { NearDuplicateMatch(id: ids[Int($0.0)], estimatedJaccard: $0.1) }
  }

  private func bandKeys(_ fingerprint: NearDuplicateFingerprint) -> [UInt64] {
    let hashes = fingerprint.minHashes
    let rows = max(1, hashes.count / bands)
    var keys: [UInt64] = []
    keys.reserveCapacity(bands)
    for band in 0..<min(bands, hashes.count) {
      var key = StableHash.mix(UInt64(band))
      for row in (band * rows)..<min(hashes.count, (band + 1) * rows) {
        key = StableHash.combine(key, UInt64(hashes[row]))
      }
      keys.append(key)
    }
    return keys
  }
}
