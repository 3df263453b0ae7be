/// Why an input produced no article. Skips are values: they are reported, never dropped.
public enum SkipReason: Sendable, Codable, Equatable, Hashable {
  case notFound
  case unreadable(String)
  case empty
  case binary
  case tooLarge(bytes: Int, limit: Int)
  case invalidEncoding
  case notAnArticle(String)
  case tooShort(words: Int, minimum: Int)
  case duplicate(of: String)
  case unsupported(String)

  /// One line a user can act on.
  public var message: String {
    switch self {
    case .notFound: return "no such file or directory"
    case .unreadable(let why): return "cannot be read (\(why))"
    case .empty: return "the file is empty"
    case .binary: return "looks like a binary file, not text or HTML (it contains NUL bytes)"
    case .tooLarge(let bytes, let limit):
      return
        "is \(bytes) bytes, over the \(limit)-byte limit for one article (raise it with --max-bytes)"
    case .invalidEncoding: return "is neither valid UTF-8 nor a Latin-1 text"
    case .notAnArticle(let why): return "has no article text (\(why))"
    case .tooShort(let words, let minimum):
      return "has only \(words) words of article text (at least \(minimum) needed)"
    case .duplicate(let other): return "is a duplicate of \(other)"
    case .unsupported(let what): return "is not a supported input (\(what))"
    }
  }
}

/// The result of reading one input.
public enum IngestOutcome: Sendable, Equatable {
  case article(Article)
  case skipped(SourceRef, SkipReason)
}

/// A skipped input with its reason, for run summaries.
public struct Skip: Sendable, Codable, Equatable, Hashable, CustomStringConvertible {
  public var source: SourceRef
  public var reason: SkipReason
  public init(source: SourceRef, reason: SkipReason) {
    self.source = source
    self.reason = reason
  }
  public var description: String { "distill: skipped \(source.location): \(reason.message)" }
}
