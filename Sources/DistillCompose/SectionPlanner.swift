import Foundation

/// Groups a brief's body sentences into a few sub-topics and names each one.
///
/// Each sentence leans toward a news sub-topic (casualties, damage, the response, the
/// investigation, the reaction, money, background) by the cue words it contains; sentences with
/// no clear lean join the group whose words they share most, or the main news. Groups that end
/// up with one sentence are folded into the group most like them, and the sections come out in
/// the order a reader expects: news first, then consequences and response, then reaction, then
/// background.
struct SectionPlanner {
  struct Item {
    var terms: [String: Double]
    var text: String
    /// True when a date in the sentence is older than the story (background).
    var isBackground: Bool
    /// Position used to keep the source order inside a section.
    var order: (Int, Int)
  }

  struct Topic {
    var heading: String
    var cues: Set<String>
  }

  /// Sub-topics in reading order; index 0 is the main news.
  static let topics: [Topic] = [
    Topic(heading: "What happened", cues: []),
    Topic(
      heading: "Casualties",
      cues: [
        "killed", "kill", "dead", "died", "die", "death", "deaths", "injured", "wounded",
        "victim", "victims", "bodies", "body", "toll", "missing", "hospitalized", "hospital",
        "fatalities", "drowned", "survivor", "survivors",
      ]),
    Topic(
      heading: "Damage",
      cues: [
        "damage", "damaged", "destroyed", "destroy", "collapsed", "flooded", "ruined", "wreckage",
        "debris", "washed", "swept", "razed", "flattened", "submerged", "power", "outage",
        "outages", "burned",
      ]),
    Topic(
      heading: "The response",
      cues: [
        "rescue", "rescued", "rescuers", "evacuated", "evacuation", "evacuate", "shelter",
        "shelters", "relief", "emergency", "troops", "deployed", "crews", "volunteers", "guard",
        "aid", "supplies", "helicopters", "firefighters", "sandbags", "declared",
      ]),
    Topic(
      heading: "The investigation",
      cues: [
        "investigation", "investigators", "investigating", "arrested", "arrest", "charged",
        "charges", "suspect", "suspects", "probe", "court", "trial", "prosecutors", "prosecutor",
        "fbi", "detectives", "evidence", "indictment", "indicted", "lawsuit", "judge", "inquiry",
        "cause",
      ]),
    Topic(
      heading: "The reaction",
      cues: [
        "criticized", "condemned", "praised", "urged", "blamed", "demanded", "welcomed",
        "denounced", "angry", "anger", "outrage", "protest", "protests", "protesters",
        "criticism", "reaction", "responded", "condolences", "mourned", "frustrated", "vowed",
        "accused", "called",
      ]),
    Topic(
      heading: "Money and costs",
      cues: [
        "million", "billion", "cost", "costs", "funding", "budget", "dollars", "insurance",
        "economy", "economic", "prices", "price", "losses", "spending", "fund", "funds",
        "insured", "taxpayers",
      ]),
    Topic(
      heading: "Context",
      cues: [
        "ago", "history", "historic", "previously", "decade", "decades", "earlier", "past",
        "founded", "built", "since", "years", "first", "former", "once", "originally",
      ]),
  ]

  /// Section groups: each is a topic index and the item indices in it, in reading order.
  static func plan(_ items: [Item], maxSections: Int) -> [(heading: String, items: [Int])] {
    guard !items.isEmpty else { return [] }
    if items.count <= 2 { return [(topics[0].heading, Array(items.indices))] }
    var assignment: [Int] = []
    for item in items {
      let words = Set(TextSupport.words(item.text).map(\.lower))
      var best = 0
      var bestScore = 0
      for (t, topic) in topics.enumerated() where t > 0 {
        var score = words.intersection(topic.cues).count
        if t == topics.count - 1 {
          // Words like "since" or "years" alone do not make background; a date before the
          // story does.
          score = item.isBackground ? score + 3 : (score >= 2 ? score : 0)
        }
        if score > bestScore {
          bestScore = score
          best = t
        }
      }
      assignment.append(bestScore >= 1 ? best : 0)
    }
    var groups: [Int: [Int]] = [:]
    for (i, t) in assignment.enumerated() { groups[t, default: []].append(i) }

    func vector(_ members: [Int]) -> [String: Double] {
      var v: [String: Double] = [:]
      for m in members { for (k, x) in items[m].terms { v[k, default: 0] += x } }
      return v
    }
    // Fold single-sentence groups into the group most like them while more than three remain:
    // a brief of many one-line sections reads choppily.
    while groups.count > 3,
      let single = groups.filter({ $0.value.count == 1 }).keys.sorted().last
    {
      let members = groups.removeValue(forKey: single)!
      let v = vector(members)
      let target = groups.keys.sorted().max { a, b in
        TextSupport.cosine(v, vector(groups[a]!)) < TextSupport.cosine(v, vector(groups[b]!))
      }!
      groups[target, default: []].append(contentsOf: members)
    }
    // Too many groups: the smallest join the main news.
    while groups.count > max(1, maxSections) {
      let smallest = groups.filter { $0.key != 0 }.min { a, b in
        (a.value.count, -a.key) < (b.value.count, -b.key)
      }!
      groups.removeValue(forKey: smallest.key)
      groups[0, default: []].append(contentsOf: smallest.value)
    }
    // A lone group of a side topic still reads best under its own name; but when the main news
    // is empty and several groups remain, the first group carries the news.
    return groups.keys.sorted().map { key in
      let members = groups[key]!.sorted { items[$0].order < items[$1].order }
      return (topics[key].heading, members)
    }
  }
}
