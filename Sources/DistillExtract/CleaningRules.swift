import DistillModel
import Foundation

/// One rule that recognizes a line of page furniture (not article text) and says why it goes.
///
/// Rules are data: a name (the key in ``CleaningReport/removedByRule``), a matcher and a
/// reason a person can read. They look at one trimmed line or paragraph at a time.
public struct CleaningRule: Sendable {
  /// How a rule recognizes a line.
  public enum Matcher: Sendable {
    /// Case-insensitive regular expressions; the line matches when any one matches anywhere
    /// (anchor with `^…$` to match whole lines).
    case patterns([String])
    /// A predicate, for rules a regular expression says badly.
    case predicate(@Sendable (String) -> Bool)
  }

  public let name: String
  public let reason: String
  public let matcher: Matcher
  /// Lines longer than this many words never match: furniture is short, and a long line that
  /// happens to contain a trigger phrase is article text.
  public let maxWords: Int
  private let compiled: [NSRegularExpression]

  public init(name: String, reason: String, maxWords: Int = 40, matcher: Matcher) {
    self.name = name
    self.reason = reason
    self.maxWords = maxWords
    self.matcher = matcher
    if case .patterns(let patterns) = matcher {
      // The patterns are literals written in this file; a typo is a programming error.
      compiled = patterns.map {
        try! NSRegularExpression(pattern: $0, options: [.caseInsensitive])
      }
    } else {
      compiled = []
    }
  }

  /// True when `line` is furniture by this rule.
  public func matches(_ line: String) -> Bool {
    let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty else { return false }
    guard trimmed.split(whereSeparator: \.isWhitespace).count <= maxWords else { return false }
    switch matcher {
    case .patterns:
      let range = NSRange(trimmed.startIndex..., in: trimmed)
      return compiled.contains { $0.firstMatch(in: trimmed, range: range) != nil }
    case .predicate(let test):
      return test(trimmed)
    }
  }
}

/// The cleaning rules, applied to the lines of a plain-text scrape or the paragraphs an HTML
/// extractor found, with a report of what each rule removed.
///
/// ```swift
/// let (kept, report) = CleaningRules.standard.clean(paragraphs: lines)
/// ```
public struct CleaningRules: Sendable {
  /// The line rules, tried in order; the first that matches names the removal.
  public var rules: [CleaningRule]
  /// Drop a paragraph identical (ignoring case, spacing and punctuation) to an earlier one.
  public var removesDuplicates: Bool
  /// After a "Related"/"Read more" heading, drop the headline-like lines that follow it.
  public var removesRelatedLists: Bool

  public init(
    rules: [CleaningRule], removesDuplicates: Bool = true, removesRelatedLists: Bool = true
  ) {
    self.rules = rules
    self.removesDuplicates = removesDuplicates
    self.removesRelatedLists = removesRelatedLists
  }

  /// Name under which duplicate paragraphs are reported.
  public static let duplicateRuleName = "duplicate"
  /// Name under which the lines of a "Related" list are reported.
  public static let relatedRuleName = "related"

  /// The rule named `name`, if any.
  public func rule(named name: String) -> CleaningRule? { rules.first { $0.name == name } }

  /// Keeps the article paragraphs of `paragraphs`, in order, and reports what went and why.
  ///
  /// - Complexity: O(*n* × *r*) for *n* paragraphs and *r* rules.
  public func clean(paragraphs: [String]) -> (kept: [String], report: CleaningReport) {
    var report = CleaningReport(linesIn: 0)
    var kept: [String] = []
    var seen = Set<String>()
    var inRelatedList = false
    for paragraph in paragraphs {
      let line = paragraph.trimmingCharacters(in: .whitespacesAndNewlines)
      guard !line.isEmpty else { continue }
      report.linesIn += 1
      if let rule = rules.first(where: { $0.matches(line) }) {
        report.record(rule.name)
        inRelatedList = removesRelatedLists && rule.name == Self.relatedRuleName && isHeading(line)
        continue
      }
      if inRelatedList {
        if CleaningRules.looksLikeHeadline(line) {
          report.record(Self.relatedRuleName)
          continue
        }
        inRelatedList = false
      }
      if removesDuplicates {
        let key = CleaningRules.duplicateKey(line)
        if key.count >= 20 && seen.contains(key) {
          report.record(Self.duplicateRuleName)
          continue
        }
        seen.insert(key)
      }
      kept.append(line)
    }
    return (kept, report)
  }

  /// A "Related" heading stands alone; "Related: Some headline" is itself the whole item.
  private func isHeading(_ line: String) -> Bool {
    line.split(whereSeparator: \.isWhitespace).count <= 5 && !line.contains(":")
      || line.hasSuffix(":")
  }

  /// A short line without closing sentence punctuation: the shape of a linked headline.
  static func looksLikeHeadline(_ line: String) -> Bool {
    let words = line.split(whereSeparator: \.isWhitespace).count
    guard words <= 16 else { return false }
    guard let last = line.last else { return false }
    return !".!\"”".contains(last) || line.hasPrefix("•") || line.hasPrefix("-")
  }

  static func duplicateKey(_ line: String) -> String {
    String(line.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) })
  }
}

extension CleaningRules {
  /// The rules Distill uses by default.
  public static let standard = CleaningRules(rules: [
    CleaningRule(
      name: "skip-link", reason: "accessibility link to jump past the page header",
      matcher: .patterns([#"^(skip|jump) to (main |the )?(content|navigation|article|story)\b"#])),
    CleaningRule(
      name: "navigation", reason: "site menu or breadcrumb, not article text",
      matcher: .predicate(isNavigation)),
    CleaningRule(
      name: "browser-warning", reason: "notice about the reader's browser",
      matcher: .patterns([
        #"\b(IE|Internet Explorer) ?11 is not supported"#,
        #"\byour (web )?browser (is (not supported|out of date|outdated)|does not support)"#,
        #"^(please )?(enable|turn on) javascript"#,
        #"\bfor the best experience,? (please )?(use|upgrade|switch)"#,
        #"\byou are using an? (outdated|unsupported) browser"#,
      ])),
    CleaningRule(
      name: "newsletter", reason: "newsletter or subscription pitch, or its confirmation",
      maxWords: 30,
      matcher: .patterns([
        // "Sign up for X" alone is also how articles describe services; the pitch names what
        // the reader gets, or is a bare call to subscribe to the site.
        #"^(sign up|subscribe|register)( now| today| free| here)?( for| to)\b.{0,60}\b(newsletters?|briefing|digest|alerts|e-?mails?|updates|mailing list|inbox)\b"#,
        #"^(sign up|subscribe|register)( now| today| free| here)?( for| to)( (our|the))?( [\w'’-]+){0,3}[.!]?$"#,
        #"^subscribe\b.{0,60}\b(for (just|only)|a week|per week)\b"#,
        #"^get (the|our) .{0,60}\b(newsletter|briefing|headlines|alerts)\b"#,
        #"^(enter|type) your email"#,
        #"^(your )?email address$"#,
        #"^thanks? (you )?for (signing up|subscribing)"#,
        #"^you('re| are) (now )?(signed up|subscribed)"#,
        #"^(check|look in) your inbox"#,
        #"^(already a subscriber|become a (subscriber|member))\b"#,
        #"^(subscribe|sign up|register|join)( now| today| free)?[.!]?$"#,
        #"\bdelivered (straight |directly )?to your inbox\b"#,
        #"^(support (our|local) journalism|subscribe to support)"#,
      ])),
    CleaningRule(
      name: "advertisement", reason: "advertising slot label",
      matcher: .patterns([
        #"^(advertisement|advertising|ad|sponsored( content)?|paid content|promoted)[.:]?$"#,
        #"^(story|article) continues (below|after)( (this|the) )?( ?advertisement| ad)?\.?$"#,
        #"^continue reading (the main story|below)"#,
      ])),
    CleaningRule(
      name: "share", reason: "share or follow buttons",
      matcher: .predicate(isSharePrompt)),
    CleaningRule(
      name: "photo-credit", reason: "photo credit or caption, not article text",
      maxWords: 60,
      matcher: .patterns([
        #"^(photo|photograph|image|picture|illustration|video|graphic)s?( by| credit)?\s*[:|]"#,
        #"^(credit|source|photo credit)\s*:.*\b(photo|images?|getty|reuters|ap|afp|staff|handout|courtesy)\b"#,
        #"[(\[](photo|image|credit|picture)s?\s*:[^)\]]*[)\]]\s*$"#,
        #"/\s*(getty images|ap( photo)?|reuters|afp|epa|shutterstock|alamy)\s*\)?\s*$"#,
        #"^(getty images|ap photo|reuters|afp via getty images)\b[^.]*$"#,
        #"\((photo )?courtesy of [^)]*\)\s*$"#,
        #"\b(photo|photograph|image|picture)( credit)?\s*:\s*[A-Z][^.:]{1,60}$"#,
      ])),
    CleaningRule(
      name: "cookie-notice", reason: "cookie consent banner",
      matcher: .patterns([
        #"\bwe use cookies\b"#,
        #"\b(this|our) (web)?site uses cookies\b"#,
        #"^(accept|reject|allow|manage)( all)? cookies\b"#,
        #"\bcookie (policy|settings|preferences|consent)\b.*$"#,
        #"\bby continuing to (use|browse) (this|our) (site|website)\b"#,
      ])),
    CleaningRule(
      name: relatedRuleName, reason: "list of links to other articles",
      matcher: .patterns([
        #"^(related|related (stories|articles|coverage|content|links|reading)|more (stories|coverage|news|from [^.]{1,40})|recommended( for you| stories)?|most (read|popular|viewed)|you (may|might) also like|trending( now| stories)?|see also|also read|top stories|latest news|further reading)\s*[:»›]?$"#,
        #"^(related|read more|read also|also read|see also|more|watch|listen)\s*[:»›|]\s*\S"#,
        #"^read more( stories| news)?\s*[.…»›]*$"#,
        #"^read (the )?full (story|article)\s*[.…»›]*$"#,
      ])),
    CleaningRule(
      name: "tracking-pixel", reason: "text of a tracking image or bare link",
      matcher: .patterns([
        #"^\[?(tracking|analytics|beacon|spacer)( pixel| image| gif)?\]?$"#,
        #"^\[?1x1( pixel| image| gif)?\]?$"#,
        #"^<?img\b[^>]*>?$"#,
        #"^https?://\S+$"#,
        #"^\S+\.(gif|png|jpe?g)(\?\S*)?$"#,
      ])),
    CleaningRule(
      name: "copyright", reason: "copyright or rights notice",
      matcher: .patterns([
        #"^(©|\(c\)|copyright\s*(©|\(c\))?\s*(19|20)\d\d)"#,
        #"^copyright\s*©"#,
        #"^all rights reserved\.?$"#,
        #"\ball rights reserved\.?$"#,
        #"^this (material|article|story) may not be (published|broadcast|rewritten|redistributed)"#,
      ])),
    CleaningRule(
      name: "page-furniture", reason: "other page controls: comments, reading time, sign-in",
      matcher: .patterns([
        #"^(listen to this (article|story)|print this (article|page)|back to top|loading\.*|sign in|log in|log out|my account|menu|search|close|open menu|toggle navigation)\.?$"#,
        #"^\d+\s*(min|minute)s?\s*(read|listen)$"#,
        #"^(reading time|estimated reading time)\s*:"#,
        #"^(\d+\s+)?comments?(\s*\(\d+\))?$"#,
        #"^(join|view|show) (the )?(conversation|comments|discussion)"#,
        #"^(privacy policy|terms of (use|service)|contact us|about us)\b.{0,80}$"#,
      ])),
  ])

  /// Menus and breadcrumbs: several very short items separated by `|`, `•`, `›`, `»`, `/` or
  /// `·`, with no sentence punctuation.
  @Sendable static func isNavigation(_ line: String) -> Bool {
    let separators: Set<Character> = ["|", "•", "›", "»", "·", ">", "/"]
    let items = line.split(whereSeparator: { separators.contains($0) })
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
    guard items.count >= 3 else { return false }
    guard !line.contains(". ") && !line.hasSuffix(".") else { return false }
    return items.allSatisfy { $0.split(separator: " ").count <= 3 }
  }

  private static let followPrompt = try! NSRegularExpression(
    pattern:
      #"^(follow|like|join) (us|@\w+|[\w ]{1,40}) on (facebook|twitter|x|instagram|linkedin|threads|bluesky|mastodon|tiktok|youtube|social media)\b|^follow us\b[^.]{0,50}$"#,
    options: [.caseInsensitive])

  /// Lines made only of share/follow words ("Share Facebook Twitter Email"), or a follow prompt.
  @Sendable static func isSharePrompt(_ line: String) -> Bool {
    let lower = line.lowercased()
    if followPrompt.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil {
      return true
    }
    let shareWords: Set<String> = [
      "share", "shares", "this", "article", "story", "on", "via", "facebook", "twitter", "x",
      "email", "e-mail", "print", "copy", "link", "linkedin", "whatsapp", "reddit", "pinterest",
      "tweet", "messenger", "telegram", "save", "gift", "comment", "comments", "bluesky",
      "threads", "copied", "mail",
    ]
    let words = lower.split(whereSeparator: { !$0.isLetter && $0 != "-" }).map(String.init)
    guard !words.isEmpty, words.count <= 14 else { return false }
    guard
      words.contains(where: {
        ["share", "tweet", "facebook", "twitter", "linkedin", "whatsapp", "email", "print", "copy"]
          .contains($0)
      })
    else { return false }
    return words.allSatisfy { shareWords.contains($0) }
  }
}
