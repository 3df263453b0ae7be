import DistillCompose
import DistillExtract
import DistillModel
import DistillSummarize
import DistillText
import Foundation

/// Settings for one run of the pipeline. Defaults are written here; the CLI overrides them.
public struct PipelineConfiguration: Sendable {
  /// Word budget of the brief's summary body (lede and sections).
  public var wordBudget: Int
  /// An optional question or topic the brief should answer.
  public var focus: String?
  /// Inputs larger than this are skipped without being read.
  public var maxInputBytes: Int
  /// The time stamped on the brief's notice.
  public var clock: any Clock

  public init(
    wordBudget: Int = 200, focus: String? = nil, maxInputBytes: Int = 10_000_000,
    clock: any Clock = SystemClock()
  ) {
    self.wordBudget = wordBudget
    self.focus = focus
    self.maxInputBytes = maxInputBytes
    self.clock = clock
  }
}

/// What one run produced: the brief (when any article could be read), the documents it was made
/// from, and every input that was skipped with its reason.
public struct BriefRun: Sendable {
  public var brief: Brief?
  public var documents: [Document]
  public var skips: [Skip]
  /// Inputs whose text was identical to an earlier input's: merged into it, credited as
  /// "also published by", and not counted as skipped.
  public var merged: [DuplicateMerge] = []
  public var articles: [Article] { documents.map(\.article) }
}

/// An input merged into an earlier one because their article text is identical.
public struct DuplicateMerge: Sendable, Equatable, CustomStringConvertible {
  public var duplicate: SourceRef
  public var keptAs: SourceRef
  public var description: String {
    "distill: merged \(duplicate.location): same text as \(keptAs.location)"
  }
}

/// The whole pipeline: ingest → extract → normalize → summarize → compose.
///
/// Stages are injected as protocol values so that each can be replaced (an LLM writer, a
/// different summarizer) without touching the others; ``standard(_:)`` wires the defaults.
public struct Pipeline: Sendable {
  public var configuration: PipelineConfiguration
  public var reader: any InputReading
  public var summarizer: any Summarizer
  public var composer: any BriefComposer

  public init(
    configuration: PipelineConfiguration, reader: any InputReading, summarizer: any Summarizer,
    composer: any BriefComposer
  ) {
    self.configuration = configuration
    self.reader = reader
    self.summarizer = summarizer
    self.composer = composer
  }

  /// The default pipeline: no model, no network.
  public static func standard(_ configuration: PipelineConfiguration = .init()) -> Pipeline {
    Pipeline(
      configuration: configuration,
      reader: StandardInputReader(maxBytes: configuration.maxInputBytes),
      summarizer: StorySummarizer(),
      composer: StoryComposer(clock: configuration.clock))
  }

  /// Reads the inputs (files, folders, `-` for stdin) and briefs the articles found in them.
  public func run(inputs: [String], stdin: @Sendable () -> Data = { Data() }) -> BriefRun {
    brief(outcomes: reader.read(inputs, stdin: stdin))
  }

  /// Briefs the articles among `outcomes` and reports the skipped ones.
  public func brief(outcomes: [IngestOutcome]) -> BriefRun {
    var articles: [Article] = []
    var skips: [Skip] = []
    for outcome in outcomes {
      switch outcome {
      case .article(let article): articles.append(article)
      case .skipped(let source, let reason): skips.append(Skip(source: source, reason: reason))
      }
    }
    var run = brief(articles)
    run.skips = skips + run.skips
    return run
  }

  /// Briefs articles already read. Articles with identical text are merged: the first one
  /// is kept and credits the outlets of the others.
  public func brief(_ articles: [Article]) -> BriefRun {
    var firstIndex: [String: Int] = [:]
    var unique: [Article] = []
    var merged: [DuplicateMerge] = []
    var alsoBy: [Int: [String]] = [:]
    for article in articles {
      if let kept = firstIndex[article.text] {
        merged.append(DuplicateMerge(duplicate: article.source, keptAs: unique[kept].source))
        alsoBy[kept, default: []].append(article.metadata.outlet ?? article.source.location)
        continue
      }
      firstIndex[article.text] = unique.count
      unique.append(article)
    }
    let splitter = SentenceSplitter()
    let documents = unique.enumerated().map { index, article in
      Document(article: article, sentences: splitter.sentences(of: article, documentIndex: index))
    }
    guard !documents.isEmpty else { return BriefRun(brief: nil, documents: [], skips: []) }
    let request = SummaryRequest(
      wordBudget: configuration.wordBudget, focus: configuration.focus)
    let summary = summarizer.summarize(documents, request: request)
    var brief = composer.compose(documents, summary: summary)
    for (index, outlets) in alsoBy {
      let location = unique[index].metadata.url ?? unique[index].source.location
      for i in brief.sources.indices where brief.sources[i].location == location {
        for outlet in outlets where !brief.sources[i].alsoPublishedBy.contains(outlet) {
          brief.sources[i].alsoPublishedBy.append(outlet)
        }
      }
    }
    return BriefRun(brief: brief, documents: documents, skips: [], merged: merged)
  }
}

/// The ingest stage as the pipeline sees it: inputs as the user named them → outcomes.
public protocol InputReading: Sendable {
  /// Reads files, folders (every file in them) and `-` (the data `stdin` returns).
  func read(_ inputs: [String], stdin: @Sendable () -> Data) -> [IngestOutcome]
  /// Reads in-memory contents as if they came from a file called `name`.
  func read(_ data: Data, name: String) -> [IngestOutcome]
}

/// The default ingest stage: files, folders and stdin through format sniffing to the plain-text,
/// newswire and HTML readers, with a per-input size limit checked before reading.
public struct StandardInputReader: InputReading {
  public var loader: InputLoader

  public init(maxBytes: Int = 10_000_000) {
    let reader = AutoReader(
      html: HTMLExtractor(), gunzip: { HTMLGzip.decompress($0, limit: $1) },
      maxInflatedBytes: maxBytes)
    loader = InputLoader(maxBytes: maxBytes, reader: reader)
  }

  public func read(_ inputs: [String], stdin: @Sendable () -> Data) -> [IngestOutcome] {
    loader.load(inputs, stdin: stdin)
  }

  /// Reads in-memory contents as if they came from a file called `name`.
  public func read(_ data: Data, name: String) -> [IngestOutcome] {
    loader.reader.readAll(data, from: SourceRef(name))
  }
}
