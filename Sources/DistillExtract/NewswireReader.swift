import DistillModel
import Foundation

/// Reads DUC/TREC newswire SGML: one or more `<DOC>` elements, each with a `<DOCNO>`, a date
/// (`<DATE_TIME>` or `<DATE>`), an optional `<HEADLINE>`, `<BYLINE>`, `<DATELINE>` and a
/// `<TEXT>` body made of `<P>` blocks or of indented, hard-wrapped lines.
///
/// Wire transmission noise is removed and counted in the article's ``CleaningReport``:
/// typesetting codes (`&QL;`, `&UR;` …), editors' notes, "(STORY CAN END HERE …)" markers,
/// trailers such as `NYT-09-12-99 1234EDT`, operator initials and copyright lines. Some
/// syndicated NYT files carry the story before `<TEXT>` and only distribution notes inside it;
/// the reader takes the story from wherever it is.
///
/// ```swift
/// let outcomes = NewswireReader().readAll(data, from: SourceRef("APW19980812.1230"))
/// ```
public struct NewswireReader: ArticleReader {
  /// Articles with fewer words of body text are skipped as ``SkipReason/tooShort(words:minimum:)``.
  public var minimumWords: Int

  public init(minimumWords: Int = 20) {
    self.minimumWords = minimumWords
  }

  /// Reads the first `<DOC>` of `data`. Use ``readAll(_:from:)`` for files holding several.
  public func read(_ data: Data, from source: SourceRef) -> IngestOutcome {
    readAll(data, from: source).first ?? .skipped(source, .notAnArticle("no <DOC> element"))
  }

  /// Reads every `<DOC>` in `data`, in file order.
  public func readAll(_ data: Data, from source: SourceRef) -> [IngestOutcome] {
    guard !data.isEmpty else { return [.skipped(source, .empty)] }
    guard let decoded = TextDecoding.decode(data) else {
      return [.skipped(source, .invalidEncoding)]
    }
    return readAll(text: decoded.text, from: source)
  }

  /// Reads every `<DOC>` in already-decoded text.
  public func readAll(text: String, from source: SourceRef) -> [IngestOutcome] {
    let docs = Self.documents(in: text)
    guard !docs.isEmpty else { return [.skipped(source, .notAnArticle("no <DOC> element"))] }
    return docs.map { readDoc($0, from: source) }
  }

  /// The outlet behind a wire document ID prefix (`APW19980812.1230` → Associated Press).
  public static func outlet(forDocumentID id: String) -> String? {
    let letters = String(id.prefix(while: { $0.isLetter })).uppercased()
    // Longest prefix first: "APW" before "AP".
    for length in stride(from: min(letters.count, 4), through: 2, by: -1) {
      if let name = outlets[String(letters.prefix(length))] { return name }
    }
    return nil
  }

  static let outlets: [String: String] = [
    "APW": "Associated Press", "AP": "Associated Press", "NYT": "The New York Times",
    "XIE": "Xinhua News Agency", "XIN": "Xinhua News Agency", "AFP": "Agence France-Presse",
    "AFE": "Agence France-Presse", "LTW": "Los Angeles Times/Washington Post",
    "LAT": "Los Angeles Times", "LA": "Los Angeles Times", "WPB": "The Washington Post",
    "WSJ": "The Wall Street Journal", "FT": "Financial Times", "SJMN": "San Jose Mercury News",
    "FBIS": "Foreign Broadcast Information Service", "CNA": "Central News Agency",
    "UMD": "Ummah Press", "ZBN": "Zaobao", "CNN": "CNN",
  ]

  // MARK: - One document

  private func readDoc(_ doc: String, from source: SourceRef) -> IngestOutcome {
    let docno = field("DOCNO", in: doc).map(NewswireText.collapseWhitespace)
    let id = (docno?.isEmpty == false ? docno : nil)
    let published =
      (field("DATE_TIME", in: doc) ?? field("DATE", in: doc)).flatMap(PublicationDates.parse)
      ?? id.flatMap(Self.dateFromDocumentID)
    let headline = (field("HEADLINE", in: doc) ?? field("HL", in: doc) ?? field("TITLE", in: doc))
      .map { NewswireText.headlineCase(NewswireText.collapseWhitespace(cleanInline($0))) }
      .map(Self.withoutOperatorInitials)
      .flatMap { $0.isEmpty ? nil : $0 }

    var report = CleaningReport()
    var authors: [String] = []
    if let byline = field("BYLINE", in: doc), let names = Self.byline(cleanInline(byline)) {
      authors = names
    }
    var place = field("DATELINE", in: doc).map { NewswireText.collapseWhitespace(cleanInline($0)) }
      .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " ,_-—")) }

    // Body: inside <TEXT> (or <LP>/<BODY> in other TREC sources).
    let bodyRaw = field("TEXT", in: doc) ?? field("LP", in: doc) ?? ""
    var body = paragraphs(of: bodyRaw, report: &report, authors: &authors)

    // Material between the headline and <TEXT>: bylines, editors' notes, and in some
    // syndicated files the story itself.
    let preText = preTextRegion(of: doc)
    var preReport = CleaningReport()
    let pre = paragraphs(of: preText, report: &preReport, authors: &authors)
    let bodyWords = body.reduce(0) { $0 + NewswireText.wordCount($1) }
    let preWords = pre.reduce(0) { $0 + NewswireText.wordCount($1) }
    var titleCandidates = pre
    if bodyWords < minimumWords && preWords > bodyWords {
      body = pre
      report = preReport
      titleCandidates = []
    } else {
      report.linesIn += preReport.linesIn
      for (rule, count) in preReport.removedByRule { report.record(rule, count: count) }
    }

    guard !body.isEmpty else {
      return .skipped(source, .notAnArticle("the <TEXT> element holds no paragraphs"))
    }
    let words = body.reduce(0) { $0 + NewswireText.wordCount($1) }
    guard words >= minimumWords else {
      return .skipped(source, .tooShort(words: words, minimum: minimumWords))
    }
    if place == nil || place?.isEmpty == true { place = Self.datelinePlace(body[0]) }
    let title =
      headline ?? titleCandidates.first(where: Self.isTitleLike).map(NewswireText.headlineCase)
      ?? Self.leadTitle(body[0])
    let text = body.joined(separator: "\n\n")
    let metadata = ArticleMetadata(
      title: title, published: published, outlet: id.flatMap(Self.outlet(forDocumentID:)),
      authors: authors, language: "en", documentID: id, place: place)
    return .article(
      Article(
        id: id ?? NewswireText.contentHash(text), source: source, format: .newswireSGML,
        title: title, text: text, metadata: metadata, cleaning: report))
  }

  private func field(_ tag: String, in doc: String) -> String? {
    let regex = Self.fieldPatterns[tag] ?? Self.fieldPattern(tag)
    return NewswireText.captures(regex, doc)?[1] ?? nil
  }

  private static let fieldTags = [
    "DOCNO", "DATE_TIME", "DATE", "HEADLINE", "HL", "TITLE", "BYLINE", "DATELINE", "TEXT", "LP",
  ]
  private static let fieldPatterns: [String: NSRegularExpression] = Dictionary(
    uniqueKeysWithValues: fieldTags.map { ($0, fieldPattern($0)) })

  private static func fieldPattern(_ tag: String) -> NSRegularExpression {
    try! NSRegularExpression(
      pattern: "<\(tag)(?:\\s[^>]*)?>(.*?)</\(tag)>",
      options: [.caseInsensitive, .dotMatchesLineSeparators])
  }

  /// The contents of each `<DOC>` element; an unclosed one runs to the next `<DOC>` or the end.
  static func documents(in text: String) -> [String] {
    var docs: [String] = []
    var searchFrom = text.startIndex
    while let open = nextDocTag(in: text, from: searchFrom) {
      let bodyStart = open.upperBound
      let nextOpen = nextDocTag(in: text, from: bodyStart)
      let limit = nextOpen?.lowerBound ?? text.endIndex
      if let close = text.range(
        of: "</DOC>", options: .caseInsensitive, range: bodyStart..<limit)
      {
        docs.append(String(text[bodyStart..<close.lowerBound]))
      } else {
        docs.append(String(text[bodyStart..<limit]))
      }
      searchFrom = limit
    }
    return docs
  }

  /// The next `<DOC>` or `<DOC attr…>` start tag (not `<DOCNO>` or `<DOCTYPE>`).
  private static func nextDocTag(in text: String, from start: String.Index) -> Range<String.Index>?
  {
    var from = start
    while let hit = text.range(of: "<DOC", options: .caseInsensitive, range: from..<text.endIndex) {
      guard let after = text[hit.upperBound...].first else { return nil }
      if after == ">" || after == " " || after == "\t" || after == "\n" {
        guard let close = text[hit.upperBound...].firstIndex(of: ">") else { return nil }
        return hit.lowerBound..<text.index(after: close)
      }
      from = hit.upperBound
    }
    return nil
  }
  private static let tagPattern = try! NSRegularExpression(
    pattern: #"</?[A-Za-z_][A-Za-z0-9_]*(?:\s[^>]*)?>"#)
  private static let droppedElements = try! NSRegularExpression(
    pattern:
      #"<(ANNOTATION|HEADER|SLUG|HEADLINE|HL|TITLE|DOCNO|DOCTYPE|DATE_TIME|DATE|CATEGORY|BYLINE|DATELINE|TRAILER|KEYWORD|SUBJECT)(?:\s[^>]*)?>.*?</\1>"#,
    options: [.caseInsensitive, .dotMatchesLineSeparators])
  /// `(a)` closes every header line of some NYT feeds.
  private static let lineEndMarker = try! NSRegularExpression(
    pattern: #"\(a\)[ \t]*$"#, options: [.anchorsMatchLines])
  private static let markup = try! NSRegularExpression(
    pattern: #"\((begin|end)(italic|bold|underline|sup|sub)\)"#, options: [.caseInsensitive])

  /// The text between the document header and `<TEXT>`, minus the header elements.
  private func preTextRegion(of doc: String) -> String {
    guard let textStart = doc.range(of: "<TEXT", options: .caseInsensitive) else { return "" }
    let head = String(doc[..<textStart.lowerBound])
    let stripped = Self.droppedElements.stringByReplacingMatches(
      in: head, range: NSRange(head.startIndex..., in: head), withTemplate: "\n\n")
    return Self.tagPattern.stringByReplacingMatches(
      in: stripped, range: NSRange(stripped.startIndex..., in: stripped), withTemplate: "\n\n")
  }

  /// Entities decoded, TeX-style quotes made plain, inline markup removed. Keeps line breaks.
  private func cleanInline(_ s: String) -> String {
    var t = NewswireText.decodeEntities(s)
    t = t.replacingOccurrences(of: "``", with: "\"").replacingOccurrences(of: "''", with: "\"")
    t = Self.markup.stringByReplacingMatches(
      in: t, range: NSRange(t.startIndex..., in: t), withTemplate: "")
    t = Self.lineEndMarker.stringByReplacingMatches(
      in: t, range: NSRange(t.startIndex..., in: t), withTemplate: "")
    return t
  }

  /// Splits raw SGML text into paragraphs: `<P>` blocks, blank lines, and lines that start
  /// indented (or with the `&HT;` tab code) each begin a paragraph; other line breaks are
  /// hard wraps and become spaces. Noise paragraphs are dropped and counted.
  private func paragraphs(
    of raw: String, report: inout CleaningReport, authors: inout [String]
  ) -> [String] {
    var s = Self.droppedElements.stringByReplacingMatches(
      in: raw, range: NSRange(raw.startIndex..., in: raw), withTemplate: "\n\n")
    s = Self.tagPattern.stringByReplacingMatches(
      in: s, range: NSRange(s.startIndex..., in: s), withTemplate: "\n\n")
    var blocks: [[String]] = []
    var current: [String] = []
    for rawLine in s.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = String(rawLine)
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty || trimmed == "&HT;" {
        if !current.isEmpty { blocks.append(current) }
        current = []
        continue
      }
      let indented = line.first.map { $0 == " " || $0 == "\t" } ?? false
      if indented && !current.isEmpty {
        blocks.append(current)
        current = []
      }
      current.append(trimmed)
    }
    if !current.isEmpty { blocks.append(current) }

    var kept: [String] = []
    for block in blocks {
      let joined = block.joined(separator: " ")
      report.linesIn += 1
      if let rule = noiseRule(joined, authors: &authors) {
        report.record(rule)
        continue
      }
      let text = NewswireText.collapseWhitespace(cleanInline(joined))
      guard !text.isEmpty else { continue }
      kept.append(text)
    }
    return kept
  }

  /// The name of the noise rule `paragraph` (raw, codes still in) falls under, or nil when it
  /// is article text. Bylines are recorded into `authors` as they are removed.
  private func noiseRule(_ paragraph: String, authors: inout [String]) -> String? {
    let raw = paragraph.trimmingCharacters(in: .whitespaces)
    // `&UR; … &LR;` marks a highlighted run; a paragraph that is nothing but such a run is an
    // editors' note, while one with text after `&LR;` is story text with a bold lead-in.
    if raw.hasPrefix("&UR;") {
      if let names = Self.byline(NewswireText.collapseWhitespace(cleanInline(raw))) {
        for name in names where !authors.contains(name) { authors.append(name) }
        return "byline"
      }
      let afterRail = raw.range(of: "&LR;").map { String(raw[$0.upperBound...]) } ?? ""
      if NewswireText.wordCount(NewswireText.collapseWhitespace(cleanInline(afterRail))) < 3 {
        return "editors-note"
      }
    }
    let text = NewswireText.collapseWhitespace(cleanInline(raw))
    if text.isEmpty { return "layout-code" }
    for (name, regex) in Self.noisePatterns where NewswireText.matches(regex, text) {
      return name
    }
    if let names = Self.byline(text) {
      for name in names where !authors.contains(name) { authors.append(name) }
      return "byline"
    }
    if text.hasPrefix("("), let close = text.lastIndex(of: ")"),
      text.distance(from: close, to: text.endIndex) <= 14,
      NewswireText.wordCount(text) <= 80, NewswireText.matches(Self.editorialWords, text)
    {
      return "editors-note"
    }
    return nil
  }

  private static let editorialWords = try! NSRegularExpression(
    pattern:
      #"\b(distributed by|editors?|publish|purchase|for use by|clients|subscribe|news service|please note|transmitted|syndicate|excerpted|separate buy|no charge|attn|optional|moved|photos?|graphics?|e-?mail|reached at|can be reached|www|http|web ?site|staff (member|writer)|covers|writes|columnist|correspondent|is (a|an) [a-z-]+ (writer|editor|reporter|professor|member)|is (ceo|president|director|editor)|writer|contributed to|was used to prepare|comments may be sent|newspaper group)\b"#,
    options: [.caseInsensitive])

  private static let noisePatterns: [(String, NSRegularExpression)] = [
    (
      "trim-marker",
      #"^\(?\s*(story can end here|(begin|end) optional( trim| material)?|optional (material|trim|add)|end (of )?optional)\b"#
    ),
    (
      "end-marker",
      #"^(-+0-+|more|endit|nnnn|(x+ )?end of story|end adv.*|adv\d*|\(?end\)?|the end)\.?$"#
    ),
    ("rule-line", #"^[-_=*~.\s]{3,}$"#),
    ("trailer", #"^[A-Z]{2,4}-\d\d-\d\d-\d\d \d{3,4}\s?[A-Z]{3}$"#),
    ("operator-initials", #"^\(?[a-z]{1,4}(-[a-z]{1,4})?(/[a-z]{1,4})?\)?$"#),
    ("slug", #"^BC-[A-Z0-9-]+"#),
    ("copyright", #"^(c\.|\(c\)|copyright|©)\s?(19|20)\d\d\b.{0,80}$"#),
    (
      "editors-note",
      #"^(eds?|editors?|editor'?s note|editors'? note|nonsubscribers|attention editors|attn|note to editors)\s*:"#
    ),
    ("editors-note", #"^(\(?for use by\b|\(?distributed by\b)"#),
    (
      "credit-line",
      #"^(associated press|ap|ap [a-z]+ writer|associated press writer|[a-z ]{0,30}news service|[a-z. ]{0,40}special features|new york times syndicate)\)?\.?$"#
    ),
    ("undated", #"^undated\b.{0,60}$"#),
    ("copyright", #"^.{0,120}\bcopyright (19|20)\d\d by\b"#),
    ("editors-note", #"^\(--"#),
    ("editors-note", #"^(story filed by|filed by)\b.{0,60}$"#),
    ("editors-note", #"^[a-z ]{0,30}news ?brief by\b"#),
    ("editors-note", #"^brk:"#),
    ("web-links", #"^(on the (net|web|internet)|online|web sites?|internet)\s*:?$"#),
    ("web-links", #"^[^.]{0,80}:\s*(https?://|www\.)\S+\s*\.?$"#),
    ("web-links", #"^(https?://|www\.)\S+\s*\.?$"#),
    ("symbols", #"^[^A-Za-z0-9]*$"#),
    ("symbols", #"^(x ?){3,}$"#),
  ].map { ($0.0, try! NSRegularExpression(pattern: $0.1, options: [.caseInsensitive])) }

  private static let bylinePattern = try! NSRegularExpression(
    pattern:
      #"^By:? ([A-Z][A-Z.'\- ]+[A-Z.]|[A-Z][a-z]+(?: [A-Z]\.)?(?: (?:de |van |von )?[A-Z][A-Za-z'\-]+){1,2})(?: and ([A-Z][A-Z.'\- ]+[A-Z.]|[A-Z][a-z]+(?: [A-Z]\.)?(?: [A-Z][A-Za-z'\-]+){1,2}))?(?=$|\s{2,}|,|\s+c\.|\s+\(|\s*\||\s+(?:Associated Press|AP|Xinhua|The\b)|\s+[A-Z][a-z]+ (?:Writer|Correspondent|Staff))"#
  )

  /// Author names from a byline line (`By PAM BELLUCK   c.1999 N.Y. Times News Service`), or
  /// nil when the line is not a byline ("By October, some parents…").
  static func byline(_ line: String) -> [String]? {
    let text = line.trimmingCharacters(in: .whitespaces)
    guard NewswireText.wordCount(text) <= 16 else { return nil }
    guard let groups = NewswireText.captures(bylinePattern, text) else { return nil }
    // Capitals swallow " AND ": `By ANA RUIZ AND TOM HALE` is two names.
    let names = groups.dropFirst().compactMap { $0 }
      .flatMap { $0.components(separatedBy: " AND ") }
      .map { NewswireText.nameCase($0.trimmingCharacters(in: .whitespaces)) }
      .filter { !$0.isEmpty }
    let months: Set<String> = [
      "January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December", "Then", "Now", "Monday", "Tuesday", "Wednesday",
      "Thursday", "Friday", "Saturday", "Sunday", "The", "A", "An",
    ]
    guard let first = names.first, !months.contains(String(first.split(separator: " ")[0])) else {
      return nil
    }
    return names
  }

  private static let datelinePattern = try! NSRegularExpression(
    pattern:
      #"^([A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+)*(?: \([A-Z][A-Za-z ]+\)(?=,))?(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)*)?)(?:,? [A-Z][a-z]+\.? \d{1,2})?(?: \([A-Za-z ]+\))?(?: ?(?:_|--|—|–) ?| - )(?=\S)"#
  )

  /// `KANSAS CITY, Mo. _ When…` → `KANSAS CITY, Mo.`; `KAMPALA, August 12 (Xinhua) --` →
  /// `KAMPALA`.
  static func datelinePlace(_ paragraph: String) -> String? {
    guard let groups = NewswireText.captures(datelinePattern, paragraph), let place = groups[1],
      place != "UNDATED"
    else {
      return nil
    }
    if let comma = place.range(of: ", "),
      PublicationDates.month(String(place[comma.upperBound...].prefix(while: \.isLetter))) != nil
    {
      return String(place[..<comma.lowerBound])
    }
    return place
  }

  /// A headline-shaped line: capitalized, short, one phrase (hard-wrapped notes split into
  /// fragments that start in lowercase or run two sentences together).
  private static func isTitleLike(_ paragraph: String) -> Bool {
    let words = NewswireText.wordCount(paragraph)
    guard let first = paragraph.first, first.isUppercase || first.isNumber else { return false }
    return words >= 2 && words <= 20 && !paragraph.contains(". ") && !paragraph.hasSuffix(",")
  }

  /// A title for a document without a headline: the lead sentence after the dateline, cut to
  /// a dozen words.
  static func leadTitle(_ paragraph: String) -> String {
    var lead = paragraph
    if let match = datelinePattern.firstMatch(
      in: paragraph, range: NSRange(paragraph.startIndex..., in: paragraph)),
      let range = Range(match.range, in: paragraph)
    {
      lead = String(paragraph[range.upperBound...])
    }
    let words = lead.split(separator: " ")
    // A full stop after at least five words ends the sentence; earlier ones are abbreviations.
    let end = words.indices.first { $0 >= 4 && words[$0].hasSuffix(".") } ?? words.count - 1
    let cut = min(end + 1, 12)
    var title = words.prefix(cut).joined(separator: " ")
    if cut < words.count && !title.hasSuffix(".") {
      title = title.trimmingCharacters(in: CharacterSet(charactersIn: ",;:—-_ ")) + " …"
    }
    return title
  }

  private static let trailingInitials = try! NSRegularExpression(pattern: #"\s*\([a-z]{1,3}\)$"#)

  /// `Editorial: Social Combustion in China (dw)` → without the desk operator's initials.
  static func withoutOperatorInitials(_ headline: String) -> String {
    trailingInitials.stringByReplacingMatches(
      in: headline, range: NSRange(headline.startIndex..., in: headline), withTemplate: "")
  }

  /// `APW19980812.1230` → 1998-08-12.
  static func dateFromDocumentID(_ id: String) -> Date? {
    let digits = id.drop(while: \.isLetter).prefix(8)
    guard digits.count == 8, digits.allSatisfy(\.isNumber) else { return nil }
    return PublicationDates.parse(String(digits))
  }
}
