import DistillCluster
import Testing

@Suite struct SyntheticNewsStreamTests {
  @Test func theSameSeedGivesTheSameStream() {
    let a = Array(SyntheticNewsStream(articles: 300, seed: 9))
    let b = Array(SyntheticNewsStream(articles: 300, seed: 9))
    let c = Array(SyntheticNewsStream(articles: 300, seed: 10))
    #expect(a.count == 300)
    #expect(a.map(\.article) == b.map(\.article))
    #expect(a.map(\.story) == b.map(\.story))
    #expect(a.map(\.article.text) != c.map(\.article.text))
  }

  @Test func articlesComeInPublicationOrderWithHeavyTailedStories() {
    let stream = Array(SyntheticNewsStream(articles: 2_000, seed: 3))
    let dates = stream.compactMap(\.article.metadata.published)
    #expect(dates.count == 2_000)
    #expect(zip(dates, dates.dropFirst()).allSatisfy { $0 <= $1 })
    var sizes: [String: Int] = [:]
    for item in stream { sizes[item.story, default: 0] += 1 }
    let singletons = sizes.values.filter { $0 == 1 }.count
    // Pareto(1.2): about half the stories are single articles, and some are large.
    #expect(Double(singletons) / Double(sizes.count) > 0.4)
    #expect(sizes.values.max()! >= 30)
  }

  @Test func theClustererRecoversSyntheticStories() {
    var clusterer = OnlineStoryClusterer()
    var correct = 0
    var total = 0
    var firstStoryOf: [String: String] = [:]
    for (article, story) in SyntheticNewsStream(articles: 1_500, seed: 5) {
      let assignment = clusterer.add(article)
      // Each gold story should map to the story its first article started.
      let expected = firstStoryOf[story, default: assignment.storyID]
      firstStoryOf[story] = expected
      if clusterer.currentStoryID(assignment.storyID) == clusterer.currentStoryID(expected) {
        correct += 1
      }
      total += 1
    }
    #expect(Double(correct) / Double(total) > 0.97)
  }
}
