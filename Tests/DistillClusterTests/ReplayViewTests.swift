import DistillModel
import Testing

@testable import DistillCluster

/// A desk that starts afresh replays the filing log with `seed(_:intoStory:)`; its view must
/// be the view of the process that filed the articles, or every new process would regroup
/// articles that nothing new concerns.
@Suite struct ReplayViewTests {
  @Test func aClustererSeededFromTheLogTakesTheSameView() {
    let articles = SyntheticNewsStream(articles: 2_000, seed: 42).map(\.article)
    var online = OnlineStoryClusterer()
    // Each article's cluster as the log ends: merged stories' articles are in the survivor.
    var cluster: [String: String] = [:]
    var members: [String: [String]] = [:]
    var merges = 0
    for article in articles {
      let assignment = online.add(article)
      for absorbed in assignment.absorbedStoryIDs {
        merges += 1
        for id in members.removeValue(forKey: absorbed) ?? [] {
          cluster[id] = assignment.storyID
          members[assignment.storyID, default: []].append(id)
        }
      }
      cluster[article.id] = assignment.storyID
      members[assignment.storyID, default: []].append(article.id)
    }
    // The stream makes the clusterer merge stories, which replay cannot repeat step by step.
    #expect(merges > 10)
    var replayed = OnlineStoryClusterer()
    for article in articles { replayed.seed(article, intoStory: cluster[article.id]!) }
    let view = online.consolidatedView()
    #expect(view.count == articles.count)
    #expect(replayed.consolidatedView() == view)
    // The view regroups something here, so the comparison is not between two copies of
    // the filing.
    #expect(view.contains { $0.value != cluster[$0.key] })
  }

  /// Re-homing reuses a small story's judgment until a merge changes what it read. With
  /// settings that re-home many stories, in several rounds, the view must be the one made by
  /// judging every story afresh at every turn.
  @Test func reusedJudgmentsGiveTheViewOfFreshOnes() {
    var options = StoryClusteringOptions()
    options.consolidateArticles = 20
    options.consolidateRatio = 1.05
    options.consolidateBarRaise = -0.06
    var clusterer = OnlineStoryClusterer(options: options)
    var filed: [String] = []
    for (article, _) in SyntheticNewsStream(articles: 1_500, seed: 7) {
      filed.append(clusterer.add(article).storyID)
    }
    let view = clusterer.consolidatedView()
    var afresh = clusterer
    afresh.reusesJudgments = false
    #expect(afresh.consolidatedView() == view)
    // The settings do re-home: the view has far fewer stories than the filing.
    let stories = Set(filed.map(clusterer.currentStoryID)).count
    #expect(Set(view.values).count < stories * 9 / 10)
  }
}
