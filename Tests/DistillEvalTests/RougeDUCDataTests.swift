import DistillEval
import DistillTestSupport
import Foundation
import Testing

/// Scores real DUC 2006 human summaries (the first per topic, against the other three) and
/// checks the averages ROUGE-1.5.5 itself printed for the same evaluation.
@Suite(
  .enabled(if: Fixtures.sharedData != nil, "../shared/data is absent: DUC ROUGE checks skipped"))
struct RougeDUCDataTests {
  func humanItems() throws -> [RougeItem] {
    let models = Fixtures.sharedData!.appendingPathComponent("duc2006-dev/models")
    let groups = try DucName.group(directory: models).byKey
    return try groups.keys.sorted().map { key in
      let texts = try groups[key]!.map { try String(contentsOf: $0, encoding: .utf8) }
      return RougeItem(id: key, summary: texts[0], references: Array(texts.dropFirst()))
    }
  }

  @Test func unstemmedScoresMatchROUGE155() throws {
    var settings = RougeSettings.duc(wordLimit: 250)
    settings.stemming = false
    let average = RougeScorer(settings: settings).evaluate(try humanItems()).average
    // ROUGE-1.5.5 -n 2 -x -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -l 250, same jackknife subsets.
    #expect(
      average.rouge1.recall == RougeEstimate(average: 0.42148, lower: 0.40979, upper: 0.43303))
    #expect(
      average.rouge2.recall == RougeEstimate(average: 0.10554, lower: 0.09639, upper: 0.11538))
    #expect(average.rougeSU.f == RougeEstimate(average: 0.15044, lower: 0.14309, upper: 0.15797))
  }

  @Test func stemmedRouge2MatchesROUGE155() throws {
    let average = RougeScorer(settings: .duc(wordLimit: 250)).evaluate(try humanItems()).average
    // ROUGE-1.5.5 with -m (empty exception database) prints 0.11493 (0.10575 - 0.12450).
    #expect(
      average.rouge2.recall == RougeEstimate(average: 0.11493, lower: 0.10575, upper: 0.12450))
  }
}
