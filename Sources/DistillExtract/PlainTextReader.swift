import DistillModel
import Foundation

/// Reads plain text as scraped or copied from a news page: the title on the first line, then
/// the body, usually with page junk mixed in.
///
/// Date lines ("Published March 3, 2026", "Updated 10:32 a.m. ET, Tue March 4, 2026", ISO
/// dates), bylines ("By Maria Ortega"), outlet lines ("Source: The Harbor Ledger") and
/// copyright lines become metadata. Everything the ``CleaningRules`` recognize is removed and
/// counted. Blank lines separate paragraphs; a block of hard-wrapped lines is re-joined.
public struct PlainTextReader: ArticleReader {
  public var rules: CleaningRules
  /// Articles with fewer words of body text are skipped as ``SkipReason/tooShort(words:minimum:)``.
  public var minimumWords: Int

  public init(rules: CleaningRules = .standard, minimumWords: Int = 40) {
    self.rules = rules
    self.minimumWords = minimumWords
  }

  public func read(_ data: Data, from source: SourceRef) -> IngestOutcome {
    guard !data.isEmpty else { return .skipped(source, .empty) }
    guard let decoded = TextDecoding.decode(data) else { return .skipped(source, .invalidEncoding) }
    return read(text: decoded.text, from: source)
  }

  /// Name under which metadata lines (date, byline, outlet) are reported as removed.
  public static let metadataRuleName = "metadata"

  /// Reads already-decoded text.
  public func read(text: String, from source: SourceRef) -> IngestOutcome {
    let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
      .replacingOccurrences(of: "\r", with: "\n")
      .replacingOccurrences(of: "\u{00A0}", with: " ")
    // Lines with the number of the blank-line-separated block they sit in.
    var lines: [(block: Int, text: String)] = []
    var block = 0
    for raw in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = NewswireText.collapseWhitespace(String(raw))
      if line.isEmpty {
        block += 1
        continue
      }
      lines.append((block, line))
    }
    guard !lines.isEmpty else { return .skipped(source, .empty) }

    var metadata = ArticleMetadata()
    var report = CleaningReport()
    var copyrightOutlet: String?
    var candidates: [(block: Int, text: String)] = []
    for line in lines {
      if let outlet = Self.copyrightOutlet(line.text) {
        copyrightOutlet = copyrightOutlet ?? outlet
      }
      if Self.extractMetadata(line.text, into: &metadata) {
        report.linesIn += 1
        report.record(Self.metadataRuleName)
        continue
      }
      candidates.append(line)
    }
    // One pass over all the remaining lines, so "Related" lists and duplicates are seen with
    // their neighbours.
    let (kept, cleanReport) = rules.clean(paragraphs: candidates.map(\.text))
    report.linesIn += cleanReport.linesIn
    for (rule, count) in cleanReport.removedByRule { report.record(rule, count: count) }
    var keptLines: [(block: Int, text: String)] = []
    var cursor = 0
    for line in candidates where cursor < kept.count && line.text == kept[cursor] {
      keptLines.append(line)
      cursor += 1
    }
    // A masthead: the site's name above the headline, as scrapes of whole pages keep it.
    if keptLines.count >= 2,
      Self.isMasthead(
        keptLines[0].text, before: keptLines[1].text, outlet: metadata.outlet ?? copyrightOutlet)
    {
      metadata.outlet = metadata.outlet ?? keptLines[0].text
      keptLines.removeFirst()
      report.record(Self.metadataRuleName)
    }
    var title: String?
    if let first = keptLines.first, Self.isTitleLike(first.text) {
      title = first.text
      keptLines.removeFirst()
    }
    if let title {
      let key = CleaningRules.duplicateKey(title)
      let before = keptLines.count
      keptLines.removeAll { CleaningRules.duplicateKey($0.text) == key }
      if keptLines.count < before {
        report.record(CleaningRules.duplicateRuleName, count: before - keptLines.count)
      }
    }

    let paragraphs = Self.paragraphs(keptLines)
    let words = paragraphs.reduce(0) { $0 + NewswireText.wordCount($1) }
    guard !paragraphs.isEmpty else {
      return .skipped(source, .notAnArticle("nothing but page furniture after cleaning"))
    }
    guard words >= minimumWords else {
      return .skipped(source, .tooShort(words: words, minimum: minimumWords))
    }
    if metadata.outlet == nil { metadata.outlet = copyrightOutlet }
    // A page that shows only its update time was published by then; later stages need a date
    // to order sources, and the update time is the best the page offers.
    if metadata.published == nil { metadata.published = metadata.updated }
    metadata.place = metadata.place ?? NewswireReader.datelinePlace(paragraphs[0])
    let bodyText = paragraphs.joined(separator: "\n\n")
    let resolvedTitle = title ?? Self.leadTitle(paragraphs[0])
    metadata.title = resolvedTitle
    return .article(
      Article(
        id: NewswireText.contentHash(bodyText), source: source, format: .plainText,
        title: resolvedTitle, text: bodyText, metadata: metadata, cleaning: report))
  }

  // MARK: - Metadata lines

  private static let datePrefix = try! NSRegularExpression(
    pattern:
      #"^(published|updated|posted|last updated|first published|last modified|date)\b\s*(on|at)?\s*:?\s*(.*)$"#,
    options: [.caseInsensitive])
  private static let outletLine = try! NSRegularExpression(
    pattern:
      #"^(source|outlet|from|published by|originally published (by|in)|publication)\s*:\s*(.{2,60})$"#,
    options: [.caseInsensitive])
  /// `By The Associated Press`: an outlet in the byline's place.
  private static let outletByline = try! NSRegularExpression(
    pattern: #"^By:? (The(?: [A-Z][\w&.'-]*){1,5})\.?$"#)
  /// `By Staff`, `By Ledger Staff Reports`: a byline without a name.
  private static let staffByline = try! NSRegularExpression(
    pattern: #"^by:? ([a-z][\w.'-]* ){0,3}staff( reports?| writers?)?\.?$"#,
    options: [.caseInsensitive])
  private static let dateWords = try! NSRegularExpression(
    pattern:
      #"\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(day|nesday|urday|sday)?\b|\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\b\.?|\b[ap]\.?m\.?|\b(utc|gmt|[ecmp][sd]?t)\b|\b(at|on|updated|published|posted)\b|[0-9]+|[,.:/|–—-]|t(?=\d)"#,
    options: [.caseInsensitive])

  /// Records `line` into `metadata` and returns true when the line is a date, byline or outlet
  /// line rather than article text.
  static func extractMetadata(_ line: String, into metadata: inout ArticleMetadata) -> Bool {
    let words = NewswireText.wordCount(line)
    guard words <= 16 else { return false }
    if let g = NewswireText.captures(datePrefix, line), let rest = g[3],
      let date = PublicationDates.parse(rest)
    {
      let label = g[1]!.lowercased()
      if label.contains("updated") || label.contains("modified") {
        metadata.updated = metadata.updated ?? date
      } else {
        metadata.published = metadata.published ?? date
      }
      return true
    }
    if words <= 10, let date = PublicationDates.parse(line), isOnlyDate(line) {
      metadata.published = metadata.published ?? date
      return true
    }
    if let g = NewswireText.captures(outletByline, line), let name = g[1] {
      metadata.outlet = metadata.outlet ?? name
      return true
    }
    if NewswireText.matches(staffByline, line) { return true }
    if line.range(of: #"^by\s"#, options: [.regularExpression, .caseInsensitive]) != nil,
      let names = NewswireReader.byline(line)
    {
      for name in names where !metadata.authors.contains(name) { metadata.authors.append(name) }
      if metadata.outlet == nil, let outlet = bylineOutlet(line, names: names) {
        metadata.outlet = outlet
      }
      return true
    }
    if let g = NewswireText.captures(outletLine, line), let name = g[3] {
      metadata.outlet = metadata.outlet ?? name.trimmingCharacters(in: .whitespaces)
      return true
    }
    return false
  }

  /// True when nothing but date and time words remain once they are taken out.
  private static func isOnlyDate(_ line: String) -> Bool {
    let rest = dateWords.stringByReplacingMatches(
      in: line, range: NSRange(line.startIndex..., in: line), withTemplate: " ")
    return NewswireText.wordCount(rest) == 0
  }

  /// `By Maria Ortega, The Harbor Ledger` → `The Harbor Ledger` (roles such as "Staff Writer"
  /// are not outlets).
  private static func bylineOutlet(_ line: String, names: [String]) -> String? {
    guard let separator = line.firstIndex(where: { ",|—–".contains($0) }) else { return nil }
    let rest = line[line.index(after: separator)...].trimmingCharacters(
      in: .whitespaces.union(CharacterSet(charactersIn: ",|—–")))
    guard !rest.isEmpty, NewswireText.wordCount(rest) <= 6,
      rest.range(
        of: #"\b(writer|reporter|correspondent|editor|staff|contributor)\b"#,
        options: [.regularExpression, .caseInsensitive]) == nil
    else { return nil }
    return rest
  }

  private static let copyrightPattern = try! NSRegularExpression(
    pattern:
      #"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:(?:19|20)\d\d\s*)?(.+?)\.?(?:\s+all rights reserved\.?)?$"#,
    options: [.caseInsensitive])

  /// `© 2026 The Harbor Ledger. All rights reserved.` → `The Harbor Ledger`.
  static func copyrightOutlet(_ line: String) -> String? {
    guard NewswireText.wordCount(line) <= 12, let g = NewswireText.captures(copyrightPattern, line),
      let name = g[1]?.trimmingCharacters(in: .whitespaces), !name.isEmpty,
      name.lowercased() != "all rights reserved"
    else { return nil }
    return name
  }

  // MARK: - Title and paragraphs

  /// A title is short; a first line of 30+ words, or a full sentence of more than a dozen
  /// words ending in a full stop, is body text from a scrape that lost its title (headlines
  /// rarely end in a full stop; lead paragraphs nearly always do).
  static func isTitleLike(_ line: String) -> Bool {
    let words = NewswireText.wordCount(line)
    guard words >= 2 && words <= 30 else { return false }
    let endsSentence = line.hasSuffix(".") || line.hasSuffix(".\"") || line.hasSuffix(".”")
    return !(endsSentence && words > 12)
  }

  /// The outlet's name alone on a line above the headline: the name the byline or copyright
  /// line gives, or a short capitalized name followed by a longer headline.
  static func isMasthead(_ line: String, before next: String, outlet: String?) -> Bool {
    if let outlet, line.caseInsensitiveCompare(outlet) == .orderedSame { return true }
    let words = line.split(separator: " ")
    // The next line must read as the headline: longer, but short and without a full stop.
    let nextWords = NewswireText.wordCount(next)
    guard (1...4).contains(words.count), nextWords >= words.count + 3, nextWords <= 20,
      !next.hasSuffix(".")
    else { return false }
    return words.allSatisfy { $0.first?.isUppercase == true }
      && !line.contains(where: { ".!?:".contains($0) })
  }

  private static func leadTitle(_ paragraph: String) -> String {
    NewswireReader.leadTitle(paragraph)
  }

  /// Groups kept lines into paragraphs: a block whose lines are hard-wrapped (similar widths,
  /// none ending a paragraph early) is one paragraph; otherwise each line is one.
  static func paragraphs(_ lines: [(block: Int, text: String)]) -> [String] {
    var result: [String] = []
    var index = 0
    while index < lines.count {
      var end = index
      while end + 1 < lines.count && lines[end + 1].block == lines[index].block { end += 1 }
      let group = lines[index...end].map(\.text)
      if group.count > 1 && isHardWrapped(group) {
        result.append(group.joined(separator: " "))
      } else {
        result.append(contentsOf: group)
      }
      index = end + 1
    }
    return result
  }

  private static func isHardWrapped(_ group: [String]) -> Bool {
    let widths = group.dropLast().map(\.count)
    guard let widest = widths.max(), let narrowest = widths.min() else { return false }
    return widest <= 100 && narrowest >= 40 && widest - narrowest <= 30
  }
}
