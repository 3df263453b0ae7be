import Testing

@testable import DistillExtract

@Suite("HTML boilerplate lines")
struct HTMLBoilerplateTests {
  @Test(
    "bylines and datelines are recognised",
    arguments: [
      "By Reuters", "By Justine Coleman - 11/18/19 11:04 PM EST", "Nov. 20, 2019, 9:28 AM UTC",
      "Updated at 1:23 p.m.", "October 12, 2017", "Published Monday, Nov. 18, 2019",
    ])
  func bylineOrDate(_ line: String) {
    #expect(HTMLContentFinder.isBylineOrDateLine(line))
  }

  @Test(
    "article sentences and figures are not",
    arguments: [
      "By the end of the day, nothing had changed.", "2019: 45,000 units, up 12 percent",
      "The vote is set for March 3, 2020, the clerk said, after months of delay.",
      "Sales rose 5% in 2019.",
    ])
  func notBylineOrDate(_ line: String) {
    #expect(!HTMLContentFinder.isBylineOrDateLine(line))
  }

  @Test("related-story headings")
  func relatedHeadings() {
    for heading in ["Related", "More Great WIRED Stories", "You may also like...", "DON'T MISS"] {
      #expect(HTMLContentFinder.isRelatedHeading(heading), "\(heading)")
    }
    for heading in ["Repairs expected", "More than 40 people were hurt in the storms"] {
      #expect(!HTMLContentFinder.isRelatedHeading(heading), "\(heading)")
    }
  }

  @Test("furniture lines are dropped, article lines kept")
  func filter() {
    let finder = HTMLContentFinder(
      document: HTMLDocument(utf8: Array("<p>x</p>".utf8)), title: "Storm closes bridge")
    let kept = finder.filterBoilerplate([
      "Advertisement", "The storm closed the bridge on Tuesday.", "Storm closes bridge",
      "Sign up for our newsletter to get the news in your inbox.", "Iklan", "5 min read",
      "Follow us on Twitter and Facebook", "(Reporting by Ann Lee; Editing by Bo Chan)",
      "The storm closed the bridge on Tuesday.", "Officials expect it to reopen Friday.",
    ])
    #expect(
      kept == ["The storm closed the bridge on Tuesday.", "Officials expect it to reopen Friday."])
  }
}
