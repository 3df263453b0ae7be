import DistillModel
import DistillText
import Foundation

/// What a page's `<head>`, JSON-LD and markup say about its article.
struct HTMLPageFacts: Sendable {
  var metadata = ArticleMetadata()
  /// JSON-LD `articleBody` of the page's article object, when there is one.
  var jsonLDBody: String?
  /// Whether JSON-LD declares a news/blog article type.
  var jsonLDIsArticle = false
  /// The raw `<title>` text.
  var documentTitle: String?
}

/// Reads metadata from a parsed page: OpenGraph and other `<meta>` tags, JSON-LD, `<title>`,
/// `<time>`, `<link rel=canonical>` and `<html lang>`.
enum HTMLMetadataReader {
  static let articleTypes: Set<String> = [
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "blogposting",
    "socialmediaposting", "liveblogposting", "scholarlyarticle", "techarticle", "report",
  ]

  static func read(_ doc: HTMLDocument, url: String?) -> HTMLPageFacts {
    var facts = HTMLPageFacts()
    var meta: [String: String] = [:]
    var canonical: String?
    var h1: String?
    var timeDatetime: String?
    var htmlLang: String?
    var relAuthors: [String] = []
    var jsonObjects: [[String: Any]] = []

    let nodes = doc.nodes
    for i in nodes.indices where nodes[i].kind == .element {
      let node = nodes[i]
      switch node.name {
      case "html":
        if htmlLang == nil { htmlLang = node.attribute("lang") ?? node.attribute("xml:lang") }
      case "meta":
        guard let content = node.attribute("content") else { break }
        let value = HTMLText.collapseWhitespace(content)
        if value.isEmpty { break }
        // One tag may carry several names (property="article:published" itemprop="datePublished").
        var keys: [Substring] = []
        for attribute in ["property", "name", "itemprop", "http-equiv"] {
          if let names = node.attribute(attribute)?.lowercased() {
            keys.append(contentsOf: names.split(separator: " "))
          }
        }
        for key in keys where meta[String(key)] == nil { meta[String(key)] = value }
      case "link":
        let rel = node.attribute("rel")?.lowercased() ?? ""
        if rel.split(separator: " ").contains("canonical"), canonical == nil {
          canonical = node.attribute("href")
        }
      case "title":
        if facts.documentTitle == nil {
          let text = doc.text(of: i)
          if !text.isEmpty { facts.documentTitle = text }
        }
      case "h1":
        if h1 == nil {
          let text = doc.text(of: i)
          if !text.isEmpty { h1 = text }
        }
      case "time":
        if timeDatetime == nil, let value = node.attribute("datetime") { timeDatetime = value }
      case "a":
        if node.attribute("rel")?.lowercased() == "author" {
          let name = doc.text(of: i)
          if !name.isEmpty, name.count < 80 { relAuthors.append(name) }
        }
      case "script":
        if node.attribute("type")?.lowercased().contains("ld+json") == true {
          let text = (i + 1..<node.subtreeEnd).map { nodes[$0].text }.joined()
          collectJSONLD(text, into: &jsonObjects)
        }
      default:
        break
      }
    }

    // The JSON-LD object that describes the article: prefer an article type with a body.
    let articleObject =
      jsonObjects.first { isArticle($0) && $0["articleBody"] != nil }
      ?? jsonObjects.first { isArticle($0) }
    facts.jsonLDIsArticle = articleObject != nil
    let ld = articleObject ?? [:]
    if let body = string(ld["articleBody"]), !body.isEmpty { facts.jsonLDBody = body }

    var m = ArticleMetadata()
    // Title.
    // Sites often append their name to og:title too ("Headline | Site").
    m.title =
      (meta["og:title"] ?? string(ld["headline"]).map(HTMLText.collapseWhitespace)
      ?? meta["twitter:title"] ?? facts.documentTitle).map(stripSiteSuffix) ?? h1
    // Dates.
    let publishedCandidates = [
      string(ld["datePublished"]), meta["article:published_time"], meta["article:published"],
      meta["og:published_time"], meta["sn-post-date"], meta["pdate"], meta["dc.date.created"],
      meta["datepublished"], meta["pubdate"], meta["publishdate"], meta["publish-date"],
      meta["date"], meta["dc.date.issued"], meta["dc.date"], meta["dcterms.created"],
      meta["sailthru.date"], meta["parsely-pub-date"], meta["article.published"],
      string(ld["dateCreated"]), timeDatetime,
    ]
    m.published = publishedCandidates.lazy.compactMap { $0.flatMap(DateField.parse) }.first
    let updatedCandidates = [
      string(ld["dateModified"]), meta["article:modified_time"], meta["article:modified"],
      meta["og:updated_time"],
      meta["datemodified"], meta["dcterms.modified"], meta["last-modified"],
    ]
    m.updated = updatedCandidates.lazy.compactMap { $0.flatMap(DateField.parse) }.first
    // Authors.
    var authors = names(ld["author"])
    if authors.isEmpty {
      for key in [
        "author", "article:author", "dc.creator", "sailthru.author", "parsely-author", "byl",
      ] {
        if let value = meta[key], !value.lowercased().hasPrefix("http") {
          authors = splitAuthors(value)
          break
        }
      }
    }
    if authors.isEmpty { authors = relAuthors }
    var seen = Set<String>()
    m.authors = authors.filter { seen.insert($0.lowercased()).inserted }
    // Outlet.
    m.outlet =
      meta["og:site_name"] ?? names((ld["publisher"])).first ?? meta["application-name"]
      ?? meta["twitter:site"].map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 }
    // URL, language, image.
    let rawURL =
      canonical ?? meta["og:url"] ?? string(ld["url"]) ?? string(ld["mainEntityOfPage"]) ?? url
    m.url = rawURL.map { resolve($0, against: url) }
    let lang =
      htmlLang ?? string(ld["inLanguage"]) ?? meta["og:locale"] ?? meta["content-language"]
      ?? meta["language"]
    m.language = lang.flatMap(normalizeLanguage)
    let image =
      meta["og:image"] ?? meta["og:image:url"] ?? meta["twitter:image"] ?? imageURL(ld["image"])
    m.imageURL = image.map { resolve($0, against: url) }
    facts.metadata = m
    return facts
  }

  // MARK: - JSON-LD

  static func collectJSONLD(_ text: String, into objects: inout [[String: Any]]) {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty, trimmed.utf8.count < 4 << 20,
      let data = trimmed.data(using: .utf8),
      let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    else { return }
    // Breadth-first over arrays, @graph and mainEntity: no recursion.
    var queue: [Any] = [json]
    var head = 0
    while head < queue.count, head < 10_000 {
      let item = queue[head]
      head += 1
      if let array = item as? [Any] {
        queue.append(contentsOf: array)
      } else if let object = item as? [String: Any] {
        objects.append(object)
        if let graph = object["@graph"] { queue.append(graph) }
        if let main = object["mainEntity"] as? [String: Any] { queue.append(main) }
      }
    }
  }

  static func isArticle(_ object: [String: Any]) -> Bool {
    let types: [String]
    if let type = object["@type"] as? String {
      types = [type]
    } else if let list = object["@type"] as? [String] {
      types = list
    } else {
      return false
    }
    return types.contains { articleTypes.contains($0.lowercased()) }
  }

  static func string(_ value: Any?) -> String? {
    if let text = value as? String { return text.isEmpty ? nil : text }
    if let object = value as? [String: Any] {
      return string(object["@id"]) ?? string(object["url"]) ?? string(object["@value"])
    }
    if let list = value as? [Any], let first = list.first { return string(first) }
    return nil
  }

  /// Names from a JSON-LD person/organization value (string, object or array).
  static func names(_ value: Any?) -> [String] {
    var result: [String] = []
    let items: [Any] = (value as? [Any]) ?? (value.map { [$0] } ?? [])
    for item in items {
      if let name = item as? String {
        result.append(contentsOf: splitAuthors(name))
      } else if let object = item as? [String: Any], let name = object["name"] {
        if let text = name as? String {
          let clean = HTMLText.collapseWhitespace(text)
          if !clean.isEmpty { result.append(clean) }
        } else {
          result.append(contentsOf: names(name))
        }
      }
    }
    return result
  }

  static func imageURL(_ value: Any?) -> String? {
    if let text = value as? String { return text }
    if let object = value as? [String: Any] {
      return string(object["url"]) ?? string(object["@id"])
    }
    if let list = value as? [Any], let first = list.first { return imageURL(first) }
    return nil
  }

  // MARK: - Strings

  /// "By Ann Lee and Bo Chan" → ["Ann Lee", "Bo Chan"].
  static func splitAuthors(_ raw: String) -> [String] {
    var text = HTMLText.collapseWhitespace(raw)
    if text.lowercased().hasPrefix("by ") { text = String(text.dropFirst(3)) }
    // "Ann Lee | Staff Writer": the name comes first.
    if let bar = text.range(of: " | ") { text = String(text[..<bar.lowerBound]) }
    let parts = text.replacingOccurrences(of: " and ", with: ",")
      .replacingOccurrences(of: " & ", with: ",").split(separator: ",")
    return parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter {
      !$0.isEmpty && $0.count < 80 && !$0.lowercased().hasPrefix("http")
    }
  }

  /// "Storm hits coast | The Harbor Ledger" → "Storm hits coast".
  static func stripSiteSuffix(_ title: String) -> String {
    var current = title
    // "Headline - Section - Site": peel suffixes one at a time (a loop, not recursion: a
    // hostile title may hold thousands of separators). At most 3, as real titles do.
    for _ in 0..<3 {
      var peeled = false
      for separator in [" | ", " - ", " — ", " – ", " :: ", " « ", " » "] {
        if let range = current.range(of: separator, options: .backwards) {
          let head = String(current[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
          let tail = current[range.upperBound...]
          // Only a short tail is a site name; a long one is part of the headline.
          if head.split(separator: " ").count >= 2, tail.split(separator: " ").count <= 5 {
            current = head
            peeled = true
            break
          }
        }
      }
      if !peeled { break }
    }
    return current
  }

  static func normalizeLanguage(_ raw: String) -> String? {
    let text = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "-")
    guard let first = text.split(separator: ",").first else { return nil }
    let parts = first.split(separator: "-")
    guard let primary = parts.first, (2...3).contains(primary.count),
      primary.allSatisfy({ $0.isLetter })
    else { return nil }
    var tag = primary.lowercased()
    if parts.count > 1, parts[1].count == 2 { tag += "-" + parts[1].uppercased() }
    return tag
  }

  static func resolve(_ link: String, against base: String?) -> String {
    let trimmed = link.trimmingCharacters(in: .whitespaces)
    if let base, let baseURL = URL(string: base),
      let url = URL(string: trimmed, relativeTo: baseURL)
    {
      return url.absoluteString
    }
    return trimmed
  }
}
