import DistillModel
import Foundation
import Testing

@testable import DistillExtract

@Suite("CleaningRules")
struct CleaningRulesTests {
  /// For every standard rule: lines it must remove, and article sentences it must keep even
  /// though they share words with the furniture.
  static let examples: [String: (removes: [String], keeps: [String])] = [
    "skip-link": (
      ["Skip to main content", "Skip to content", "Jump to navigation"],
      ["Crews were told to skip to the next berth while divers searched the main channel."]
    ),
    "navigation": (
      [
        "Home | News | Local | Weather | Sports", "News › Local › Harbor",
        "World • Business • Opinion • Arts",
      ],
      ["Officials said the spill reached the north jetty | the docks and the marina by noon."]
    ),
    "browser-warning": (
      [
        "IE 11 is not supported. For an optimal experience visit our site on another browser.",
        "Your browser is out of date.", "Please enable JavaScript to view this page.",
      ],
      [
        "The authority said its web portal, which requires a modern browser, would post updates hourly."
      ]
    ),
    "newsletter": (
      [
        "Sign up for our morning newsletter", "Subscribe to the Courier",
        "Subscribe to the Courier for just $1 a week.",
        "Get the Harbor Briefing newsletter in your inbox",
        "Thanks for signing up!", "Enter your email address", "You're subscribed.",
        "Headlines delivered straight to your inbox every weekday.",
      ],
      [
        "The spill was first reported in the neighborhood association's newsletter on Monday.",
        "Residents who subscribe to the county's text alerts received a warning at 6 a.m.",
        "Sign up for a streaming account for $11.99 a month and the ads go away, the company said.",
        "Sign up for a ferry pass before June to keep the old fare",
      ]
    ),
    "advertisement": (
      [
        "Advertisement", "ADVERTISEMENT", "Story continues below advertisement",
        "Sponsored content",
      ],
      ["The advertisement for the ferry service was pulled after the accident, the company said."]
    ),
    "share": (
      [
        "Share", "Share this article", "Facebook Twitter Email Print", "Follow us on Instagram",
        "Share on Facebook Share on X Copy link", "Follow us for updates from the newsroom",
      ],
      [
        "Residents were urged to share water with neighbors and to print the boil notice.",
        "Follow us, the officers told the crowd, and walked them to the buses.",
      ]
    ),
    "photo-credit": (
      [
        "Photo: Lena Brandt/Getty Images", "Image credit: Harbor Ledger staff",
        "Firefighters spray foam on the tanker on Monday. (Photo: Jonas Pell)",
        "A crane lifts debris from the channel. Tomas Reyes/AP Photo",
      ],
      ["The photo, taken from a fishing boat, showed the tanker listing to port, Ortega said."]
    ),
    "cookie-notice": (
      [
        "We use cookies to improve your experience on our site.", "Accept all cookies",
        "By continuing to use this site, you agree to our cookie policy.",
      ],
      ["The bakery on Quay Street handed out cookies to the volunteers cleaning the beach."]
    ),
    "related": (
      [
        "Related", "Related stories", "Read more: Harbor spill closes beaches",
        "More from the Ledger",
        "Most read",
      ],
      ["Related tests of the water will be carried out by the state laboratory on Friday."]
    ),
    "tracking-pixel": (
      ["[tracking pixel]", "1x1", "https://example.invalid/pixel?id=123", "spacer.gif"],
      ["Investigators tracked the pixel-level changes in satellite images of the slick."]
    ),
    "copyright": (
      [
        "© 2026 The Harbor Ledger. All rights reserved.", "Copyright 2026 Gull Coast Media",
        "All rights reserved.",
      ],
      ["The copyright dispute over the harbor's old maps went to court in 2014."]
    ),
    "page-furniture": (
      ["Listen to this article", "4 min read", "Comments (12)", "Sign in", "Back to top"],
      ["Officials said they would sign in every volunteer at the community center."]
    ),
  ]

  @Test(arguments: CleaningRules.standard.rules.map(\.name))
  func ruleRemovesFurnitureAndKeepsSentences(_ name: String) throws {
    let rule = try #require(CleaningRules.standard.rule(named: name))
    let examples = try #require(Self.examples[name], "rule \(name) has no test examples")
    #expect(!examples.removes.isEmpty && !examples.keeps.isEmpty)
    for line in examples.removes {
      #expect(rule.matches(line), "\(name) should remove: \(line)")
    }
    for line in examples.keeps {
      #expect(!rule.matches(line), "\(name) should keep: \(line)")
      let (kept, _) = CleaningRules.standard.clean(paragraphs: [line])
      #expect(kept == [line], "the standard rules removed a sentence: \(line)")
    }
  }

  @Test func everyRuleHasAReasonAndAUniqueName() {
    let names = CleaningRules.standard.rules.map(\.name)
    #expect(Set(names).count == names.count)
    #expect(CleaningRules.standard.rules.allSatisfy { !$0.reason.isEmpty })
  }

  @Test func duplicatesAreDroppedAndCounted() {
    let para = "The harbor master closed the inner basin to all traffic on Monday afternoon."
    let (kept, report) = CleaningRules.standard.clean(paragraphs: [
      para, "Other text is here, long enough.", para + " ",
    ])
    #expect(kept == [para, "Other text is here, long enough."])
    #expect(report.removedByRule["duplicate"] == 1)
    #expect(report.linesIn == 3)
  }

  @Test func relatedListItemsFollowTheirHeading() {
    let lines = [
      "Related stories",
      "Tanker owner faces questions over inspections",
      "What we know about the Gullhaven spill",
      "The cleanup continued on Tuesday, officials said.",
    ]
    let (kept, report) = CleaningRules.standard.clean(paragraphs: lines)
    #expect(kept == ["The cleanup continued on Tuesday, officials said."])
    #expect(report.removedByRule["related"] == 3)
  }

  @Test func reportCountsEveryRemovedLineByRule() {
    let lines = [
      "Skip to main content", "Advertisement",
      "A real sentence about the harbor, long enough to keep.",
      "Advertisement", "© 2026 The Harbor Ledger",
    ]
    let (kept, report) = CleaningRules.standard.clean(paragraphs: lines)
    #expect(kept.count == 1)
    #expect(report.linesIn == 5)
    #expect(report.linesRemoved == 4)
    #expect(report.removedByRule == ["skip-link": 1, "advertisement": 2, "copyright": 1])
  }

  @Test func longParagraphsNeverMatchShortLineRules() {
    let long =
      "Sign up for the volunteer shifts was slow at first, organizers said, but by Wednesday more than two hundred residents had come to the community center on Quay Street to fill sandbags, hand out water and help the crews who were working through the night to keep the slick away from the marsh."
    #expect(CleaningRules.standard.clean(paragraphs: [long]).kept == [long])
  }
}
