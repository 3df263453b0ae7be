import Testing

@testable import DistillEval

@Suite struct RougeBootstrapTests {
  @Test func drand48MatchesPerlsRand() {
    // perl -e 'srand(0); printf "%.17g %.17g\n", rand(), rand()'
    var random = Drand48(seed: 0)
    #expect(random.next() == 0.17082803610628972)
    #expect(random.next() == 0.74990198048496381)
    // perl -e 'srand(5); print int(rand(25))' → 13
    var five = Drand48(seed: 5)
    #expect(Int(five.next() * 25) == 13)
  }

  @Test func constantScoresHaveAPointInterval() {
    let estimate = RougeBootstrap(samples: 1000, confidence: 95).estimate([0.25, 0.25, 0.25])
    #expect(estimate == RougeEstimate(average: 0.25, lower: 0.25, upper: 0.25))
  }

  @Test func noResamplingGivesTheRoundedMean() {
    let estimate = RougeBootstrap(samples: 0, confidence: 95).estimate([0.1, 0.2])
    #expect(estimate == RougeEstimate(average: 0.15, lower: 0.15, upper: 0.15))
  }

  @Test func intervalBoundsAreOrderStatisticsOfTheResampleMeans() {
    let values = (0..<20).map { Double($0) / 20 }
    let estimate = RougeBootstrap(samples: 200, confidence: 90).estimate(values)
    #expect(estimate.lower < estimate.average && estimate.average < estimate.upper)
    #expect(abs(estimate.average - 0.475) < 0.01)
  }
}
