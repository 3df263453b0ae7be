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

  @Test func aFragmentJoinsTheStoryThatGrewToCoverItInTheView() {
    let articles =
      [Self.storm("s1", "2024-09-01", "Shelters opened in Beaumont."), Self.claims]
      + Self.stormClaims
    var singlePass = OnlineStoryClusterer(options: StoryClusteringOptions().filingOnly)
    let alone = singlePass.cluster(articles)
    // Filed on arrival, the claims article is too far from the young storm story.
    #expect(alone.first { $0.articleID == "x" }?.storyID == "s-x")
    #expect(alone.filter { $0.articleID.hasPrefix("s") }.allSatisfy { $0.storyID == "s-s1" })

    var clusterer = OnlineStoryClusterer()
    let assignments = clusterer.cluster(articles)
    // With the storm story now covering the claims, the view puts the fragment in it...
    #expect(Set(assignments.map(\.storyID)) == ["s-s1"])
    #expect(clusterer.consolidatedView()["x"] == "s-s1")
    // ...without changing the clusterer's own filing, so the view can be revised later.
    #expect(clusterer.currentStoryID("s-x") == "s-x")
    #expect(clusterer.add(Self.claims).storyID == "s-x")
  }

  @Test func anArticleBridgingTwoStoriesDoesNotMergeThemInTheView() {
    var clusterer = OnlineStoryClusterer()
    let articles = [
      Self.storm("s1", "2024-09-01", "Shelters opened in Beaumont."),
      Self.storm("s2", "2024-09-02", "The governor declared a disaster."),
      Self.election("e1", "2024-09-01", "Turnout was the highest in decades."),
      Self.election("e2", "2024-09-02", "Her challenger conceded on Wednesday."),
      Self.mixed,
    ]
    let story = Dictionary(
      uniqueKeysWithValues: clusterer.cluster(articles).map { ($0.articleID, $0.storyID) })
    // The half-and-half article joined the storm story; the election story, smaller, is
    // not its fragment, and a story no larger than the other is never taken into it.
    #expect(story == ["s1": "s-s1", "s2": "s-s1", "m": "s-s1", "e1": "s-e1", "e2": "s-e1"])
  }

  /// Half storm, half election.
  static let mixed = Fixtures.article(
    id: "m", title: "Hurricane Delia and Governor Okafor",
    paragraphs: [
      "Hurricane Delia flooding Port Arthur homes and power; Governor Amara Okafor school "
        + "funding taxes challenger."
    ], published: Fixtures.date("2024-09-03"))

  static func claimsStory(_ id: String, _ day: String, _ detail: String) -> Article {
    Fixtures.article(
      id: id, title: "Insurers tally claims",
      paragraphs: [
        "Adjusters from State Farm and Allstate inspected damaged roofs as policyholders "
          + "filed claims for flooded cars and ruined furniture. \(detail)",
        "Insurers warned that policyholders without flood coverage face disputes, and "
          + "regulators asked adjusters to speed up payments.",
      ], published: Fixtures.date(day))
  }

  @Test func aStrayArticleMovesToTheStoryItFitsInTheView() {
    var clusterer = OnlineStoryClusterer()
    let stray = Fixtures.article(
      id: "x", title: "Hurricane Delia claims",
      paragraphs: [
        "After Hurricane Delia flooded Port Arthur, adjusters from State Farm and Allstate "
          + "inspected roofs and policyholders filed claims for flooded cars and furniture.",
        "Insurers warned that policyholders lack flood coverage, so regulators expect "
          + "disputes and asked adjusters to speed up payments.",
      ], published: Fixtures.date("2024-09-04"))
    let articles = [
      Self.storm("s1", "2024-09-01", "Shelters opened in Beaumont."),
      Self.storm("s2", "2024-09-02", "The governor declared a disaster."),
      Self.storm("s3", "2024-09-03", "Schools stayed closed."),
      stray,
      Self.claimsStory("c1", "2024-09-05", "Payments began Monday."),
      Self.claimsStory("c2", "2024-09-06", "State Farm hired more adjusters."),
      Self.claimsStory("c3", "2024-09-07", "Allstate extended deadlines."),
    ]
    var alone = OnlineStoryClusterer(options: StoryClusteringOptions().filingOnly)
    let filed = alone.cluster(articles)
    // On arrival the claims article has only the storm story to join, and joins it.
    #expect(filed.first { $0.articleID == "x" }?.storyID == "s-s1")
    #expect(Set(filed.filter { $0.articleID.hasPrefix("c") }.map(\.storyID)) == ["s-c1"])
    // Once the claims story exists, the view moves it there; the rest stay where they were.
    let story = Dictionary(
      uniqueKeysWithValues: clusterer.cluster(articles).map { ($0.articleID, $0.storyID) })
    #expect(story["x"] == "s-c1")
    #expect(["s1", "s2", "s3"].allSatisfy { story[$0] == "s-s1" })
    #expect(["c1", "c2", "c3"].allSatisfy { story[$0] == "s-c1" })
  }

  static func harbor(_ id: String, _ day: String) -> Article {
    Fixtures.article(
      id: id, title: "Storm Mira hits Kestrel harbor",
      paragraphs: [
        "Storm Mira flooded the Kestrel harbor district, knocked out power to the fish market "
          + "and forced the evacuation of the ferry terminal.",
        "Floodwater filled cellars along the quay, the outage left the cold stores without "
          + "power, and ferry passengers were evacuated to the town hall.",
      ], published: Fixtures.date(day))
  }

  static let harborFragments = [
    Fixtures.article(
      id: "f1", title: "Mira floodwater in Kestrel cellars",
      paragraphs: ["Storm Mira floodwater filled cellars along the Kestrel quay and harbor."],
      published: Fixtures.date("2024-10-01")),
    Fixtures.article(
      id: "f2", title: "Mira outage at Kestrel fish market",
      paragraphs: ["Storm Mira knocked out power; the Kestrel fish market cold stores failed."],
      published: Fixtures.date("2024-10-11")),
    Fixtures.article(
      id: "f3", title: "Mira evacuation of Kestrel ferry terminal",
      paragraphs: ["Storm Mira forced the evacuation of the Kestrel ferry terminal passengers."],
      published: Fixtures.date("2024-10-21")),
  ]

  @Test func whatTheViewAddsToAStoryNeverOutnumbersItsOwnArticles() {
    var options = StoryClusteringOptions()
    // Filing on arrival takes only near-copies, so each fragment is filed apart; the view
    // takes in any clear fragment.
    options.joinThreshold = 0.7
    options.coldThreshold = 0.99
    options.consolidateBarRaise = -0.6
    for homeSize in [2, 3] {
      var clusterer = OnlineStoryClusterer(options: options)
      let home = (1...homeSize).map { Self.harbor("h\($0)", "2024-09-0\($0)") }
      let story = Dictionary(
        uniqueKeysWithValues: clusterer.cluster(home + Self.harborFragments).map {
          ($0.articleID, $0.storyID)
        })
      // Filed on arrival, every fragment is a story of its own.
      var single = OnlineStoryClusterer(options: options.filingOnly)
      let filed = single.cluster(home + Self.harborFragments)
      let fragmentsFiled = filed.filter { $0.articleID.hasPrefix("f") }
      #expect(fragmentsFiled.count == 3 && fragmentsFiled.allSatisfy { $0.isNewStory })
      // In the view the harbor story takes in fragments up to its own size, no more.
      let joined = Self.harborFragments.filter { story[$0.id] == "s-h1" }.count
      #expect(joined == min(homeSize, Self.harborFragments.count), "\(story)")
      #expect(home.allSatisfy { story[$0.id] == "s-h1" })
    }
  }

  @Test func emptyPunctuationOnlyAndHugeArticlesGoThroughTheView() {
    let blank = Fixtures.article(
      id: "blank", title: "", paragraphs: [""], published: Fixtures.date("2024-09-01"))
    let marks = Fixtures.article(
      id: "marks", title: "", paragraphs: ["— … !!! ??? 123 456 %%%"],
      published: Fixtures.date("2024-09-01"))
    // 200,000 words of one storm sentence repeated: read only up to `bodyWords`.
    let huge = Self.storm(
      "huge", "2024-09-02",
      String(repeating: "Crews cleared debris from the flooded streets again. ", count: 25_000))
    let articles = [
      Self.storm("s1", "2024-09-01", "Shelters opened in Beaumont."), blank, marks, huge,
      Self.storm("s2", "2024-09-03", "Schools stayed closed."),
    ]
    var clusterer = OnlineStoryClusterer()
    let story = Dictionary(
      uniqueKeysWithValues: clusterer.cluster(articles).map { ($0.articleID, $0.storyID) })
    // Articles with no terms are stories of their own, in the view too; the huge one is read
    // like any other storm article.
    #expect(story["blank"] == "s-blank" && story["marks"] == "s-marks")
    #expect(story["huge"] == "s-s1" && story["s2"] == "s-s1")
    #expect(clusterer.consolidatedView().count == articles.count)
  }
}
