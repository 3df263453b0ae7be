import DistillModel
import DistillTestSupport
import Foundation
import Testing

@testable import DistillExtract

@Suite("PlainTextReader")
struct PlainTextReaderTests {
  static let scrape = """
    Skip to main content
    Ferry service resumes on Lake Dunmore after two-day strike
    By Ruth Calder, The Dunmore Courier
    Updated 10:32 a.m. ET, Tue March 4, 2026
    Published March 3, 2026
    Home | News | Local | Weather
    IE 11 is not supported. For an optimal experience visit our site on another browser.

    Ferries crossed Lake Dunmore again on Tuesday morning after the county and the crews' union reached a deal late Monday, ending a two-day strike that stranded about 900 commuters.

    Advertisement

    "Nobody wanted this to go on," said Ruth Marlow, who leads the union. The agreement keeps the night runs through the end of the year.
    Photo: Ana Pike/Getty Images
    Sign up for our morning newsletter
    Thanks for signing up!

    The county had proposed cutting the night runs to save about $2 million a year. It will hold a public hearing on the budget in April.

    The county had proposed cutting the night runs to save about $2 million a year. It will hold a public hearing on the budget in April.
    Share this article
    Related stories
    County budget: what is on the table
    Union votes to authorize strike
    We use cookies to improve your experience.
    © 2026 The Dunmore Courier. All rights reserved.
    """

  func article(_ text: String, minimumWords: Int = 20) throws -> Article {
    let outcome = PlainTextReader(minimumWords: minimumWords).read(
      Data(text.utf8), from: SourceRef("scrape.txt"))
    guard case .article(let article) = outcome else {
      Issue.record("expected an article, got \(outcome)")
      throw CancellationError()
    }
    return article
  }

  @Test func junkIsRemovedAndMetadataRead() throws {
    let a = try article(Self.scrape)
    #expect(a.title == "Ferry service resumes on Lake Dunmore after two-day strike")
    #expect(a.metadata.authors == ["Ruth Calder"])
    #expect(a.metadata.outlet == "The Dunmore Courier")
    #expect(a.metadata.published == PublicationDates.utc(2026, 3, 3))
    #expect(a.metadata.updated == PublicationDates.utc(2026, 3, 4, 14, 32))
    #expect(a.format == .plainText)
    #expect(
      a.paragraphs.map(String.init) == [
        "Ferries crossed Lake Dunmore again on Tuesday morning after the county and the crews' union reached a deal late Monday, ending a two-day strike that stranded about 900 commuters.",
        "\"Nobody wanted this to go on,\" said Ruth Marlow, who leads the union. The agreement keeps the night runs through the end of the year.",
        "The county had proposed cutting the night runs to save about $2 million a year. It will hold a public hearing on the budget in April.",
      ])
    let removed = a.cleaning.removedByRule
    #expect(removed["skip-link"] == 1)
    #expect(removed["metadata"] == 3)
    #expect(removed["duplicate"] == 1)
    #expect(removed["related"] == 3)
    #expect(removed["newsletter"] == 2)
    #expect(a.cleaning.linesRemoved == 17)
  }

  @Test func bylineForms() {
    var metadata = ArticleMetadata()
    #expect(PlainTextReader.extractMetadata("By ANA RUIZ AND TOM HALE", into: &metadata))
    #expect(metadata.authors == ["Ana Ruiz", "Tom Hale"])
    metadata = ArticleMetadata()
    #expect(PlainTextReader.extractMetadata("By The Harbor Ledger", into: &metadata))
    #expect(metadata.outlet == "The Harbor Ledger" && metadata.authors.isEmpty)
    metadata = ArticleMetadata()
    #expect(PlainTextReader.extractMetadata("By Ledger Staff", into: &metadata))
    #expect(metadata.authors.isEmpty)
    #expect(PlainTextReader.extractMetadata("By Maria Ortega | Harbor Ledger", into: &metadata))
    #expect(metadata.authors == ["Maria Ortega"] && metadata.outlet == "Harbor Ledger")
    metadata = ArticleMetadata()
    #expect(
      !PlainTextReader.extractMetadata(
        "By the time crews arrived, the fire was out.", into: &metadata))
    #expect(
      !PlainTextReader.extractMetadata("By Tuesday the beaches had reopened.", into: &metadata))
    #expect(metadata == ArticleMetadata())
  }

  @Test func hardWrappedBlocksAreJoined() throws {
    let text = """
      Harbor dredging to begin in spring

      The port said on Friday that dredging of the outer harbor would
      begin in the spring and last about eight months, with work paused
      during the herring run in late March.

      Fishermen said they feared for the crab beds off the north jetty.
      """
    let a = try article(text, minimumWords: 10)
    #expect(a.paragraphs.count == 2)
    #expect(a.paragraphs[0].hasSuffix("paused during the herring run in late March."))
  }

  @Test func isoDateLineAndUntitledScrape() throws {
    let text = """
      2026-02-11
      The council voted on Wednesday to close the old pier to cars after inspectors found corroded pilings beneath the deck, and said repairs would take at least a year to finish.
      """
    let a = try article(text, minimumWords: 10)
    #expect(a.metadata.published == PublicationDates.utc(2026, 2, 11))
    #expect(a.title.hasPrefix("The council voted on Wednesday"))
  }

  @Test func leadParagraphIsNotTakenForATitle() {
    #expect(
      PlainTextReader.isTitleLike("Ferry service resumes on Lake Dunmore after two-day strike"))
    #expect(PlainTextReader.isTitleLike("What comes next for the terminal?"))
    #expect(PlainTextReader.isTitleLike("Pier closes."))
    #expect(
      !PlainTextReader.isTitleLike(
        "The council voted on Wednesday to close the old pier to cars after inspectors found rot."))
    #expect(!PlainTextReader.isTitleLike("Storm"))
  }

  @Test func furnitureOnlyPageIsNotAnArticle() {
    let text = "Skip to main content\nAdvertisement\nSign up for our newsletter\n© 2026 Example"
    let outcome = PlainTextReader().read(Data(text.utf8), from: SourceRef("junk.txt"))
    #expect(
      outcome
        == .skipped(
          SourceRef("junk.txt"), .notAnArticle("nothing but page furniture after cleaning")))
  }

  @Test func tooShortArticleSaysHowShort() {
    let text = "A title line\nJust seven words of body text here."
    let outcome = PlainTextReader(minimumWords: 40).read(Data(text.utf8), from: SourceRef("s.txt"))
    #expect(outcome == .skipped(SourceRef("s.txt"), .tooShort(words: 7, minimum: 40)))
  }

  @Test func sentencesMentioningNewslettersSurvive() throws {
    let text = """
      Pier closure announced
      The closure was first announced in the harbor association's newsletter, which goes to about 4,000 households.
      Subscribers said they had not expected the pier to close before summer, when the fishing season begins.
      """
    let a = try article(text, minimumWords: 10)
    #expect(a.paragraphs.count == 2)
    #expect(a.cleaning.linesRemoved == 0)
  }
}
