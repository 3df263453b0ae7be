import DistillModel
import DistillTestSupport
import DistillText
import Foundation

/// Hand-written articles about one invented story.
enum StoryFixtures {
  /// The article split into sentences by the project's sentence splitter.
  static func document(_ article: Article, index: Int) -> Document {
    Document(
      article: article, sentences: SentenceSplitter().sentences(of: article, documentIndex: index))
  }

  static func article(
    _ id: String, title: String, outlet: String?, date: String?, url: String? = nil,
    _ paragraphs: [String]
  ) -> Article {
    var a = Fixtures.article(
      id: id, title: title, paragraphs: paragraphs,
      published: date.map { Fixtures.date($0) }, outlet: outlet)
    a.metadata.url = url
    return a
  }

  /// Four reports of a flood, over three days, one of them undated, one a syndicated copy.
  static let articles: [Article] = [
    article(
      "kota", title: "Tribal president says help is slow", outlet: "KOTA", date: nil,
      [
        "Tribal President Frank Star Comes Out said the federal government had been too slow to respond to the flooding in Pine Ridge.",
        "\"We have asked for help for three days and we are still waiting,\" he said. But some residents said the levee built three years ago had failed.",
        "The Bureau of Indian Affairs said in a statement that it is sending 30 workers to Pine Ridge.",
      ]),
    article(
      "journal",
      title: "Pine Ridge flood forces evacuations as White River crests | Rapid City Journal",
      outlet: "Rapid City Journal", date: "2026-11-18",
      url: "https://example.com/journal/flood?id=1&ref=2",
      [
        "At least 57 residents were evacuated from Pine Ridge after the White River overflowed its banks, officials said Wednesday.",
        "\u{201C}People are tired and scared, and they want to know when they can go home,\u{201D} Ortega said.",
        "Two people were killed when their car was swept off a road near Manderson on Monday, the sheriff's office said. The county has asked the state for $2.5 million in emergency aid.",
        "The White River last flooded Pine Ridge in June 2011, when hundreds of homes were damaged. Three years ago, the tribe built a levee that was meant to hold back the water.",
        "The tribal council is expected to vote next week on a plan to move homes away from the river.",
      ]),
    article(
      "ap", title: "Floodwaters force families from homes on Pine Ridge Reservation", outlet: "AP",
      date: "2026-11-17", url: "https://example.com/ap/pine-ridge-flood",
      [
        "PINE RIDGE, S.D. (AP) -- Floodwaters from the swollen White River forced at least 40 families from their homes in Pine Ridge on Monday, tribal officials said.",
        "``We lost everything in an hour,'' said Maria Ortega, the tribal housing director. ``The water came faster than anyone expected.''",
        "The river crested at 19 feet late Monday, the National Weather Service said. It was the highest level since 2011.",
        "The Oglala Sioux Tribe declared an emergency on Sunday. Crews will begin pumping water from the flooded neighborhoods on Thursday, officials said.",
      ]),
    article(
      "times", title: "Floodwaters force families from homes on Pine Ridge Reservation",
      outlet: "Lakota Times", date: "2026-11-19",
      [
        "PINE RIDGE, S.D. (AP) -- Floodwaters from the swollen White River forced at least 40 families from their homes in Pine Ridge on Monday, tribal officials said.",
        "``We lost everything in an hour,'' said Maria Ortega, the tribal housing director. ``The water came faster than anyone expected.''",
        "The river crested at 19 feet late Monday, the National Weather Service said. It was the highest level since 2011.",
        "The Oglala Sioux Tribe declared an emergency on Sunday. Crews will begin pumping water from the flooded neighborhoods on Thursday, officials said.",
      ]),
  ]

  static var documents: [Document] {
    articles.enumerated().map { document($0.element, index: $0.offset) }
  }

  /// A summary as a summarizer might pick it: leads first, then supporting sentences.
  static func summary(_ docs: [Document]) -> Summary {
    func pick(_ d: Int, _ s: Int) -> SelectedSentence {
      SelectedSentence(sentence: docs[d].sentences[s], score: 1)
    }
    return Summary(sentences: [
      pick(2, 0), pick(1, 0), pick(1, 2), pick(2, 3), pick(2, 4), pick(0, 0), pick(0, 2),
      pick(1, 3), pick(1, 4), pick(1, 5), pick(2, 5), pick(0, 3), pick(3, 0),
    ])
  }

  static let now = Fixtures.date("2026-11-20").addingTimeInterval(9 * 3600 + 30 * 60)
}
