import DistillModel
import DistillTestSupport
import Foundation
import Testing

@testable import DistillCluster

@Suite struct OnlineStoryClustererTests {
  static func storm(_ id: String, _ day: String, _ detail: String) -> Article {
    Fixtures.article(
      id: id, title: "Hurricane Delia batters Gulf coast",
      paragraphs: [
        "Hurricane Delia made landfall near Port Arthur with winds of 120 miles per hour, "
          + "flooding coastal towns and cutting power to thousands of homes. \(detail)",
        "Emergency crews evacuated residents from low-lying neighborhoods as the hurricane "
          + "pushed a storm surge up the Sabine river and into Port Arthur.",
      ], published: Fixtures.date(day))
  }

  static func election(_ id: String, _ day: String, _ detail: String) -> Article {
    Fixtures.article(
      id: id, title: "Governor Okafor wins reelection in Ohio",
      paragraphs: [
        "Governor Amara Okafor won a second term in Ohio, defeating her challenger by a wide "
          + "margin in a race dominated by school funding and taxes. \(detail)",
        "Voters in Columbus and Cleveland turned out in large numbers, and the governor "
          + "promised to sign the school funding bill in her first week.",
      ], published: Fixtures.date(day))
  }

  @Test func articlesAboutTwoEventsFormTwoStories() {
    let articles = [
      Self.storm("s1", "2024-09-01", "Shelters opened in Beaumont."),
      Self.election("e1", "2024-09-01", "Turnout was the highest in decades."),
      Self.storm("s2", "2024-09-02", "The governor declared a disaster."),
      Self.election("e2", "2024-09-02", "Her challenger conceded on Wednesday."),
      Self.storm("s3", "2024-09-03", "Insurers estimated losses in the billions."),
    ]
    var clusterer = OnlineStoryClusterer()
    let assignments = clusterer.cluster(articles)
    let story = Dictionary(uniqueKeysWithValues: assignments.map { ($0.articleID, $0.storyID) })
    #expect(story["s1"] == "s-s1")
    #expect(story["s2"] == "s-s1" && story["s3"] == "s-s1")
    #expect(story["e1"] == "s-e1" && story["e2"] == "s-e1")
    #expect(assignments.filter(\.isNewStory).map(\.articleID) == ["e1", "s1"])
  }

  @Test func arrivalOrderIsPublicationOrder() {
    let late = Self.storm("b", "2024-09-03", "")
    let early = Self.storm("a", "2024-09-01", "")
    let undated = Fixtures.article(id: "c", paragraphs: ["No date."])
    let ordered = StoryClustering.publicationOrder([undated, late, early])
    #expect(ordered.map(\.id) == ["a", "b", "c"])
    var clusterer = OnlineStoryClusterer()
    // The earliest article founds the story whatever order the caller passes.
    #expect(clusterer.cluster([late, early]).first?.storyID == "s-a")
  }

  @Test func aColdStoryNeedsAStrongerMatch() {
    var options = StoryClusteringOptions()
    options.joinThreshold = 0.05
    options.coldThreshold = 0.95
    options.coldnessSlope = 0.5
    let first = Self.storm("s1", "2024-09-01", "Shelters opened in Beaumont.")
    let nextDay = Self.storm("s2", "2024-09-02", "Insurers counted the cost.")
    let monthsLater = Fixtures.article(
      id: "s3", title: "Port Arthur rebuilds",
      paragraphs: [
        "Months after Hurricane Delia, Port Arthur residents are still waiting for insurance "
          + "payments, and many homes remain empty."
      ], published: Fixtures.date("2025-03-01"))
    var fresh = OnlineStoryClusterer(options: options)
    let assignments = fresh.cluster([first, nextDay, monthsLater])
    #expect(assignments[1].storyID == "s-s1")
    #expect(assignments[2].isNewStory)

    // The same follow-up a day later continues the story.
    var soon = monthsLater
    soon.metadata.published = Fixtures.date("2024-09-03")
    var clusterer = OnlineStoryClusterer(options: options)
    #expect(clusterer.cluster([first, nextDay, soon])[2].storyID == "s-s1")
  }

  /// A story is compared by what its articles share: an article that matches only one
  /// member's digression scores lower against it, one on the shared subject higher.
  @Test func aStoryIsComparedByWhatItsArticlesShare() {
    let members = [
      Self.storm("s1", "2024-09-01", "Shelters opened in Beaumont."),
      Self.storm(
        "s2", "2024-09-02",
        "The Lamar Cardinals football game against Nicholls State was postponed."),
      Self.storm("s3", "2024-09-03", "Insurers estimated losses in the billions."),
    ]
    let digression = Fixtures.article(
      id: "f", title: "Lamar Cardinals football game postponed after Hurricane Delia",
      paragraphs: [
        "The Lamar Cardinals football game against Nicholls State was postponed until "
          + "October, the university said, and season tickets remain valid."
      ], published: Fixtures.date("2024-09-04"))
    let followUp = Self.storm("s4", "2024-09-04", "Schools stayed closed on Thursday.")
    func similarity(of article: Article, agreement: Double) -> Double {
      var options = StoryClusteringOptions()
      options.memberAgreement = agreement
      options.joinThreshold = 0.01  // every article joins, so its similarity is reported
      options.coldThreshold = 0.01
      var clusterer = OnlineStoryClusterer(options: options)
      let assignments = clusterer.cluster(members + [article])
      #expect(Set(assignments.map(\.storyID)) == ["s-s1"])
      return assignments.last!.similarity
    }
    #expect(similarity(of: digression, agreement: 1) < similarity(of: digression, agreement: 0))
    #expect(similarity(of: followUp, agreement: 1) > similarity(of: followUp, agreement: 0))
  }

  @Test func clusteringIsDeterministic() {
    let articles = (0..<6).map { i in
      i % 2 == 0
        ? Self.storm("s\(i)", "2024-09-0\(i + 1)", "Update \(i).")
        : Self.election("e\(i)", "2024-09-0\(i + 1)", "Update \(i).")
    }
    var a = OnlineStoryClusterer()
    var b = OnlineStoryClusterer()
    #expect(a.cluster(articles) == b.cluster(articles.reversed()))
  }

  @Test func storyIDsStayUniqueWhenAnArticleIDRepeats() {
    var clusterer = OnlineStoryClusterer()
    let a = clusterer.add(Self.storm("x", "2024-09-01", ""))
    let b = clusterer.add(Self.election("x", "2024-09-01", ""))
    #expect(a.storyID == "s-x")
    #expect(b.storyID == "s-x-2")
  }

  @Test func storyIDsAreSafeToTypeEvenWhenArticleIDsAreURLs() {
    var clusterer = OnlineStoryClusterer()
    let url = "https://news.example/2024/09/01/storm?ref=home"
    let a = clusterer.add(Self.storm(url, "2024-09-01", ""))
    #expect(a.storyID.hasPrefix("s-"))
    #expect(a.storyID.count == 18, "\(a.storyID)")
    let hex = a.storyID.dropFirst(2).allSatisfy { $0.isHexDigit }
    #expect(hex)
    // The same URL always names the same story; another URL another one.
    #expect(OnlineStoryClusterer.storyIDBase(for: url) == a.storyID)
    #expect(OnlineStoryClusterer.storyIDBase(for: url + "x") != a.storyID)
    #expect(OnlineStoryClusterer.storyIDBase(for: "APW19990707.0181") == "s-APW19990707.0181")
  }

  @Test func retiredStoriesCannotBeJoined() {
    var options = StoryClusteringOptions()
    options.activeStories = 1
    var clusterer = OnlineStoryClusterer(options: options)
    _ = clusterer.add(Self.storm("s1", "2024-09-01", ""))
    _ = clusterer.add(Self.election("e1", "2024-09-02", ""))  // retires the older story
    let again = clusterer.add(Self.storm("s2", "2024-09-03", ""))
    #expect(again.isNewStory)
  }

  /// An article about the insurance side of the storm.
  static let claims = Fixtures.article(
    id: "x", title: "Insurers brace for claims",
    paragraphs: [
      "After Hurricane Delia, adjusters from State Farm and Allstate arrived to inspect roofs, and "
        + "policyholders lined up to file claims for flooded cars and ruined furniture.",
      "Insurers warned that many policyholders lack flood coverage, so adjusters expect "
        + "disputes over roofs, furniture and cars.",
    ], published: Fixtures.date("2024-09-02"))

  /// The storm story weeks later, now covering the claims too.
  static let stormClaims = (1...3).map { i in
    Self.storm(
      "s\(i + 1)", "2024-11-0\(i)",
      "Adjusters from State Farm and Allstate say policyholders filed claims for roofs, "
        + "flooded cars and ruined furniture; insurers expect disputes over flood coverage.")
  }

  @Test func aQuietFragmentIsRehomedIntoTheStoryThatGrewToCoverIt() {
    var options = StoryClusteringOptions()
    options.rehomeArticles = 0
    var singlePass = OnlineStoryClusterer(options: options)
    let alone = singlePass.cluster(
      [Self.storm("s1", "2024-09-01", "Shelters opened in Beaumont."), Self.claims]
        + Self.stormClaims)
    // Filed on arrival, the claims article is too far from the young storm story.
    #expect(alone.first { $0.articleID == "x" }?.storyID == "s-x")
    #expect(alone.filter { $0.articleID.hasPrefix("s") }.allSatisfy { $0.storyID == "s-s1" })

    var clusterer = OnlineStoryClusterer()
    let assignments = clusterer.cluster(
      [Self.storm("s1", "2024-09-01", "Shelters opened in Beaumont."), Self.claims]
        + Self.stormClaims)
    // Once the storm story covers the claims, the quiet fragment is absorbed into it.
    #expect(assignments.contains { $0.absorbedStoryIDs == ["s-x"] })
    #expect(clusterer.currentStoryID("s-x") == "s-s1")
    #expect(Set(assignments.map(\.storyID)) == ["s-s1"])
  }

  @Test func aFragmentStillActiveIsNotRehomed() {
    var clusterer = OnlineStoryClusterer()
    var recent = Self.claims
    recent.metadata.published = Fixtures.date("2024-10-30")
    let assignments = clusterer.cluster(
      [Self.storm("s1", "2024-09-01", "Shelters opened in Beaumont."), recent]
        + Self.stormClaims)
    // Days old, it may be the first article of a new subject: it stays apart.
    #expect(assignments.allSatisfy { $0.absorbedStoryIDs.isEmpty })
    #expect(clusterer.currentStoryID("s-x") == "s-x")
  }
}
