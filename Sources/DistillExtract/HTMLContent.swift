import DistillModel
import Foundation

/// Finds and serializes the main content block of a parsed page.
///
/// The steps, each a linear pass over the flat node array (no recursion):
/// 1. drop page furniture: non-content tags, hidden elements, landmark roles, and elements whose
///    class/id names them as comments, share bars, related links, captions, bylines…
/// 2. measure every element: text length, link text length, commas, paragraph/image/list counts;
/// 3. score paragraphs into their ancestors (readability's scheme), discount link-heavy blocks,
///    pick the best block and those of its siblings that look like part of the same article;
/// 4. inside the chosen blocks, drop link lists, image strips and forms;
/// 5. write paragraphs (block elements, list items and subheadings each become one), then drop
///    boilerplate lines ("Advertisement", "Skip to main content", newsletter blurbs…).
struct HTMLContentFinder {
  let doc: HTMLDocument
  let nodes: [HTMLDocument.Node]
  let title: String?
  var alive: [Bool]
  /// Collapsed text length, link-text length and commas under each node.
  var textLength: [Int32]
  var linkLength: [Int32]
  var commas: [Int32]
  /// Text inside `<p>` elements under each node (before removal), to protect the article body.
  var paragraphText: [Int32]
  /// Text inside `<blockquote>` under each node: embedded posts and quotes are content.
  var quoteText: [Int32]
  var counts: [ElementCounts]
  var score: [Double]
  var scored: [Bool]
  var weight: [Int16]
  /// Lowercased class and id of each element, computed once.
  let nameCache: [String]
  /// Whether an element has a live block-level descendant (so it is not a paragraph).
  var hasBlockDescendant: [Bool]
  var body = 0

  struct ElementCounts {
    var paragraphs: Int32 = 0
    var images: Int32 = 0
    var listItems: Int32 = 0
    var inputs: Int32 = 0
    var embeds: Int32 = 0
    var headingText: Int32 = 0
  }

  init(document: HTMLDocument, title: String?) {
    doc = document
    nodes = document.nodes
    self.title = title
    let n = nodes.count
    alive = Array(repeating: true, count: n)
    textLength = Array(repeating: 0, count: n)
    linkLength = Array(repeating: 0, count: n)
    commas = Array(repeating: 0, count: n)
    paragraphText = Array(repeating: 0, count: n)
    quoteText = Array(repeating: 0, count: n)
    counts = Array(repeating: ElementCounts(), count: n)
    score = Array(repeating: 0, count: n)
    scored = Array(repeating: false, count: n)
    weight = Array(repeating: 0, count: n)
    nameCache = document.nodes.map {
      $0.attributes.isEmpty ? "" : HTMLContentFinder.computeNames($0)
    }
    hasBlockDescendant = Array(repeating: false, count: n)
  }

  // MARK: - Tag and name tables

  static let furnitureTags: Set<String> = [
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "video", "audio", "button", "input", "select", "textarea", "option", "nav",
    "aside", "footer", "figcaption", "figure", "head", "link", "meta", "dialog", "menu",
    "title", "label", "form",
  ]
  static let landmarkRoles: Set<String> = [
    "navigation", "complementary", "contentinfo", "banner", "dialog", "alertdialog", "menu",
    "menubar", "search", "toolbar", "tablist",
  ]
  static let blockTags: Set<String> = [
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "nav", "ol", "p", "pre",
    "section", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "ul", "caption", "summary",
    "br",
  ]
  /// Children that make a `<div>` a container rather than a paragraph (readability's list).
  static let divBlockChildren: Set<String> = [
    "blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul", "section", "article",
    "h1", "h2", "h3", "h4", "h5", "h6", "figure", "header", "footer", "aside", "nav", "main",
  ]
  static let headings: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]

  /// Class/id substrings that mark page furniture wherever they appear.
  static let strongNegative = [
    "comment", "disqus", "sidebar", "side-bar", "cookie", "consent", "gdpr", "newsletter",
    "subscribe", "subscription", "signup", "sign-up", "outbrain", "taboola", "related",
    "recommend", "most-popular", "mostpopular", "most-read", "mostread", "trending", "breadcrumb",
    "footer", "masthead", "popup", "modal", "overlay", "paywall-prompt", "skip-link", "skiplink",
    "sr-only", "screen-reader", "visually-hidden", "visuallyhidden", "advert", "sponsor",
    "promo", "social", "sharing", "share-", "-share", "sharebar", "sharetools", "byline",
    "caption", "credit", "author", "dateline", "timestamp", "pagination", "pager", "rss",
    "login", "banner", "navbar", "navigation", "toolbar", "tag-list", "taglist",
    "keywords", "breaking-news", "read-more", "readmore", "more-stories", "morestories",
    "nav-", "-nav", "menu", "print-", "jump-link", "lightbox", "gallery", "slideshow",
    "video-", "videoplayer", "media-player", "audio-player", "jwplayer", "player-container",
    "player-wrapper", "ad-slot", "adslot", "ad-container",
    "ad-wrapper", "ad_", "-ad-",
  ]
  /// Class/id words (split on space, `-`, `_`) that mark page furniture.
  static let negativeWords: Set<String> = [
    "ad", "ads", "adv", "meta", "nav", "tags", "tag", "share", "shares", "menu", "hidden", "hide",
    "print", "tools", "tool", "extra", "links", "aside", "header", "head", "hdr", "foot",
    "subscribe", "donate", "signin", "promo", "teaser", "teasers", "card", "cards", "rail",
    "bio", "contributor", "disclaimer", "note", "notice", "alert", "related", "embed",
  ]
  /// Class/id substrings that mark the article body.
  static let positiveNames = [
    "article", "body", "content", "entry", "main", "post", "story", "text", "blog", "hentry",
  ]

  /// Lowercased `class` and `id` of an element.
  func names(_ i: Int) -> String { nameCache[i] }

  static func computeNames(_ node: HTMLDocument.Node) -> String {
    var result = ""
    for attribute in node.attributes where attribute.name == "class" || attribute.name == "id" {
      result += attribute.value.lowercased()
      result += " "
    }
    return result
  }

  static func hasNegativeWord(_ names: String) -> Bool {
    var word = Substring()
    var start = names.startIndex
    var index = names.startIndex
    while index < names.endIndex {
      let c = names[index]
      if c == " " || c == "-" || c == "_" {
        word = names[start..<index]
        if !word.isEmpty, negativeWords.contains(String(word)) { return true }
        start = names.index(after: index)
      }
      index = names.index(after: index)
    }
    word = names[start..<names.endIndex]
    return !word.isEmpty && negativeWords.contains(String(word))
  }

  static func hasStrongNegative(_ names: String) -> Bool {
    strongNegative.contains { HTMLText.contains(names, $0) }
  }

  static func hasPositive(_ names: String) -> Bool {
    positiveNames.contains { HTMLText.contains(names, $0) }
  }

  /// readability's class weight: -25 for furniture names, +25 for body names.
  func classWeight(_ i: Int) -> Int {
    let n = names(i)
    var value = 0
    if nodes[i].attribute("itemprop")?.lowercased() == "articlebody" { value += 50 }
    if n.isEmpty { return value }
    if HTMLContentFinder.hasStrongNegative(n) || HTMLContentFinder.hasNegativeWord(n) {
      value -= 25
    }
    if HTMLContentFinder.hasPositive(n) { value += 25 }
    return value
  }

  // MARK: - Pipeline

  mutating func paragraphs() -> [String] {
    guard !nodes.isEmpty else { return [] }
    body = nodes.firstIndex { $0.kind == .element && $0.name == "body" } ?? 0
    measureParagraphText()
    removeFurniture()
    measure()
    guard let top = pickTopCandidate() else { return [] }
    let roots = selectSiblings(of: top)
    var paragraphs: [String] = []
    for root in roots {
      cleanConditionally(under: root)
      write(root, into: &paragraphs)
    }
    return filterBoilerplate(paragraphs)
  }

  /// Collapsed length and commas of a text node.
  static func measureText(_ text: String) -> (length: Int32, commas: Int32) {
    var length: Int32 = 0
    var commas: Int32 = 0
    var lastSpace = true
    for scalar in text.unicodeScalars {
      if HTMLText.isSpace(scalar) {
        if !lastSpace { length += 1 }
        lastSpace = true
      } else {
        length += 1
        lastSpace = false
        if scalar == "," || scalar == "，" || scalar == "、" || scalar == "،" { commas += 1 }
      }
    }
    return (length, commas)
  }

  /// Text inside `<p>` per node, before anything is removed.
  mutating func measureParagraphText() {
    var inParagraph = Array(repeating: false, count: nodes.count)
    var inQuote = Array(repeating: false, count: nodes.count)
    for i in nodes.indices {
      let parent = nodes[i].parent
      let isElement = nodes[i].kind == .element
      inParagraph[i] = (parent >= 0 && inParagraph[parent]) || (isElement && nodes[i].name == "p")
      inQuote[i] = (parent >= 0 && inQuote[parent]) || (isElement && nodes[i].name == "blockquote")
    }
    for i in nodes.indices.reversed() {
      if nodes[i].kind == .text {
        let length = Int32(min(nodes[i].text.utf8.count, Int(Int32.max / 4)))
        if inParagraph[i] { paragraphText[i] = length }
        if inQuote[i] { quoteText[i] = length }
      }
      let parent = nodes[i].parent
      if parent >= 0 {
        paragraphText[parent] &+= paragraphText[i]
        quoteText[parent] &+= quoteText[i]
      }
    }
  }

  func isHidden(_ node: HTMLDocument.Node) -> Bool {
    if node.attribute("hidden") != nil { return true }
    if node.attribute("aria-hidden")?.lowercased() == "true" { return true }
    if let style = node.attribute("style")?.lowercased() {
      let compact = style.filter { $0 != " " }
      if HTMLText.contains(compact, "display:none")
        || HTMLText.contains(compact, "visibility:hidden")
      {
        return true
      }
    }
    if let role = node.attribute("role")?.lowercased(),
      HTMLContentFinder.landmarkRoles.contains(role)
    {
      return true
    }
    return false
  }

  static let inlineTags: Set<String> = [
    "a", "span", "b", "i", "em", "strong", "small", "font", "abbr", "cite", "sup", "sub", "time",
    "u", "mark", "q", "code", "var", "kbd", "s", "del", "ins", "big", "tt",
  ]
  static let hiddenInlineNames = [
    "sr-only", "screen-reader", "visually-hidden", "visuallyhidden", "offscreen", "tooltip",
    "popover", "popup", "hovercard", "hover-card", "rollover",
  ]

  /// Screen-reader-only text, or the hidden card of a hover card (the visible link comes
  /// first and stays).
  func isHiddenInline(_ i: Int) -> Bool {
    let n = names(i)
    guard !n.isEmpty,
      HTMLContentFinder.hiddenInlineNames.contains(where: { HTMLText.contains(n, $0) })
    else { return false }
    // The link of a hover card is what readers see.
    if nodes[i].name == "a" { return false }
    var first = i + 1
    while first < nodes[i].subtreeEnd, nodes[first].kind == .text,
      HTMLText.collapseWhitespace(nodes[first].text).isEmpty
    {
      first += 1
    }
    let startsWithLink = first < nodes[i].subtreeEnd && nodes[first].name == "a"
    return !startsWithLink
  }

  mutating func removeFurniture() {
    let pageParagraphText = max(paragraphText[body], 1)
    var i = 0
    while i < nodes.count {
      let node = nodes[i]
      guard node.kind == .element else {
        i += 1
        continue
      }
      var remove = false
      // The block that holds most of the page's paragraphs is never furniture.
      let holdsArticle =
        paragraphText[i] * 10 >= pageParagraphText * 6 && pageParagraphText > 400
      if HTMLContentFinder.furnitureTags.contains(node.name) {
        remove = !(holdsArticle && ["form", "aside", "figure"].contains(node.name))
      } else if node.name == "header" {
        remove = !holdsArticle
      } else if node.name != "body" && node.name != "html" && !holdsArticle {
        if isHidden(node) {
          remove = true
        } else if HTMLContentFinder.inlineTags.contains(node.name) {
          // Inline pieces of a sentence ("auto-tag" links) stay unless their names say
          // caption, credit, share…; screen-reader text and hover cards go.
          let n = names(i)
          remove =
            isHiddenInline(i) || isHidden(node)
            || (HTMLContentFinder.hasStrongNegative(n) && !HTMLContentFinder.hasPositive(n)
              && !HTMLContentFinder.hiddenInlineNames.contains { HTMLText.contains(n, $0) })
        } else {
          let n = names(i)
          if !n.isEmpty {
            let positive =
              HTMLContentFinder.hasPositive(n)
              || node.attribute("itemprop")?.lowercased() == "articlebody"
            if HTMLContentFinder.hasStrongNegative(n) || HTMLContentFinder.hasNegativeWord(n) {
              // "article-share" is a share bar; "article-body comments-on" is the article.
              remove = !positive || paragraphText[i] < 600
              // An embedded post ("social-embed" around a blockquote) quotes a source.
              if remove, quoteText[i] >= 50, !HTMLText.contains(n, "comment"),
                !HTMLText.contains(n, "related")
              {
                remove = false
              }
            }
          }
        }
      }
      if remove {
        for j in i..<node.subtreeEnd { alive[j] = false }
        i = node.subtreeEnd
      } else {
        i += 1
      }
    }
  }

  /// Bottom-up sums over the live tree.
  mutating func measure() {
    for i in nodes.indices.reversed() where alive[i] {
      let node = nodes[i]
      if node.kind == .text {
        let (length, c) = HTMLContentFinder.measureText(node.text)
        textLength[i] = length
        commas[i] = c
      } else {
        switch node.name {
        case "a": linkLength[i] = textLength[i]
        case "p": counts[i].paragraphs += 1
        case "div", "section":
          if !hasBlockDescendant[i] && textLength[i] > 0 { counts[i].paragraphs += 1 }
        case "img": counts[i].images += 1
        case "li": counts[i].listItems += 1
        case "input", "select", "textarea", "button": counts[i].inputs += 1
        case "embed", "object", "iframe", "video": counts[i].embeds += 1
        case "h1", "h2", "h3", "h4", "h5", "h6": counts[i].headingText = textLength[i]
        default: break
        }
      }
      let parent = node.parent
      if parent >= 0 {
        if hasBlockDescendant[i]
          || (node.kind == .element && HTMLContentFinder.divBlockChildren.contains(node.name))
        {
          hasBlockDescendant[parent] = true
        }
        // Separate adjacent blocks by one character, as innerText would.
        textLength[parent] &+= textLength[i]
        linkLength[parent] &+= linkLength[i]
        commas[parent] &+= commas[i]
        counts[parent].paragraphs &+= counts[i].paragraphs
        counts[parent].images &+= counts[i].images
        counts[parent].listItems &+= counts[i].listItems
        counts[parent].inputs &+= counts[i].inputs
        counts[parent].embeds &+= counts[i].embeds
        counts[parent].headingText &+= counts[i].headingText
      }
    }
  }

  func linkDensity(_ i: Int) -> Double {
    textLength[i] == 0 ? 0 : Double(linkLength[i]) / Double(textLength[i])
  }

  /// Whether a `<div>` (or similar) holds only inline content, so it reads as a paragraph.
  func isInlineOnly(_ i: Int) -> Bool { !hasBlockDescendant[i] }

  mutating func initialize(_ i: Int) {
    guard !scored[i] else { return }
    scored[i] = true
    var base: Double
    switch nodes[i].name {
    case "div", "article", "main", "section": base = 5
    case "pre", "td", "blockquote": base = 3
    case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": base = -3
    case "h1", "h2", "h3", "h4", "h5", "h6", "th": base = -5
    default: base = 0
    }
    let w = classWeight(i)
    weight[i] = Int16(w)
    // A bonus is earned by text: a headline box called "content-title" is not the article.
    let bonus = base + Double(w)
    let ownText = Double(textLength[i] - linkLength[i])
    score[i] = bonus > 0 ? bonus * min(1, ownText / 500) : bonus
  }

  /// Scores paragraphs into their ancestors and returns the best block, or nil when no
  /// element holds a paragraph of text outside links.
  mutating func pickTopCandidate() -> Int? {
    var candidates: [Int] = []
    for i in nodes.indices where alive[i] {
      let node = nodes[i]
      var isParagraph = false
      var firstAncestor = node.parent
      if node.kind == .element {
        switch node.name {
        case "p", "pre", "td": isParagraph = true
        case "div", "section", "span", "font", "center":
          isParagraph = isInlineOnly(i) && (node.parent < 0 || !isInlineContainer(node.parent))
        default: break
        }
      } else if node.parent >= 0, !isInlineContainer(node.parent),
        ["div", "section", "article", "main", "td", "body"].contains(nodes[node.parent].name)
      {
        // Loose text among blocks reads as its own paragraph, as readability wraps it.
        isParagraph = true
        firstAncestor = node.parent
      }
      // Only text outside links counts: a list of headlines is not a paragraph.
      let ownText = textLength[i] - linkLength[i]
      guard isParagraph, ownText >= 25 else { continue }
      var contentScore = 1 + Double(commas[i]) + Double(min(ownText / 100, 3))
      if node.kind == .text { contentScore = max(contentScore - 0.5, 1) }
      var ancestor = node.kind == .text ? firstAncestor : node.parent
      var level = 0
      while ancestor >= 0, level < 5 {
        if nodes[ancestor].name == "html" { break }
        if !scored[ancestor] {
          initialize(ancestor)
          candidates.append(ancestor)
        }
        let divider: Double = level == 0 ? 1 : (level == 1 ? 2 : Double(level) * 3)
        score[ancestor] += contentScore / divider
        ancestor = nodes[ancestor].parent
        level += 1
      }
    }
    guard !candidates.isEmpty else { return nil }
    for c in candidates { score[c] *= 1 - linkDensity(c) }
    let ranked = candidates.sorted { score[$0] > score[$1] || (score[$0] == score[$1] && $0 < $1) }
    var top = ranked[0]
    if top == body { return body }

    // Several strong candidates under one ancestor: the article is that ancestor.
    let alternatives = ranked.dropFirst().prefix(4).filter { score[$0] >= score[top] * 0.75 }
    if alternatives.count >= 2 {
      var parent = nodes[top].parent
      while parent >= 0, parent != body {
        let inside = alternatives.filter { $0 > parent && $0 < nodes[parent].subtreeEnd }.count
        if inside >= 2 {
          top = parent
          break
        }
        parent = nodes[parent].parent
      }
    }
    // Climb while the parent scores better (the article spans more than this block).
    var lastScore = score[top]
    let threshold = lastScore / 3
    var parent = nodes[top].parent
    while parent >= 0, parent != body, nodes[parent].name != "html" {
      if !scored[parent] {
        parent = nodes[parent].parent
        continue
      }
      if score[parent] < threshold { break }
      if score[parent] > lastScore {
        top = parent
        break
      }
      lastScore = score[parent]
      parent = nodes[parent].parent
    }
    // An only child adds nothing; its parent may hold siblings worth keeping.
    while nodes[top].parent >= 0, nodes[top].parent != body,
      liveElementChildren(of: nodes[top].parent).count == 1
    {
      top = nodes[top].parent
    }
    return top
  }

  func isInlineContainer(_ i: Int) -> Bool {
    switch nodes[i].name {
    case "a", "span", "b", "i", "em", "strong", "font", "small", "sup", "sub", "u", "p", "label",
      "cite", "q", "abbr", "mark", "time":
      return true
    default:
      return false
    }
  }

  func liveElementChildren(of i: Int) -> [Int] {
    doc.children(of: i).filter { alive[$0] && nodes[$0].kind == .element }
  }

  /// The top block plus siblings that read as part of the same article.
  mutating func selectSiblings(of top: Int) -> [Int] {
    let parent = nodes[top].parent
    guard parent >= 0, top != body else { return [top] }
    let threshold = max(10, score[top] * 0.2)
    let topClass = nodes[top].attribute("class") ?? ""
    var roots: [Int] = []
    for sibling in doc.children(of: parent) where alive[sibling] {
      if sibling == top {
        roots.append(sibling)
        continue
      }
      let node = nodes[sibling]
      if node.kind == .text {
        continue
      }
      var bonus = 0.0
      if !topClass.isEmpty, node.attribute("class") == topClass { bonus = score[top] * 0.2 }
      if scored[sibling], score[sibling] + bonus >= threshold {
        roots.append(sibling)
      } else if node.name == "p" || (node.name == "div" && isInlineOnly(sibling)) {
        let density = linkDensity(sibling)
        let length = textLength[sibling]
        if length > 80 && density < 0.25 {
          roots.append(sibling)
        } else if length < 80, length > 0, density == 0, endsSentence(sibling) {
          roots.append(sibling)
        }
      }
    }
    return roots
  }

  func endsSentence(_ i: Int) -> Bool {
    let text = doc.text(of: i)
    return text.hasSuffix(".") || HTMLText.contains(text, ". ")
  }

  /// Drops link lists, image strips, forms and other low-text blocks inside the article.
  mutating func cleanConditionally(under root: Int) {
    var i = root + 1
    while i < nodes[root].subtreeEnd {
      guard alive[i], nodes[i].kind == .element else {
        i += 1
        continue
      }
      let name = nodes[i].name
      let node = nodes[i]
      var remove = false
      // Never empty the article: a block with most of its text is not a sidebar; nor is an
      // embedded post, which quotes a source.
      let holdsMost =
        (textLength[i] * 2 > textLength[root] && textLength[root] > 500)
        || (quoteText[i] >= 50 && quoteText[i] * 2 >= textLength[i])
      let shortLine = textLength[i] < 60 && isInlineOnly(i)
      if !holdsMost && !(name == "div" && shortLine)
        && ["div", "section", "ul", "ol", "table", "dl", "header", "center"].contains(name)
      {
        initialize(i)
        let w = Double(weight[i])
        let isList =
          name == "ul" || name == "ol"
          || (textLength[i] > 0 && Double(listText(i)) / Double(textLength[i]) > 0.9)
        if w + (scored[i] ? score[i] : 0) < 0 && w < 0 {
          remove = true
        } else if commas[i] < 10 {
          let c = counts[i]
          let p = Double(c.paragraphs)
          let img = Double(c.images)
          let li = Double(c.listItems) - 100
          let length = Double(textLength[i])
          let density = linkDensity(i)
          let headingDensity = length == 0 ? 0 : Double(c.headingText) / length
          if img > 1 && p / img < 0.5 {
            remove = true
          } else if !isList && li > p {
            remove = true
          } else if Double(c.inputs) > (p / 3).rounded(.down) {
            remove = true
          } else if !isList && headingDensity < 0.9 && length < 25 && (img == 0 || img > 2)
            && density > 0
          {
            remove = true
          } else if !isList && w < 25 && density > 0.2 {
            remove = true
          } else if w >= 25 && density > 0.5 {
            remove = true
          } else if (c.embeds == 1 && length < 75) || c.embeds > 1 {
            remove = true
          } else if isList && density > 0.5 {
            remove = true
          }
        }
      } else if HTMLContentFinder.headings.contains(name)
        || (["p", "div"].contains(name) && shortLine)
      {
        let text = doc.text(of: i)
        if HTMLContentFinder.isRelatedHeading(text) {
          // "More stories" and the list of links under it.
          removeRelatedList(after: i, within: root)
          remove = true
        } else if name == "p" || name == "div" {
          // A paragraph that is one link is a pointer to another story, unless it spells out
          // its address (a cited source).
          remove = textLength[i] > 0 && linkDensity(i) > 0.8 && !HTMLContentFinder.isAddress(text)
        } else {
          // Headline repeated in the body, or a heading with furniture names.
          remove = classWeight(i) < 0 || name == "h1" || isTitle(text) || linkDensity(i) > 0.5
        }
      } else if name == "p" {
        remove = textLength[i] > 0 && linkDensity(i) > 0.8 && textLength[i] < 200
      }
      if remove {
        for j in i..<node.subtreeEnd { alive[j] = false }
        i = node.subtreeEnd
      } else {
        i += 1
      }
    }
  }

  static let relatedHeadings = [
    "related", "more stories", "more from", "more on", "don't miss", "don’t miss",
    "you may also like", "you might also like", "recommended", "read more", "read next",
    "also read", "see also", "trending", "most popular", "most read", "popular stories",
    "top stories", "latest news", "what to read next", "further reading",
  ]

  /// A short heading that introduces a list of other stories.
  static func isRelatedHeading(_ text: String) -> Bool {
    let lower = text.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " :.-–—»›"))
    guard !lower.isEmpty, lower.count < 50 else { return false }
    if relatedHeadings.contains(where: { lower.hasPrefix($0) }) { return true }
    return lower.hasPrefix("more ") && lower.hasSuffix(" stories")
  }

  static func isAddress(_ text: String) -> Bool {
    let lower = text.lowercased()
    return (lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("www."))
      && !lower.contains(" ")
  }

  /// Removes the link list that follows a "related stories" heading at `i`.
  mutating func removeRelatedList(after i: Int, within root: Int) {
    var next = nodes[i].subtreeEnd
    while next < nodes[root].subtreeEnd, !alive[next] || nodes[next].kind == .text {
      next = nodes[next].subtreeEnd
    }
    // The list, or a run of one-link paragraphs.
    while next < nodes[root].subtreeEnd, nodes[next].parent == nodes[i].parent {
      guard alive[next], nodes[next].kind == .element else {
        next = nodes[next].subtreeEnd
        continue
      }
      let isList = ["ul", "ol"].contains(nodes[next].name)
      guard isList || linkDensity(next) > 0.5 else { return }
      for j in next..<nodes[next].subtreeEnd { alive[j] = false }
      if isList { return }
      next = nodes[next].subtreeEnd
    }
  }

  /// Text inside `<li>` under `i`.
  func listText(_ i: Int) -> Int32 {
    var total: Int32 = 0
    var j = i + 1
    while j < nodes[i].subtreeEnd {
      if alive[j], nodes[j].kind == .element, nodes[j].name == "li" {
        total += textLength[j]
        j = nodes[j].subtreeEnd
      } else {
        j += 1
      }
    }
    return total
  }

  func isTitle(_ text: String) -> Bool {
    guard let title, !title.isEmpty else { return false }
    let a = text.lowercased()
    let b = title.lowercased()
    return a == b || (a.count > 15 && b.hasPrefix(a))
  }

  /// Appends the paragraphs of the live subtree `root`.
  func write(_ root: Int, into paragraphs: inout [String]) {
    var current = ""
    var closeAt: [Int] = []  // subtree ends of the open block elements
    func flush() {
      let text = HTMLContentFinder.finishParagraph(current)
      if !text.isEmpty { paragraphs.append(text) }
      current = ""
    }
    var i = root
    let end = nodes[root].subtreeEnd
    while i < end {
      while let last = closeAt.last, i >= last {
        closeAt.removeLast()
        flush()
      }
      guard alive[i] else {
        i = nodes[i].subtreeEnd
        continue
      }
      let node = nodes[i]
      if node.kind == .text {
        current += node.text
      } else if node.name == "br" {
        // One <br> breaks a line; two in a row end a paragraph, as they do on screen.
        if HTMLContentFinder.endsWithBlankLine(current) { flush() } else { current += "\n" }
      } else if node.name == "td" || node.name == "th" {
        // A table row reads as one line: its cells are separated, not split.
        current += " "
      } else if HTMLContentFinder.blockTags.contains(node.name) {
        flush()
        closeAt.append(node.subtreeEnd)
      } else if node.name == "img" {
        // Images carry no text.
      } else {
        // Inline element: a space-free join is right for <b>x</b>y, text nodes carry spaces.
      }
      i += 1
    }
    flush()
  }

  /// Whether nothing but white space follows the last line break (or there is no text yet).
  static func endsWithBlankLine(_ text: String) -> Bool {
    for scalar in text.unicodeScalars.reversed() {
      if scalar == "\n" { return true }
      if !HTMLText.isSpace(scalar) { return false }
    }
    return true
  }

  /// Collapses spaces in a paragraph, keeping single line breaks from `<br>`.
  static func finishParagraph(_ raw: String) -> String {
    if !raw.contains("\n") { return HTMLText.collapseWhitespace(raw) }
    return raw.split(separator: "\n").map { HTMLText.collapseWhitespace(String($0)) }
      .filter { !$0.isEmpty }.joined(separator: "\n")
  }

  // MARK: - Boilerplate lines

  static let boilerplateExact: Set<String> = [
    "advertisement", "advertisements", "ad", "sponsored", "sponsored content", "story continues",
    "skip to main content", "skip to content", "skip", "share", "share this", "share this article",
    "share this story", "tweet", "email", "print", "comments", "comment", "read more",
    "continue reading", "continue reading below", "related", "related articles",
    "related stories", "related content", "loading", "loading...", "close", "menu", "advertising",
    "article continues below advertisement", "story continues below advertisement",
    "scroll to continue with content", "supported by", "more on this story", "see also",
    "follow us", "listen", "listen to this article", "play", "watch", "image", "photo", "advert",
    "don't miss", "don’t miss", "you may also like", "you might also like",
    "tell us what you think",
    "trending", "trending now", "most read", "most popular", "recommended", "related posts",
    "more stories", "top stories", "latest news", "what to read next", "read this next",
    "like this", "like loading", "anzeige", "werbung", "publicité", "publicidad", "publicidade",
    "pubblicità", "reklama", "iklan", "advertentie", "annonce", "реклама",
  ]
  static let boilerplateContains = [
    "ie 11 is not supported", "browser is not supported", "please enable javascript",
    "enable javascript", "update your browser", "upgrade your browser", "sign up for our",
    "subscribe to our", "sign up to receive", "delivered to your inbox", "all rights reserved",
    "this content is imported from", "we use cookies", "by continuing to use", "click here to",
    "get the latest news", "sign up for the", "newsletter sign", "our newsletter",
    "in your inbox", "to your inbox", "may be reached at", "can be reached at",
    "share it with a friend", "click here for more information", "like this story",
  ]
  static let boilerplatePrefixes = [
    "photo:", "photograph:", "image:", "credit:", "(photo", "getty images", "read more:",
    "related:", "see also:", "more:", "copyright ©", "© ", "advertisement ", "image source",
    "image caption", "media caption", "picture:", "pictured:", "file photo", "read next",
    "recommended:", "also read:", "watch:", "listen:", "reporting by ", "(reporting by ",
    "additional reporting by ", "editing by ", "(editing by ", "writing by ", "compiled by ",
    "follow us on ", "filed under", "posted in ", "tags:", "tagged:", "topics:",
  ]

  func filterBoilerplate(_ paragraphs: [String]) -> [String] {
    var result: [String] = []
    for paragraph in paragraphs {
      if paragraph.count < 250 {
        let lower = paragraph.lowercased()
        let trimmed = lower.trimmingCharacters(in: CharacterSet(charactersIn: " .:|-–—»›>"))
        if HTMLContentFinder.boilerplateExact.contains(trimmed) { continue }
        if HTMLContentFinder.boilerplatePrefixes.contains(where: { lower.hasPrefix($0) }) {
          continue
        }
        if HTMLContentFinder.boilerplateContains.contains(where: { HTMLText.contains(lower, $0) }) {
          continue
        }
        if isTitle(paragraph) { continue }
        if HTMLContentFinder.isBylineOrDateLine(paragraph) { continue }
        if HTMLContentFinder.isFollowLine(lower) { continue }
        if HTMLContentFinder.isReadingTime(lower) { continue }
      }
      // A repeated sentence is a duplicated caption or teaser; short repeats ("0" in a table,
      // "Yes.") are content.
      if result.last == paragraph, paragraph.split(separator: " ").count >= 5 { continue }
      result.append(paragraph)
    }
    return result
  }

  static let dateWords: Set<String> = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "january", "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "am", "pm", "a", "p", "m", "utc",
    "gmt", "est", "edt", "pst", "pdt", "cst", "cdt", "bst", "cet", "et", "pt", "at", "published",
    "updated", "posted", "on", "last", "de", "às", "le", "am", "um", "uhr", "h",
  ]

  static let calendarNames: Set<String> = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "january", "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday",
  ]

  /// "By Ann Lee", "By Reuters", "Nov. 20, 2019, 9:28 AM UTC", "Updated at 1:23 p.m.": the
  /// byline and dateline of the article, which are metadata, not body text.
  static func isBylineOrDateLine(_ paragraph: String) -> Bool {
    guard paragraph.count < 90 else { return false }
    let words = paragraph.lowercased().split { !$0.isLetter && !$0.isNumber }
    guard !words.isEmpty else { return false }
    if words.first == "by", words.count <= 10, !paragraph.hasSuffix(".") { return true }
    let datey = words.filter { word in
      word.allSatisfy(\.isNumber) || dateWords.contains(String(word))
    }
    // A month or weekday name, or a clock: "2019: 45,000 units" is a figure, not a dateline.
    let hasCalendarWord = words.contains { calendarNames.contains(String($0)) }
    let hasClock = paragraph.unicodeScalars.indices.contains { index in
      paragraph.unicodeScalars[index] == ":"
        && index > paragraph.unicodeScalars.startIndex
        && paragraph.unicodeScalars.index(after: index) < paragraph.unicodeScalars.endIndex
        && CharacterSet.decimalDigits.contains(
          paragraph.unicodeScalars[paragraph.unicodeScalars.index(before: index)])
        && CharacterSet.decimalDigits.contains(
          paragraph.unicodeScalars[paragraph.unicodeScalars.index(after: index)])
    }
    return (hasCalendarWord || hasClock) && datey.count * 10 >= words.count * 7
  }

  /// "5 min read", "Reading time: 2 minutes", "Tempo de leitura: 1 minuto".
  static func isReadingTime(_ lower: String) -> Bool {
    guard lower.count < 40 else { return false }
    return [
      "min read", "minute read", "reading time", "read time", "tempo de leitura",
      "tiempo de lectura", "lesezeit", "temps de lecture",
    ].contains { HTMLText.contains(lower, $0) }
  }

  /// "Follow Newsbeat on Instagram, Facebook and Twitter."
  static func isFollowLine(_ lower: String) -> Bool {
    guard lower.count < 200, lower.hasPrefix("follow ") else { return false }
    return ["twitter", "facebook", "instagram", "youtube", "linkedin"].contains {
      HTMLText.contains(lower, $0)
    }
  }

  // MARK: - JSON-LD and reasons

  /// The JSON-LD body's paragraphs when they are a better article text than `paragraphs`:
  /// when the markup gave much less text than the JSON-LD body holds.
  static func preferJSONLD(body: String, over paragraphs: [String]) -> [String]? {
    var candidate: [String]
    if body.contains("<") && body.contains(">") || body.contains("&") {
      var finder = HTMLContentFinder(
        document: HTMLDocument(utf8: Array(("<body>" + body + "</body>").utf8)), title: nil)
      finder.body = finder.nodes.firstIndex { $0.name == "body" } ?? 0
      finder.measure()
      var out: [String] = []
      finder.write(finder.body, into: &out)
      candidate = out
    } else {
      candidate = body.components(separatedBy: "\n").map(HTMLText.collapseWhitespace)
        .filter { !$0.isEmpty }
    }
    candidate = candidate.filter { !$0.isEmpty }
    let jsonLength = candidate.reduce(0) { $0 + $1.count }
    let domLength = paragraphs.reduce(0) { $0 + $1.count }
    guard jsonLength >= 200 else { return nil }
    // The markup is the page as readers see it; the JSON-LD body can be a longer (all pages of
    // a review) or shorter (teaser) variant. Only when the markup yielded little is it better.
    if Double(domLength) < Double(jsonLength) * 0.6 { return candidate }
    return nil
  }

  /// A sentence saying why the page has no article.
  func emptinessReason(words: Int) -> String {
    var scriptBytes = 0
    var textBytes = 0
    for i in nodes.indices where nodes[i].kind == .text {
      let parent = nodes[i].parent
      let inScript = parent >= 0 && ["script", "style", "noscript"].contains(nodes[parent].name)
      if inScript {
        scriptBytes += nodes[i].text.utf8.count
      } else {
        textBytes += nodes[i].text.utf8.count
      }
    }
    if doc.stoppedEarly {
      return "the HTML parser stopped early: elements nested deeper than 256 levels"
    }
    if textBytes == 0 && scriptBytes > 0 {
      return "the page is only script and style, with no text"
    }
    if textBytes == 0 { return "the page has no text" }
    return
      "no block of article text found: \(words) words outside navigation, links and page furniture"
  }
}
