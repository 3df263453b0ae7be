import DistillModel
import DistillSummarize
import DistillTestSupport
import DistillText
import Testing

/// Documents from (date, paragraphs), split by the real splitter.
private func documents(_ specs: [(String, [String])]) -> [Document] {
  specs.enumerated().map { i, spec in
    let article = Fixtures.article(
      id: "d\(i)", paragraphs: spec.1, published: Fixtures.date(spec.0))
    return Document(
      article: article, sentences: SentenceSplitter().sentences(of: article, documentIndex: i))
  }
}

private let bridgeStory = documents([
  (
    "2024-03-01",
    [
      "The Harbor Bridge collapsed early Tuesday after a cargo ship struck one of its main piers.",
      "Rescue crews searched the river for six missing construction workers through the night.",
      "Local bakeries reported brisk sales of coffee to reporters waiting near the scene.",
    ]
  ),
  (
    "2024-03-02",
    [
      "Divers recovered two bodies as rescue crews searched the river for missing construction workers.",
      "The cargo ship lost power minutes before it struck the pier, the port authority said.",
      "A museum across town opened an exhibit of Dutch landscape paintings on Saturday.",
    ]
  ),
  (
    "2024-03-03",
    [
      "The governor said the Harbor Bridge would be rebuilt with federal money within four years.",
      "The cargo ship struck a main pier of the Harbor Bridge shortly after midnight on Tuesday.",
      "Rescue crews searched the river again on Thursday for four missing construction workers.",
    ]
  ),
])

@Test func picksWhatTheArticlesAgreeOnWithinBudget() {
  let summary = StorySummarizer().summarize(bridgeStory, request: SummaryRequest(wordBudget: 30))
  // The rescue search and the ship striking the pier are in all three articles; the asides
  // (coffee, the museum) are in one each and never win.
  #expect(
    summary.sentences.map(\.text) == [
      "Rescue crews searched the river for six missing construction workers through the night.",
      "The cargo ship struck a main pier of the Harbor Bridge shortly after midnight on Tuesday.",
    ])
  #expect(summary.wordCount <= 30)
}

@Test func neverExceedsTheWordBudget() {
  for budget in [0, 5, 12, 13, 20, 27, 40, 100] {
    let summary = StorySummarizer().summarize(
      bridgeStory, request: SummaryRequest(wordBudget: budget))
    #expect(summary.wordCount <= budget, "budget \(budget)")
    #expect(
      summary.sentences.allSatisfy { !$0.text.contains("coffee") && !$0.text.contains("museum") })
  }
}

@Test func readsInDateOrderAndIsDeterministic() {
  let request = SummaryRequest(wordBudget: 100)
  let first = StorySummarizer().summarize(bridgeStory, request: request)
  let second = StorySummarizer().summarize(bridgeStory, request: request)
  #expect(first == second)
  let keys = first.sentences.map { [$0.sentence.document, $0.sentence.index] }
  #expect(keys == keys.sorted { $0.lexicographicallyPrecedes($1) })
  #expect(first.sentences.count >= 2)
}

@Test func focusChangesThePick() {
  let plain = StorySummarizer().summarize(bridgeStory, request: SummaryRequest(wordBudget: 16))
  #expect(
    plain.sentences.map(\.text) == [
      "Rescue crews searched the river for six missing construction workers through the night."
    ])
  let focused = StorySummarizer().summarize(
    bridgeStory,
    request: SummaryRequest(wordBudget: 16, focus: "Why did the cargo ship hit the pier?"))
  // Both ship sentences name the ship and the pier; the one that also repeats what the other
  // articles say about the bridge covers more.
  #expect(
    focused.sentences.map(\.text) == [
      "The cargo ship struck a main pier of the Harbor Bridge shortly after midnight on Tuesday."
    ])
}

@Test func sentencesLeaningOnAMissingAntecedentAreSkipped() {
  let docs = documents([
    (
      "2024-05-01",
      [
        "Officials closed the county water plant after tests found bacteria in the supply. "
          + "They told residents in the county to boil tap water from the plant until further notice."
      ]
    ),
    (
      "2024-05-01",
      [
        "They told residents in the county to boil tap water from the plant for three days. "
          + "Schools stayed open."
      ]
    ),
    (
      "2024-05-02",
      [
        "But residents in the county must boil tap water from the plant, officials said on Friday."
      ]
    ),
  ])
  let tight = StorySummarizer().summarize(docs, request: SummaryRequest(wordBudget: 18))
  // The "They…" and "But…" sentences carry the most shared concepts, but cannot stand alone.
  #expect(
    tight.sentences.map(\.text) == [
      "Officials closed the county water plant after tests found bacteria in the supply."
    ])
  let roomy = StorySummarizer().summarize(docs, request: SummaryRequest(wordBudget: 40))
  // With room, "They…" may follow its own antecedent, right after it.
  #expect(roomy.sentences.map { [$0.sentence.document, $0.sentence.index] } == [[0, 0], [0, 1]])
}

@Test func syndicatedCopiesArePickedOnceAndCiteEveryCopy() {
  let wire =
    "Floodwaters from the Red River forced two thousand families from their homes on Monday."
  let docs = documents([
    ("2024-04-02", ["FARGO, N.D. (AP) -- " + wire, "The mayor toured the flooded streets."]),
    ("2024-04-01", [wire, "Sandbag crews worked through the night along the Red River."]),
    ("2024-04-03", ["Floodwaters from the Red River forced families from their homes in Fargo."]),
  ])
  let summary = StorySummarizer().summarize(docs, request: SummaryRequest(wordBudget: 14))
  #expect(summary.sentences.count == 1)
  let pick = summary.sentences[0]
  // The earliest copy leads; the later syndicated copy is cited alongside it.
  #expect(pick.sentence.document == 1)
  #expect(pick.text == wire)
  #expect(pick.alsoIn.map(\.document) == [0])
}

@Test func datelinesAreDeletedAndTextStaysAWordSubsequence() {
  let docs = documents([
    (
      "2024-04-02",
      [
        "FARGO, N.D. (AP) -- Floodwaters from the Red River forced two thousand families from "
          + "their homes on Monday.",
        "The river crested at a record height near the downtown bridge on Tuesday.",
      ]
    )
  ])
  let summary = StorySummarizer().summarize(docs, request: SummaryRequest(wordBudget: 50))
  let pick = summary.sentences.first { $0.sentence.document == 0 }
  #expect(
    pick?.text
      == "Floodwaters from the Red River forced two thousand families from their homes on Monday.")
  for selected in summary.sentences {
    let original = selected.sentence.text.split(whereSeparator: \.isWhitespace)
    var rest = original[...]
    for word in selected.text.split(whereSeparator: \.isWhitespace) {
      guard let at = rest.firstIndex(of: word) else {
        Issue.record("\(word) is not in \(selected.sentence.text)")
        break
      }
      rest = rest[(at + 1)...]
    }
  }
}

@Test func shortSentencesQuoteFragmentsAndBylinesAreSkipped() {
  let docs = documents([
    (
      "2024-06-01",
      [
        "By JANE DOE, Associated Press Writer",
        "``The wildfire near the canyon town is out of control tonight.",
        "The wildfire burned.",
        "Firefighters battled the wildfire near the canyon town for a third straight day.",
      ]
    ),
    (
      "2024-06-02",
      [
        "\"The wildfire near the canyon town is out of control,\"",
        "The wildfire near the canyon town forced firefighters to retreat on Sunday.",
      ]
    ),
  ])
  // The fragments carry the most shared concepts, yet only whole sentences are picked.
  let summary = StorySummarizer().summarize(docs, request: SummaryRequest(wordBudget: 100))
  #expect(
    summary.sentences.map(\.text) == [
      "The wildfire near the canyon town forced firefighters to retreat on Sunday."
    ])
}

@Test func updateModePrefersWhatIsNew() {
  let earlier = documents([
    (
      "2024-03-01",
      ["The cargo ship struck a main pier of the Harbor Bridge shortly after midnight on Tuesday."]
    ),
    ("2024-03-01", ["A cargo ship struck a main pier of the Harbor Bridge, bringing it down."]),
  ])
  let later = documents([
    (
      "2024-03-05",
      [
        "The cargo ship struck a main pier of the Harbor Bridge, investigators confirmed again.",
        "Salvage teams began cutting the wrecked steel spans into pieces for removal on Monday.",
      ]
    ),
    (
      "2024-03-06",
      [
        "Salvage teams cutting the wrecked steel spans expect to reopen the shipping channel soon."
      ]
    ),
  ])
  let fresh = StorySummarizer().summarize(
    later, request: SummaryRequest(wordBudget: 14, alreadyRead: earlier))
  #expect(
    fresh.sentences.map(\.text) == [
      "Salvage teams began cutting the wrecked steel spans into pieces for removal on Monday."
    ])
}

@Test func emptyInputGivesAnEmptySummary() {
  #expect(StorySummarizer().summarize([], request: SummaryRequest()).sentences.isEmpty)
}

@Test func trailingAttributionsAreDeletedOnlyWhenAskedAndNeverFromQuotes() {
  let docs = documents([
    (
      "2024-07-01",
      [
        "The county will close three rural schools next year to save money, officials said.",
        "\"We will close three rural schools next year to save money,\" the superintendent said.",
      ]
    )
  ])
  var options = SummarizerOptions()
  options.removeAttributions = true
  let trimmed = StorySummarizer(options: options).summarize(
    docs, request: SummaryRequest(wordBudget: 100))
  #expect(
    trimmed.sentences.map(\.text) == [
      "The county will close three rural schools next year to save money.",
      "\"We will close three rural schools next year to save money,\" the superintendent said.",
    ])
  let kept = StorySummarizer().summarize(docs, request: SummaryRequest(wordBudget: 100))
  #expect(kept.sentences.first?.text == docs[0].sentences[0].text)
}

@Test func pronounsBeforeAnyNameCountAsMissingAntecedents() {
  let docs = documents([
    (
      "2024-08-01",
      [
        "Dozens of riot police tried to block them from the main square near city hall.",
        "Governor Li said he would meet the protesting farmers in the main square on Tuesday.",
      ]
    )
  ])
  // "them" comes before any name, so who is meant was said elsewhere; "he" follows
  // "Governor Li".
  let strict = StorySummarizer().summarize(docs, request: SummaryRequest(wordBudget: 100))
  #expect(strict.sentences.map(\.sentence.index) == [1])
  var options = SummarizerOptions()
  options.strictPronouns = false
  let loose = StorySummarizer(options: options).summarize(
    docs, request: SummaryRequest(wordBudget: 100))
  #expect(loose.sentences.map(\.sentence.index) == [0, 1])
}

@Test func aSyndicatedCopyIsNotASecondSource() {
  let story = [
    "The harbor bridge closed after a barge struck a pier early on Tuesday morning.",
    "A ferry carried stranded commuters across the river for most of the day.",
  ]
  let docs = documents([
    ("2024-03-01", story),
    ("2024-03-01", story),
    (
      "2024-03-02",
      ["Engineers inspected the harbor bridge after a barge struck a pier on Tuesday."]
    ),
  ])
  // Only the wire story and its copy mention the ferry: one source, so it is not what the
  // articles agree on.
  let summary = StorySummarizer().summarize(docs, request: SummaryRequest(wordBudget: 100))
  #expect(
    summary.sentences.map(\.text) == [
      "Engineers inspected the harbor bridge after a barge struck a pier on Tuesday."
    ])
  var options = SummarizerOptions()
  options.copyShare = 2
  let counted = StorySummarizer(options: options).summarize(
    docs, request: SummaryRequest(wordBudget: 100))
  #expect(counted.sentences.map(\.text) == story)
}

@Test func unrelatedOrTerseArticlesStillGetASummary() {
  let unrelated = documents([
    ("2024-09-01", ["A library in the old mill district reopened after a two-year renovation."]),
    ("2024-09-02", ["The city council approved a new bus route to the airport on Monday night."]),
  ])
  let summary = StorySummarizer().summarize(unrelated, request: SummaryRequest(wordBudget: 14))
  #expect(summary.sentences.count == 1)
  #expect(summary.wordCount <= 14)
  let terse = documents([("2024-09-03", ["Fire hits warehouse. No injuries."])])
  #expect(
    StorySummarizer().summarize(terse, request: SummaryRequest(wordBudget: 50)).sentences.map(
      \.text) == ["Fire hits warehouse."])
}
