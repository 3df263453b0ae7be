import Foundation

/// ROUGE-1.5.5's bootstrap average and confidence interval (`computeAverages` with `-t 0`).
///
/// Resample `i` (0 ≤ i < samples) seeds Perl's random generator with `srand(i)` and draws as
/// many instances as there are, with replacement, averaging them. The reported average is the
/// mean of the resample means; the interval bounds are order statistics of the sorted resample
/// means, interpolated as the script does. Perl's `rand` is its built-in 48-bit linear
/// congruential generator (`drand48`), reproduced by ``Drand48``, so results match the script.
struct RougeBootstrap: Sendable {
  var samples: Int
  var confidence: Double

  func estimate(_ values: [Double]) -> RougeEstimate {
    guard samples > 0, !values.isEmpty else {
      let mean = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
      let rounded = RougeScorer.round5(mean)
      return RougeEstimate(average: rounded, lower: rounded, upper: rounded)
    }
    let n = values.count
    var means: [Double] = []
    means.reserveCapacity(samples)
    for seed in 0..<samples {
      var random = Drand48(seed: UInt32(truncatingIfNeeded: seed))
      var sum = 0.0
      for _ in 0..<n {
        sum += values[Int(random.next() * Double(n))]
      }
      means.append(sum / Double(n))
    }
    means.sort()
    let average = means.reduce(0, +) / Double(means.count)
    let delta = Double(samples) * ((100 - confidence) / 2) / 100
    let upperIndex = Int(Double(samples) - delta - 1)
    let lowerIndex = Int(delta)
    let ratio = Double(samples) - delta - 1 - Double(upperIndex)
    // Perl reads past the end of an array as 0; the interpolation then weighs it by 0.
    func at(_ i: Int) -> Double { i < means.count ? means[i] : 0 }
    let lower = at(lowerIndex) + (at(lowerIndex + 1) - at(lowerIndex)) * ratio
    let upper = at(upperIndex) + (at(upperIndex + 1) - at(upperIndex)) * ratio
    return RougeEstimate(
      average: RougeScorer.round5(average), lower: RougeScorer.round5(lower),
      upper: RougeScorer.round5(upper))
  }
}

/// Perl's `rand` since 5.20: the `drand48` generator, seeded by `srand(seed)` as
/// `seed << 16 | 0x330E`.
struct Drand48: Sendable {
  private var state: UInt64

  init(seed: UInt32) {
    state = UInt64(seed) << 16 | 0x330E
  }

  /// The next value in [0, 1).
  mutating func next() -> Double {
    state = (state &* 0x5_DEEC_E66D &+ 0xB) & 0xFFFF_FFFF_FFFF
    return Double(state) / 281_474_976_710_656  // 2^48
  }
}
