import DistillModel
import Foundation

/// A reproducible stream of made-up news articles with known stories, for measuring story
/// clustering at scale.
///
/// Words come from a synthetic vocabulary whose frequencies follow Zipf's law; story sizes
/// follow a heavy-tailed (Pareto) law, so most stories have one or two articles and a few have
/// hundreds; each story has its own subject words and names and runs for a few days (a few
/// run for weeks). Articles are produced lazily, in publication order, so a stream of any
/// length takes little memory. The same seed always gives the same stream.
///
///     for (article, story) in SyntheticNewsStream(articles: 10_000, seed: 7) { … }
public struct SyntheticNewsStream: Sequence, Sendable {
  public let articleCount: Int
  public let seed: UInt64
  /// Size of the background vocabulary.
  public let vocabularySize: Int
  /// Words per article body.
  public let bodyWords: ClosedRange<Int>
  /// Days the stream covers.
  public let days: Double

  private struct StoryPlan: Sendable {
    var subject: [Int32]
    var names: [Int32]
    var start: Double
    var span: Double
  }

  private let stories: [StoryPlan]
  /// (publication time, story) per article, in publication order.
  private let schedule: [(time: Double, story: Int32)]
  private let cumulative: [Double]

  public init(
    articles: Int, seed: UInt64 = 42, vocabularySize: Int = 50_000,
    bodyWords: ClosedRange<Int> = 120...220, days: Double = 365
  ) {
    precondition(articles >= 0 && vocabularySize >= 1000)
    articleCount = articles
    self.seed = seed
    self.vocabularySize = vocabularySize
    self.bodyWords = bodyWords
    self.days = days
    var random = SeededGenerator(seed: seed)

    // Zipf(1.0) over ranks 1…V.
    var cdf = [Double](repeating: 0, count: vocabularySize)
    var total = 0.0
    for rank in 0..<vocabularySize {
      total += 1 / Double(rank + 1)
      cdf[rank] = total
    }
    cumulative = cdf.map { $0 / total }

    var plans: [StoryPlan] = []
    var schedule: [(Double, Int32)] = []
    schedule.reserveCapacity(articles)
    while schedule.count < articles {
      // Pareto sizes (alpha 1.2): half the stories are single articles, a few run to hundreds.
      let u = Double.random(in: Double.ulpOfOne..<1, using: &random)
      let size = Swift.min(articles - schedule.count, Swift.min(2_000, Int(pow(u, -1 / 1.2))))
      // Subject words come from the middle and tail of the vocabulary, as subjects do.
      let subject = (0..<12).map { _ in
        Int32(Int.random(in: 300..<vocabularySize, using: &random))
      }
      let names = (0..<3).map { _ in Int32(Int.random(in: 0..<vocabularySize, using: &random)) }
      let start = Double.random(in: 0..<days, using: &random)
      // Most stories last days; one in ten runs on for weeks.
      let span =
        Double.random(in: 0..<1, using: &random) < 0.1
        ? Double.random(in: 7..<60, using: &random) : Double.random(in: 0.2..<4, using: &random)
      let story = Int32(plans.count)
      plans.append(StoryPlan(subject: subject, names: names, start: start, span: span))
      for _ in 0..<size {
        schedule.append((start + Double.random(in: 0..<1, using: &random) * span, story))
      }
    }
    schedule.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    self.stories = plans
    self.schedule = schedule.map { (time: $0.0, story: $0.1) }
  }

  /// Number of distinct stories in the stream.
  public var storyCount: Int { Set(schedule.map(\.story)).count }

  public func makeIterator() -> Iterator { Iterator(stream: self) }

  /// Produces each article with the id of the story it was written for.
  public struct Iterator: IteratorProtocol {
    let stream: SyntheticNewsStream
    var position = 0
    var random: SeededGenerator

    init(stream: SyntheticNewsStream) {
      self.stream = stream
      random = SeededGenerator(seed: stream.seed ^ 0x5354_5245_414d_5321)
    }

    public mutating func next() -> (article: Article, story: String)? {
      guard position < stream.schedule.count else { return nil }
      let (time, storyIndex) = stream.schedule[position]
      let plan = stream.stories[Int(storyIndex)]
      let id = "syn-\(position)"
      position += 1

      var titleWords: [String] = []
      for _ in 0..<6 {
        titleWords.append(
          Double.random(in: 0..<1, using: &random) < 0.7
            ? word(plan.subject.randomElement(using: &random)!)
            : word(background()))
      }
      titleWords.append(name(plan.names.randomElement(using: &random)!))
      var body = ""
      let length = Int.random(in: stream.bodyWords, using: &random)
      var sentence = 0
      for i in 0..<length {
        let draw = Double.random(in: 0..<1, using: &random)
        let text: String
        if draw < 0.05 {
          text = name(plan.names.randomElement(using: &random)!)
        } else if draw < 0.25 {
          text = word(plan.subject.randomElement(using: &random)!)
        } else {
          text = word(background())
        }
        body += sentence == 0 ? text.prefix(1).uppercased() + text.dropFirst() : text
        sentence += 1
        if sentence >= 12 || i == length - 1 {
          body += i == length - 1 ? "." : ". "
          sentence = 0
        } else {
          body += " "
        }
      }
      let published = Date(timeIntervalSince1970: 1_700_000_000 + time * 86_400)
      let title = titleWords.joined(separator: " ")
      let article = Article(
        id: id, source: SourceRef("synthetic/\(id)"), format: .plainText, title: title,
        text: body, metadata: ArticleMetadata(title: title, published: published))
      return (article, "story-\(storyIndex)")
    }

    private mutating func background() -> Int32 {
      let u = Double.random(in: 0..<1, using: &random)
      var lo = 0
      var hi = stream.cumulative.count - 1
      while lo < hi {
        let mid = (lo + hi) / 2
        if stream.cumulative[mid] < u { lo = mid + 1 } else { hi = mid }
      }
      return Int32(lo)
    }

    /// A pronounceable made-up word for a vocabulary rank.
    private func word(_ rank: Int32) -> String {
      let consonants = Array("bcdfghklmnprstvz")
      let vowels = Array("aeiou")
      var n = Int(rank) + 1
      var out = ""
      repeat {
        out.append(consonants[n % consonants.count])
        n /= consonants.count
        out.append(vowels[n % vowels.count])
        n /= vowels.count
      } while n > 0
      return out.count < 4 ? out + "x" : out
    }

    private func name(_ rank: Int32) -> String {
      let w = word(rank)
      return w.prefix(1).uppercased() + w.dropFirst() + "son"
    }
  }
}
