import Foundation

/// Chooses a headline among the sources' own titles and the lede, by how central each is to
/// the story. Titles are cleaned of site names and labels ("BREAKING:", "| The Ledger") but no
/// word is ever added.
enum HeadlineWriter {
  static let labels = [
    "breaking news:", "breaking:", "update:", "updated:", "live:", "exclusive:", "watch:",
    "video:", "photos:", "opinion:", "analysis:", "just in:", "urgent:",
  ]

  /// A title without a leading label or a trailing site name, whitespace collapsed.
  static func cleanTitle(_ raw: String, outlet: String?) -> String {
    var t = raw.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    var changed = true
    while changed {
      changed = false
      for label in labels where t.lowercased().hasPrefix(label) {
        t = String(t.dropFirst(label.count)).trimmingCharacters(in: .whitespaces)
        changed = true
      }
      // "UPDATE 2-Floods…" (wire service revision tags)
      if let r = t.range(of: #"^UPDATE \d+-"#, options: .regularExpression) {
        t.removeSubrange(r)
        changed = true
      }
    }
    for separator in [" | ", " - ", " \u{2014} ", " \u{2013} ", " :: "] {
      guard let r = t.range(of: separator, options: .backwards) else { continue }
      let tail = String(t[r.upperBound...])
      let tailWords = tail.split(separator: " ").count
      let isOutlet =
        outlet.map {
          tail.lowercased().contains($0.lowercased()) || $0.lowercased().contains(tail.lowercased())
        } ?? false
      if isOutlet
        || tailWords <= 3 && tail.first?.isUppercase == true && t[..<r.lowerBound].count > 20
      {
        t = String(t[..<r.lowerBound])
      }
    }
    return t.trimmingCharacters(in: .whitespaces)
  }

  static func isShouting(_ t: String) -> Bool {
    let letters = t.unicodeScalars.filter { $0.properties.isAlphabetic }
    guard letters.count > 3 else { return false }
    return Double(letters.filter { $0.properties.isUppercase }.count) / Double(letters.count) > 0.7
  }

  static func headline(story: StoryContext, lede: String?, maxLength: Int) -> String {
    var candidates: [(text: String, bonus: Double)] = []
    for doc in story.documents {
      let t = cleanTitle(doc.article.title, outlet: doc.article.metadata.outlet)
      let words = t.split(separator: " ").count
      guard words >= 3, t.count <= maxLength else { continue }
      var bonus = 0.15
      if isShouting(t) { bonus -= 0.4 }
      if t.hasSuffix("?") { bonus -= 0.2 }
      candidates.append((t, bonus))
    }
    if let lede {
      var t = lede.trimmingCharacters(in: .whitespaces)
      if t.hasSuffix(".") { t.removeLast() }
      if t.count <= maxLength {
        candidates.append((t, 0))
      } else if let clause = leadingClause(t, maxLength: maxLength) {
        candidates.append((clause, -0.05))
      }
    }
    if let best = candidates.max(by: { a, b in
      story.centrality(a.text) + a.bonus < story.centrality(b.text) + b.bonus
    }) {
      return best.text
    }
    // Nothing short enough: the lede or a title cut at a word boundary.
    let fallback = lede ?? story.documents.first?.article.title ?? "Untitled story"
    return truncate(fallback, maxLength: maxLength)
  }

  /// The lede up to a clause boundary (a comma or dash) when that leaves at least six words
  /// within the length limit.
  static func leadingClause(_ text: String, maxLength: Int) -> String? {
    var best: String?
    for separator in [", ", " -- ", " \u{2014} ", "; "] {
      var search = text.startIndex..<text.endIndex
      while let r = text.range(of: separator, range: search) {
        let head = String(text[..<r.lowerBound])
        if head.count > maxLength { break }
        if head.split(separator: " ").count >= 6, head.count > (best?.count ?? 0) { best = head }
        search = r.upperBound..<text.endIndex
      }
    }
    return best
  }

  static func truncate(_ text: String, maxLength: Int) -> String {
    guard text.count > maxLength else { return text }
    var out = ""
    for word in text.split(separator: " ") {
      if out.count + word.count + 2 > maxLength { break }
      out += out.isEmpty ? String(word) : " " + word
    }
    return out + "\u{2026}"
  }
}
