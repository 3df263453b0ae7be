import DistillCompose
import DistillModel
import DistillTestSupport
import Foundation
import Testing

/// Wednesday, Nov. 18, 2026: the reference date of every fixture below.
private let wednesday = Fixtures.date("2026-11-18").addingTimeInterval(15 * 3600)

private func first(_ text: String, reference: Date? = wednesday) -> TemporalMention? {
  TemporalResolver().mentions(in: text, reference: reference).first
}

private func ymd(_ date: Date) -> String {
  var calendar = Calendar(identifier: .gregorian)
  calendar.timeZone = TimeZone(identifier: "UTC")!
  let c = calendar.dateComponents([.year, .month, .day], from: date)
  return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
}

struct DateFixture: CustomTestStringConvertible, Sendable {
  var text: String
  var expected: String
  var precision: DatePrecision
  var testDescription: String { text }
}

@Test(
  "Temporal expressions normalize against the article's date",
  arguments: [
    DateFixture(text: "The levee broke on Jan. 3.", expected: "2026-01-03", precision: .day),
    DateFixture(
      text: "It opened Jan. 3, 2024, after years of delay.", expected: "2024-01-03", precision: .day
    ),
    DateFixture(text: "The storm hit on January 3 2024.", expected: "2024-01-03", precision: .day),
    DateFixture(text: "The storm hit on 3 January 2024.", expected: "2024-01-03", precision: .day),
    DateFixture(
      text: "The dam was finished in January 2024.", expected: "2024-01-01", precision: .month),
    DateFixture(text: "Filed 2024-01-03 with the court.", expected: "2024-01-03", precision: .day),
    DateFixture(text: "The river crested on Monday.", expected: "2026-11-16", precision: .day),
    DateFixture(
      text: "The river crested Wednesday morning.", expected: "2026-11-18", precision: .day),
    DateFixture(
      text: "It happened last Monday, officials said.", expected: "2026-11-16", precision: .day),
    DateFixture(text: "The council meets next Monday.", expected: "2026-11-23", precision: .day),
    DateFixture(
      text: "Crews will start pumping on Friday.", expected: "2026-11-20", precision: .day),
    DateFixture(text: "Rain fell all last weekend.", expected: "2026-11-14", precision: .day),
    DateFixture(
      text: "More rain is expected this weekend.", expected: "2026-11-21", precision: .day),
    DateFixture(
      text: "The first families fled yesterday.", expected: "2026-11-17", precision: .day),
    DateFixture(text: "Schools are closed today.", expected: "2026-11-18", precision: .day),
    DateFixture(text: "Schools will reopen tomorrow.", expected: "2026-11-19", precision: .day),
    DateFixture(text: "Sirens sounded last night.", expected: "2026-11-17", precision: .day),
    DateFixture(text: "The same street flooded in 2014.", expected: "2014-01-01", precision: .year),
    DateFixture(
      text: "The tribe has asked for a new levee since 2015.", expected: "2015-01-01",
      precision: .year),
    DateFixture(
      text: "The levee was built three years ago.", expected: "2023-01-01", precision: .year),
    DateFixture(
      text: "The levee was inspected 10 days ago.", expected: "2026-11-08", precision: .day),
    DateFixture(text: "Warnings began two weeks ago.", expected: "2026-11-04", precision: .day),
    DateFixture(text: "Funding ran out six months ago.", expected: "2026-05-01", precision: .month),
    DateFixture(text: "Repairs stalled last month.", expected: "2026-10-01", precision: .month),
    DateFixture(text: "The budget was cut last year.", expected: "2025-01-01", precision: .year),
    DateFixture(text: "The plan was approved in March.", expected: "2026-03-01", precision: .month),
    DateFixture(
      text: "The last flood came in December.", expected: "2025-12-01", precision: .month),
    DateFixture(text: "Ice jams formed on Dec. 28.", expected: "2025-12-28", precision: .day),
    DateFixture(
      text: "The board postponed its vote until December.", expected: "2026-12-01",
      precision: .month),
    DateFixture(text: "Hearings will resume on Jan. 5.", expected: "2027-01-05", precision: .day),
    DateFixture(
      text: "It was the worst flood since the 1990s began, in 1990.", expected: "1990-01-01",
      precision: .year),
  ])
func normalizesDates(_ fixture: DateFixture) throws {
  let m = try #require(first(fixture.text))
  #expect(ymd(m.date) == fixture.expected)
  #expect(m.precision == fixture.precision)
}

@Test func mentionTextIsTheWordsAsWritten() throws {
  let m = try #require(first("Rain fell all last weekend, the service said."))
  #expect(m.text == "last weekend")
  #expect(m.isRelative)
  let abs = try #require(first("It opened Jan. 3, 2024, after years of delay."))
  #expect(abs.text == "Jan. 3, 2024")
  #expect(abs.isAbsolute)
}

@Test(
  "Words that only look like dates are not dates",
  arguments: [
    "May I ask what happened here?",
    "More than 2,014 people signed the petition.",
    "The road along Route 66 was closed.",
    "Officials march toward the river.",
    "The 2014 residents of the town were evacuated.",
  ])
func ignoresNonDates(_ text: String) {
  #expect(TemporalResolver().mentions(in: text, reference: wednesday).isEmpty)
}

@Test func withoutAReferenceOnlySelfDatedExpressionsResolve() {
  let resolver = TemporalResolver()
  #expect(resolver.mentions(in: "The river crested on Monday.", reference: nil).isEmpty)
  #expect(resolver.mentions(in: "It was finished in June 2011.", reference: nil).count == 1)
  #expect(
    resolver.mentions(in: "It opened Jan. 3, 2024.", reference: nil).map { ymd($0.date) } == [
      "2024-01-03"
    ])
}

@Test func primaryMentionPrefersAFullDate() throws {
  let m = try #require(
    TemporalResolver().primaryMention(
      in: "On Monday, officials recalled the flood of June 3, 2011.", reference: wednesday))
  #expect(ymd(m.date) == "2011-06-03")
}

struct DatelineFixture: CustomTestStringConvertible, Sendable {
  var sentence: String
  var place: String?
  var rest: String
  var testDescription: String { sentence }
}

@Test(
  "Newswire datelines give the place and leave the sentence",
  arguments: [
    DatelineFixture(
      sentence: "PINE RIDGE, S.D. (AP) -- Floodwaters rose across the valley.",
      place: "PINE RIDGE, S.D.",
      rest: "Floodwaters rose across the valley."),
    DatelineFixture(
      sentence: "WASHINGTON (Reuters) - The Senate voted on Monday.", place: "WASHINGTON",
      rest: "The Senate voted on Monday."),
    DatelineFixture(
      sentence: "BEIJING, March 3 (Xinhua) -- China will act.", place: "BEIJING",
      rest: "China will act."),
    DatelineFixture(
      sentence: "BEIDAIHE (Hebei), March 5 (Xinhua) -- China will act.", place: "BEIDAIHE (Hebei)",
      rest: "China will act."),
    DatelineFixture(
      sentence: "LONDON \u{2014} Ministers met in private.", place: "LONDON",
      rest: "Ministers met in private."),
    DatelineFixture(
      sentence: "NASA said the launch -- set for May -- slipped.", place: nil,
      rest: "NASA said the launch -- set for May -- slipped."),
    DatelineFixture(
      sentence: "Officials said the river rose.", place: nil, rest: "Officials said the river rose."
    ),
  ])
func newswireDatelines(_ fixture: DatelineFixture) {
  let article = StoryFixtures.article(
    "d", title: "T", outlet: nil, date: "2026-11-18", [fixture.sentence])
  let doc = StoryFixtures.document(article, index: 0)
  let brief = StoryComposer(clock: FixedClock(StoryFixtures.now)).compose(
    [doc], summary: Summary(sentences: [SelectedSentence(sentence: doc.sentences[0])]))
  #expect(brief.place == fixture.place)
  #expect(brief.lede.first?.text == fixture.rest)
}
