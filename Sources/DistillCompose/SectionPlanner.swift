import DistillText
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
        "killed", "dead", "died", "deaths", "injured", "wounded", "victims", "bodies", "toll",
        "missing", "hospitalized", "fatalities", "drowned",
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
    var sections: [(order: Double, heading: String, items: [Int])] = groups.map {
      (Double($0.key), topics[$0.key].heading, $0.value)
    }
    // A large main-news group splits into sub-topics of sentences that share words, each
    // headed by the words they share.
    if let main = groups[0], main.count >= 5, groups.count < maxSections {
      let clusters = similarGroups(main, items: items)
        .filter { $0.count >= 2 }
        .prefix(maxSections - groups.count)
      var rest = Set(main)
      var taken: [[Int]] = []
      for (n, cluster) in clusters.enumerated() {
        guard let heading = keyPhrase(cluster, others: Array(items.indices), items: items),
          !sections.contains(where: { $0.heading == heading })
        else { continue }
        sections.append((0.1 + Double(n) * 0.01, heading, cluster))
        rest.subtract(cluster)
        taken.append(cluster)
      }
      sections.removeAll { $0.order == 0 }
      if !rest.isEmpty { sections.append((0, topics[0].heading, Array(rest))) }
    }
    return sections.sorted { $0.order < $1.order }.map { section in
      (section.heading, section.items.sorted { items[$0].order < items[$1].order })
    }
  }

  /// Average-link clusters of the given items by the cosine of their content words, largest
  /// first.
  static func similarGroups(_ members: [Int], items: [Item], threshold: Double = 0.12) -> [[Int]] {
    // Pairwise similarities once; cluster similarity is the average over member pairs, kept as
    // a running sum so each merge costs O(n).
    let n = members.count
    var sum = Array(repeating: Array(repeating: 0.0, count: n), count: n)
    for i in 0..<n {
      for j in (i + 1)..<max(i + 1, n) {
        let s = TextSupport.cosine(items[members[i]].terms, items[members[j]].terms)
        sum[i][j] = s
        sum[j][i] = s
      }
    }
    var clusters: [Int: [Int]] = [:]
    for i in 0..<n { clusters[i] = [i] }
    while clusters.count > 1 {
      var best: (Int, Int, Double)?
      let keys = clusters.keys.sorted()
      for (x, a) in keys.enumerated() {
        for b in keys[(x + 1)...] {
          let s = sum[a][b] / Double(clusters[a]!.count * clusters[b]!.count)
          if s > (best?.2 ?? -1) { best = (a, b, s) }
        }
      }
      guard let (a, b, s) = best, s >= threshold else { break }
      clusters[a]! += clusters.removeValue(forKey: b)!
      for k in clusters.keys where k != a {
        sum[a][k] += sum[b][k]
        sum[k][a] = sum[a][k]
      }
    }
    return clusters.values.map { $0.map { members[$0] } }
      .sorted { ($0.count, -($0.min() ?? 0)) > ($1.count, -($1.min() ?? 0)) }
  }

  /// A short heading from the words a group's sentences share and the rest of the body uses
  /// less: an adjacent pair of them, as written ("Army Corps", "School board"). Nil when the
  /// sentences share no such pair: one word alone ("Warms", "Fax", "Drugs") says too little
  /// to head a section, so those sentences stay with the main news.
  static func keyPhrase(_ members: [Int], others: [Int], items: [Item]) -> String? {
    let inside = Set(members)
    var df: [String: Int] = [:]
    var dfOut: [String: Int] = [:]
    for i in others {
      for term in items[i].terms.keys {
        if inside.contains(i) { df[term, default: 0] += 1 } else { dfOut[term, default: 0] += 1 }
      }
    }
    func score(_ term: String) -> Double {
      Double(df[term] ?? 0) / Double(1 + (dfOut[term] ?? 0))
    }
    // Headings name things: verb forms ("issued", "using") and words that fit any story
    // ("people", "news", "officials") make poor ones.
    let shared = df.filter { entry in
      entry.value >= 2 && !genericTerms.contains(entry.key)
        && !(surfaceForms(entry.key, members: members, items: items).allSatisfy {
          $0.hasSuffix("ed") || $0.hasSuffix("ing") || $0.hasSuffix("ly")
        })
    }.keys
    guard !shared.isEmpty else { return nil }
    // Adjacent pairs of the shared stems, as written.
    var pairs: [String: (count: Int, terms: (String, String))] = [:]
    for i in members {
      let scalars = Array(items[i].text.unicodeScalars)
      let words = TextSupport.words(scalars)
      var previous: (word: Word, term: String)?
      for w in words {
        guard w.lower.count > 2, !Stopwords.english.contains(w.lower), !w.isNumeric else {
          previous = nil
          continue
        }
        let term = TextSupport.stem(w.lower)
        guard shared.contains(term) else {
          previous = nil
          continue
        }
        // Only words one space apart make a phrase ("coxnews.com" is not "Coxnews com").
        if let p = previous, p.word.end + 1 == w.start, scalars[p.word.end] == " " {
          let phrase = p.word.text + " " + w.text
          let old = pairs[phrase]?.count ?? 0
          pairs[phrase] = (old + 1, (p.term, term))
        }
        previous = (w, term)
      }
    }
    let pair = pairs.filter { $0.value.count >= 2 }.max { a, b in
      (score(a.value.terms.0) + score(a.value.terms.1), a.key)
        < (score(b.value.terms.0) + score(b.value.terms.1), b.key)
    }
    return pair.map { capitalized($0.key) }
  }

  /// Stems of words too common in news to head a section.
  static let genericTerms: Set<String> = Set(
    [
      "people", "news", "official", "officials", "year", "years", "time", "times", "percent",
      "report", "reports", "told", "week", "day", "days", "month", "months", "group", "number",
      "state", "government", "thing", "way", "part", "lot", "case", "place", "country", "new",
      "first", "last", "say", "says", "make", "made", "take", "according", "editor", "editors",
      "work", "worked", "use", "used", "change", "changed", "issue", "issued", "show", "shows",
      "get", "got", "come", "came", "world", "today", "end", "found", "find", "including",
      "surface", "called", "call", "added", "asked", "since", "still", "even", "just", "around",
    ].map { TextSupport.stem($0) })

  /// The lower-cased forms in which a stem appears in the given items.
  static func surfaceForms(_ term: String, members: [Int], items: [Item]) -> [String] {
    var forms: [String] = []
    for i in members {
      for w in TextSupport.words(items[i].text) where TextSupport.stem(w.lower) == term {
        forms.append(w.lower)
      }
    }
    return forms.isEmpty ? [term] : forms
  }

  static func capitalized(_ s: String) -> String {
    guard let first = s.first else { return s }
    return first.uppercased() + s.dropFirst()
  }
}
