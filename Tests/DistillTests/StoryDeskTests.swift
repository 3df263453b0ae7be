import Distill
import DistillModel
import DistillStore
import DistillTestSupport
import Foundation
import Testing

/// The story desk against a real SQLite file: idempotent ingest, re-briefing only changed
/// stories, and a verified "what's new" part.
@Suite struct StoryDeskTests {
  static func article(
    _ slug: String, _ title: String, _ date: String, outlet: String, _ paragraphs: [String]
  ) -> Article {
    let url = "https://news.example/\(slug)"
    return Article(
      id: slug, source: SourceRef(url), format: .plainText, title: title,
      text: paragraphs.joined(separator: "\n\n"),
      metadata: ArticleMetadata(
        title: title, published: ISO8601DateFormatter().date(from: date), outlet: outlet,
        url: url))
  }

  static let strike = article(
    "ferry-strike", "Ferry crews walk out over schedules", "2026-05-04T08:00:00Z",
    outlet: "Tidewater Gazette",
    [
      "Ferry crews on the Tidewater route walked off the job on Monday morning, stranding about 3,000 commuters, the operators' union said.",
      "The union says new rosters would force ferry crews to work 14-hour shifts without a full rest day, a claim the Tidewater ferry company disputes.",
      "\"Nobody should steer a ferry on four hours of sleep,\" said Petra Lind, the union's regional secretary.",
      "Ferry company managers said the rosters meet national safety rules and that talks with the union could resume on Thursday.",
    ])

  static let talks = article(
    "ferry-talks", "Tidewater ferry strike talks set for Thursday", "2026-05-05T09:30:00Z",
    outlet: "Bay Courier",
    [
      "Talks between the Tidewater ferry company and its striking ferry crews will resume on Thursday, a mediator said on Tuesday.",
      "About 3,000 commuters have been stranded since ferry crews walked off the job on Monday over new rosters.",
      "The ferry company has chartered two buses to carry stranded passengers around the bay until the ferries run again.",
      "Petra Lind, the union's regional secretary, said crews would return only if the 14-hour shifts were dropped from the rosters.",
    ])

  static let orchard = article(
    "orchard-frost", "Late frost wipes out apple blossoms in the valley", "2026-05-05T07:00:00Z",
    outlet: "Valley Herald",
    [
      "A late frost on Sunday night killed most of the apple blossoms in the Marrow Valley orchards, growers said.",
      "Temperatures fell to minus four degrees Celsius before dawn, the regional weather office reported.",
      "Growers expect this year's apple harvest to be less than half of last year's, the orchard cooperative said.",
      "The cooperative will ask the agriculture ministry for emergency aid for the valley's orchard growers.",
    ])

  static func desk(_ folder: TemporaryDirectory) throws -> StoryDesk {
    let store = try SQLiteStore(
      path: folder.url.appendingPathComponent("desk.sqlite").path,
      clock: FixedClock(Date(timeIntervalSince1970: 1_778_000_000)))
    let pipeline = Pipeline.standard(
      PipelineConfiguration(clock: FixedClock(Date(timeIntervalSince1970: 1_778_000_000))))
    return StoryDesk(store: store, pipeline: pipeline)
  }

  @Test func ingestingTheSameArticlesTwiceChangesNothingTheSecondTime() throws {
    let folder = try TemporaryDirectory()
    let desk = try Self.desk(folder)
    let first = try desk.ingest([.article(Self.strike)])
    #expect(first.added == ["ferry-strike"])
    #expect(first.changedStories.count == 1)
    let story = try #require(first.changedStories.first)
    #expect(first.briefVersions[story] == 1)
    let brief = try #require(try desk.latestBrief(story: story))
    #expect(brief.version == 1)
    #expect(brief.brief.whatsNew.isEmpty)
    #expect(BriefVerifier().verify(brief.brief).isEmpty)

    let second = try desk.ingest([.article(Self.strike)])
    #expect(second.added.isEmpty)
    #expect(second.updated.isEmpty)
    #expect(second.unchanged == ["ferry-strike"])
    #expect(second.changedStories.isEmpty)
    #expect(second.briefVersions.isEmpty)
    #expect(try desk.latestBrief(story: story)?.version == 1)
  }

  @Test func aNewArticleOnTheSameStoryIsBriefedAsWhatsNew() throws {
    let folder = try TemporaryDirectory()
    let desk = try Self.desk(folder)
    let first = try desk.ingest([.article(Self.strike)])
    let story = try #require(first.changedStories.first)

    let second = try desk.ingest([.article(Self.talks)])
    #expect(second.added == ["ferry-talks"])
    #expect(second.changedStories == [story])
    #expect(second.briefVersions[story] == 2)
    let stored = try #require(try desk.latestBrief(story: story))
    #expect(stored.version == 2)
    let brief = stored.brief
    #expect(brief.sources.count == 2)
    #expect(!brief.whatsNew.isEmpty)
    #expect(BriefVerifier().verify(brief).isEmpty, "\(BriefVerifier().verify(brief))")
    // Every what's-new sentence cites the new article, by the number the brief gave it.
    let talksNumber = try #require(
      brief.sources.first { $0.location == "https://news.example/ferry-talks" }?.number)
    for sentence in brief.whatsNew {
      #expect(sentence.sourceNumbers == [talksNumber], "\(sentence.text)")
      #expect(Self.talks.text.contains(sentence.text), "\(sentence.text)")
    }
  }

  @Test func anArticleOnAnotherTopicStartsAnotherStoryAndLeavesTheFirstAlone() throws {
    let folder = try TemporaryDirectory()
    let desk = try Self.desk(folder)
    let first = try desk.ingest([.article(Self.strike), .article(Self.talks)])
    #expect(first.changedStories.count == 1)
    let ferry = try #require(first.changedStories.first)

    let second = try desk.ingest([
      .article(Self.orchard), .article(Self.talks),
      .skipped(SourceRef("https://news.example/gone"), .unreadable("HTTP 404")),
    ])
    #expect(second.added == ["orchard-frost"])
    #expect(second.unchanged == ["ferry-talks"])
    #expect(
      second.skipped == [
        Skip(source: SourceRef("https://news.example/gone"), reason: .unreadable("HTTP 404"))
      ])
    #expect(second.changedStories.count == 1)
    let orchard = try #require(second.changedStories.first)
    #expect(orchard != ferry)
    #expect(try desk.latestBrief(story: ferry)?.version == 1)
    let brief = try #require(try desk.latestBrief(story: orchard)).brief
    #expect(brief.sources.map(\.location) == ["https://news.example/orchard-frost"])
    #expect(brief.whatsNew.isEmpty)
  }

  @Test func aChangedArticleIsANewVersionAndRebriefsItsStory() throws {
    let folder = try TemporaryDirectory()
    let desk = try Self.desk(folder)
    let story = try #require(try desk.ingest([.article(Self.strike)]).changedStories.first)
    var corrected = Self.strike
    corrected.text +=
      "\n\nThe union said on Monday evening that 212 crew members had joined the walkout."
    let report = try desk.ingest([.article(corrected)])
    #expect(report.updated == ["ferry-strike"])
    #expect(report.changedStories == [story])
    let brief = try #require(try desk.latestBrief(story: story))
    #expect(brief.version == 2)
    #expect(brief.brief.sources.first?.text == corrected.text)
    #expect(BriefVerifier().verify(brief.brief).isEmpty)
    // What the new version adds, read against the text the first brief covered.
    let added = "The union said on Monday evening that 212 crew members had joined the walkout."
    #expect(brief.brief.whatsNew.map(\.text).contains(added), "\(brief.brief.whatsNew)")
    for sentence in brief.brief.whatsNew {
      #expect(sentence.sourceNumbers == [1])
      #expect(!Self.strike.text.contains(sentence.text), "already read: \(sentence.text)")
    }
  }

  @Test func whatAnInterruptedIngestLeftIsFiledAndBriefedNextTime() throws {
    let folder = try TemporaryDirectory()
    let desk = try Self.desk(folder)
    // A crash after saving, before filing: the article is stored in no story.
    _ = try desk.store.saveArticle(Self.strike)
    // A crash after filing, before briefing: the story has no brief for its articles.
    _ = try desk.store.saveArticle(Self.orchard, inStory: "s-orchard")
    #expect(try desk.store.unfiledArticles().map(\.id) == ["ferry-strike"])

    let report = try desk.ingest([])
    #expect(report.added.isEmpty)
    #expect(try desk.store.unfiledArticles().isEmpty)
    #expect(try desk.store.storiesNeedingBrief().isEmpty)
    let stories = try desk.store.stories(updatedSince: .distantPast)
    #expect(stories.count == 2)
    #expect(Set(report.changedStories) == Set(stories.map(\.id)))
    for story in stories {
      let brief = try #require(try desk.latestBrief(story: story.id))
      #expect(brief.brief.sources.count == story.articleIDs.count)
    }
    // Nothing is left to do.
    #expect(try desk.ingest([]).changedStories.isEmpty)
  }

  @Test func twoDesksOnOneDatabaseFileOneStoryInTheSameStory() throws {
    let folder = try TemporaryDirectory()
    let path = folder.url.appendingPathComponent("desk.sqlite").path
    // Two desks with stores of their own, as two watcher processes have.
    let desks = try (0..<2).map { _ in
      StoryDesk(store: try SQLiteStore(path: path), pipeline: .standard())
    }
    let start = DispatchSemaphore(value: 0)
    let done = DispatchGroup()
    let failures = FailureLog()
    for (desk, article) in zip(desks, [Self.strike, Self.talks]) {
      done.enter()
      Thread {
        start.wait()
        do { _ = try desk.ingest([.article(article)]) } catch { failures.add("\(error)") }
        done.leave()
      }.start()
    }
    start.signal()
    start.signal()
    done.wait()
    #expect(failures.all.isEmpty)
    let stories = try desks[0].store.stories(updatedSince: .distantPast)
    #expect(stories.map { Set($0.articleIDs) } == [["ferry-strike", "ferry-talks"]])
    // Whichever desk briefed last, the newest brief covers both articles.
    let brief = try #require(try desks[1].latestBrief(story: stories[0].id))
    #expect(brief.brief.sources.count == 2)
    #expect(try desks[0].store.storiesNeedingBrief().isEmpty)
    // A desk that did not file an article learns of it from the log: the orchard frost still
    // starts a story of its own, and the ferry talks stay where they are.
    let next = try desks[0].ingest([.article(Self.orchard)])
    #expect(next.changedStories.count == 1)
    #expect(try desks[1].store.stories(updatedSince: .distantPast).count == 2)
  }

  static func storm(_ id: String, _ day: String, _ detail: String) -> Article {
    article(
      id, "Hurricane Delia batters Gulf coast", "\(day)T08:00:00Z", outlet: "Gulf Times",
      [
        "Hurricane Delia made landfall near Port Arthur with winds of 120 miles per hour, "
          + "flooding coastal towns and cutting power to thousands of homes. \(detail)",
        "Emergency crews evacuated residents from low-lying neighborhoods as the hurricane "
          + "pushed a storm surge up the Sabine river and into Port Arthur.",
      ])
  }

  static func claims(_ id: String, _ day: String, _ detail: String) -> Article {
    article(
      id, "Insurers tally claims", "\(day)T08:00:00Z", outlet: "Insurance Wire",
      [
        "Adjusters from State Farm and Allstate inspected damaged roofs as policyholders "
          + "filed claims for flooded cars and ruined furniture. \(detail)",
        "Insurers warned that policyholders without flood coverage face disputes, and "
          + "regulators asked adjusters to speed up payments.",
      ])
  }

  /// A storm story of three articles, then a story on its insurance claims.
  static let stormStory = [
    storm("storm-1", "2026-09-01", "Shelters opened in Beaumont."),
    storm("storm-2", "2026-09-02", "The governor declared a disaster."),
    storm("storm-3", "2026-09-03", "Schools stayed closed."),
  ]
  static let claimsStory = [
    claims("claims-1", "2026-09-05", "Payments began Monday."),
    claims("claims-2", "2026-09-06", "State Farm hired more adjusters."),
    claims("claims-3", "2026-09-07", "Allstate extended deadlines."),
  ]

  /// About the claims, filed when only the storm story exists.
  static let earlyClaims = article(
    "early-claims", "Hurricane Delia claims", "2026-09-04T08:00:00Z", outlet: "Gulf Times",
    [
      "After Hurricane Delia flooded Port Arthur, adjusters from State Farm and Allstate "
        + "inspected roofs and policyholders filed claims for flooded cars and furniture.",
      "Insurers warned that policyholders lack flood coverage, so regulators expect "
        + "disputes and asked adjusters to speed up payments.",
    ])

  @Test func storiesAreRegroupedWithHindsightAndStayRegroupedAfterARestart() throws {
    let folder = try TemporaryDirectory()
    let first = try Self.desk(folder)
    let before = try first.ingest((Self.stormStory + [Self.earlyClaims]).map { .article($0) })
    // On arrival the claims article has only the storm story to join.
    #expect(Set(before.filed.map(\.storyID)) == ["s-storm-1"])
    #expect(before.regrouped.isEmpty)

    let after = try first.ingest(Self.claimsStory.map { .article($0) })
    // Once the claims have a story of their own, the early article is moved there and both
    // stories are briefed again.
    #expect(after.filed.map(\.storyID) == ["s-claims-1", "s-claims-1", "s-claims-1"])
    #expect(after.regrouped == ["early-claims": "s-claims-1"])
    #expect(Set(after.changedStories) == ["s-storm-1", "s-claims-1"])
    let store = first.store
    #expect(
      Set(try store.articles(inStory: "s-claims-1").map(\.id))
        == ["claims-1", "claims-2", "claims-3", "early-claims"])
    #expect(try store.articles(inStory: "s-storm-1").count == 3)
    // The log keeps the clusterer's own filing apart from the story readers see.
    let moved = try store.filings(after: 0, limit: 100).last { $0.article.id == "early-claims" }
    #expect(moved?.storyID == "s-claims-1")
    #expect(moved?.clusterID == "s-storm-1")

    // A new process replays the log into the clusterer's own stories and decides the same.
    let restarted = try Self.desk(folder)
    let next = try restarted.ingest([
      .article(Self.claims("claims-4", "2026-09-08", "Regulators opened a hotline."))
    ])
    #expect(next.filed.map(\.storyID) == ["s-claims-1"])
    #expect(next.regrouped.isEmpty)
    #expect(try store.articles(inStory: "s-claims-1").count == 5)
    #expect(try store.storiesNeedingBrief().isEmpty)
  }

  @Test func aRoundOfSmallIngestsTakesTheViewOnceAtTheEnd() throws {
    let folder = try TemporaryDirectory()
    let desk = try Self.desk(folder)
    // Filed feed by feed without the view: the early claims article stays where it was filed.
    _ = try desk.ingest((Self.stormStory + [Self.earlyClaims]).map { .article($0) }, regroup: false)
    let filed = try desk.ingest(Self.claimsStory.map { .article($0) }, regroup: false)
    #expect(filed.regrouped.isEmpty)
    #expect(try desk.store.articles(inStory: "s-storm-1").count == 4)
    // The view, taken once at the end, moves it and briefs both stories again.
    let view = try desk.regroup()
    #expect(view.regrouped == ["early-claims": "s-claims-1"])
    #expect(Set(view.changedStories) == ["s-storm-1", "s-claims-1"])
    #expect(try desk.store.articles(inStory: "s-claims-1").count == 4)
    #expect(try desk.store.storiesNeedingBrief().isEmpty)
    // Taken again with nothing new, it changes nothing.
    let again = try desk.regroup()
    #expect(again.regrouped.isEmpty && again.changedStories.isEmpty)
  }

  @Test func regroupingAnEmptyDatabaseWritesNothing() throws {
    let folder = try TemporaryDirectory()
    let desk = try Self.desk(folder)
    let report = try desk.regroup()
    #expect(report.regrouped.isEmpty && report.changedStories.isEmpty)
    #expect(try desk.store.counts() == StoreCounts(articles: 0, stories: 0))
    #expect(try desk.store.filings(after: 0, limit: 10).isEmpty)
  }
}

/// Errors collected from several threads.
final class FailureLog: @unchecked Sendable {
  // @unchecked: `entries` is only touched under `lock`.
  private let lock = NSLock()
  private var entries: [String] = []

  func add(_ entry: String) { lock.withLock { entries.append(entry) } }
  var all: [String] { lock.withLock { entries } }
}
