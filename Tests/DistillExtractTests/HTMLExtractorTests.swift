import DistillModel
import Foundation
import Testing

@testable import DistillExtract

/// A news page with the furniture real pages carry around the story.
private let harborPage = """
  <!DOCTYPE html>
  <html lang="en-us">
  <head>
    <meta charset="utf-8">
    <title>Storm closes Harbor Bridge | The Harbor Ledger</title>
    <link rel="canonical" href="https://ledger.example/news/storm-bridge">
    <meta property="og:site_name" content="The Harbor Ledger">
    <meta property="og:image" content="/img/bridge.jpg">
    <meta property="article:published_time" content="2024-03-05T08:30:00-05:00">
    <meta name="author" content="Ann Lee">
    <script>window.ads = [1, 2, 3];</script>
    <style>.x { color: red }</style>
  </head>
  <body>
    <a class="skip-link" href="#main">Skip to main content</a>
    <div class="browser-warning">IE 11 is not supported. For an optimal experience visit our site on another browser.</div>
    <header class="site-header"><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
    <div id="cookie-consent">We use cookies to improve your experience. Accept all cookies?</div>
    <main>
      <article class="story">
        <h1>Storm closes Harbor Bridge</h1>
        <div class="byline">By Ann Lee, Staff Writer</div>
        <div class="share-bar"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">Email</a></div>
        <figure><img src="/img/bridge.jpg"><figcaption>The bridge at dawn. Photo: J. Smith/Ledger</figcaption></figure>
        <div class="story-body">
          <p>A winter storm closed the Harbor Bridge on Tuesday, stranding hundreds of commuters, according to city officials who spoke at a press conference.</p>
          <p>Wind gusts reached 90 kilometers per hour, the weather service said, and crews worked through the night to clear debris from the approaches.</p>
          <div class="ad-slot">Advertisement</div>
          <h2>Repairs expected</h2>
          <p>The city expects to reopen the bridge by Friday, said Mayor Dana Ortiz, who thanked residents for their patience during the closure.</p>
          <p>Advertisement</p>
          <div class="newsletter-signup"><p>Sign up for our morning newsletter to get the latest news delivered to your inbox.</p></div>
          <p>Ferry service will run every 20 minutes until then, the transit authority said in a statement on its website.</p>
        </div>
        <div class="related-stories"><h3>Related</h3><ul>
          <li><a href="/a">Bridge inspections planned for spring after last year's review</a></li>
          <li><a href="/b">City council approves new ferry terminal after long debate</a></li>
        </ul></div>
      </article>
    </main>
    <aside class="sidebar"><h3>Most read</h3><p>Five things to do this weekend in the harbor district, from markets to music.</p></aside>
    <section id="comments"><h3>Comments</h3><p>Great reporting, thanks for keeping us informed about the bridge and the storm!</p></section>
    <footer><p>Copyright 2024 The Harbor Ledger. All rights reserved.</p></footer>
  </body>
  </html>
  """

@Suite("HTMLExtractor")
struct HTMLExtractorTests {
  let extractor = HTMLExtractor()

  func extract(_ html: String, url: String? = nil) -> HTMLExtraction {
    extractor.extract(Data(html.utf8), url: url, contentTypeCharset: nil)
  }

  @Test("keeps the story's paragraphs and subheading, drops every piece of furniture")
  func articleWithFurniture() {
    let result = extract(harborPage)
    #expect(result.failure == nil)
    #expect(
      result.text == """
        A winter storm closed the Harbor Bridge on Tuesday, stranding hundreds of commuters, \
        according to city officials who spoke at a press conference.

        Wind gusts reached 90 kilometers per hour, the weather service said, and crews worked \
        through the night to clear debris from the approaches.

        Repairs expected

        The city expects to reopen the bridge by Friday, said Mayor Dana Ortiz, who thanked \
        residents for their patience during the closure.

        Ferry service will run every 20 minutes until then, the transit authority said in a \
        statement on its website.
        """)
    for junk in [
      "Skip to main content", "IE 11", "cookies", "Advertisement", "newsletter", "Photo:",
      "By Ann Lee", "Facebook", "Bridge inspections", "Five things", "Great reporting",
      "Copyright", "Storm closes Harbor Bridge",
    ] {
      #expect(!result.text.contains(junk), "\(junk) leaked into the text")
    }
  }

  @Test("reads metadata from meta tags, the canonical link and <html lang>")
  func metadataFromHead() {
    let m = extract(harborPage, url: "https://ledger.example/x?utm=1").metadata
    #expect(m.title == "Storm closes Harbor Bridge")
    #expect(m.outlet == "The Harbor Ledger")
    #expect(m.url == "https://ledger.example/news/storm-bridge")
    #expect(m.language == "en-US")
    #expect(m.imageURL == "https://ledger.example/img/bridge.jpg")
    #expect(m.authors == ["Ann Lee"])
    // 08:30 at UTC-5 is 13:30 UTC.
    #expect(m.published == Date(timeIntervalSince1970: 1_709_645_400))
  }

  @Test("read() makes an Article whose id is the canonical URL")
  func readMakesArticle() throws {
    let outcome = extractor.read(Data(harborPage.utf8), from: SourceRef("page.html"))
    guard case .article(let article) = outcome else {
      Issue.record("expected an article, got \(outcome)")
      return
    }
    #expect(article.id == "https://ledger.example/news/storm-bridge")
    #expect(article.format == .html)
    #expect(article.title == "Storm closes Harbor Bridge")
    #expect(article.paragraphs.count == 5)
  }

  @Test("without a URL the id is a stable content hash")
  func contentHashID() {
    let page =
      "<html><body><p>\(String(repeating: "The council met on Monday to vote. ", count: 5))</p></body></html>"
    let first = extractor.read(Data(page.utf8), from: SourceRef("a.html"))
    let second = extractor.read(Data(page.utf8), from: SourceRef("b.html"))
    guard case .article(let a) = first, case .article(let b) = second else {
      Issue.record("expected articles")
      return
    }
    #expect(a.id == b.id)
    #expect(a.id.hasPrefix("html-"))
    #expect(a.id.count == 21)
  }

  @Test("JSON-LD NewsArticle supplies headline, dates, authors and publisher")
  func jsonLDMetadata() {
    let page = """
      <html><head>
      <title>Ignored title - Site</title>
      <script type="application/ld+json">
      {"@context":"https://schema.org","@graph":[
        {"@type":"WebSite","name":"Valley Times"},
        {"@type":"NewsArticle","headline":"Dam repair finished early",
         "datePublished":"2023-11-02T10:00:00+01:00","dateModified":"2023-11-03 09:15:00Z",
         "author":[{"@type":"Person","name":"Bo Chan"},{"@type":"Person","name":"Eva Ruiz"}],
         "publisher":{"@type":"Organization","name":"Valley Times"},
         "image":{"@type":"ImageObject","url":"https://vt.example/dam.jpg"},
         "articleBody":"Workers finished repairs to the Millbrook dam two weeks ahead of schedule, the water board said on Thursday.\\nThe reservoir will be refilled over the winter months, officials said, and the lake reopens to boats in April."}
      ]}
      </script></head>
      <body><div class="teaser"><p>Workers finished repairs to the dam.</p></div></body></html>
      """
    let result = extract(page)
    let m = result.metadata
    #expect(m.title == "Dam repair finished early")
    #expect(m.authors == ["Bo Chan", "Eva Ruiz"])
    #expect(m.outlet == "Valley Times")
    #expect(m.imageURL == "https://vt.example/dam.jpg")
    #expect(m.published == Date(timeIntervalSince1970: 1_698_915_600))
    #expect(m.updated == Date(timeIntervalSince1970: 1_699_002_900))
    // The markup holds only a teaser, so the JSON-LD body is the article.
    #expect(result.method == "json-ld")
    #expect(result.paragraphs.count == 2)
    #expect(result.text.hasPrefix("Workers finished repairs to the Millbrook dam"))
  }

  @Test("<title> loses its site suffix when nothing better names the article")
  func titleFromDocumentTitle() {
    let page = """
      <html><head><title>Council backs new library plan – Riverside Post</title></head>
      <body><p>\(String(repeating: "The council voted for the plan on Monday night. ", count: 4))</p></body></html>
      """
    #expect(extract(page).metadata.title == "Council backs new library plan")
  }

  @Test("a page that is all script has no article, and says so")
  func allScript() {
    let page =
      "<html><head><script>var x = 1;</script></head><body><script>run()</script></body></html>"
    let result = extract(page)
    #expect(result.text.isEmpty)
    #expect(
      result.failure == .notAnArticle("the page is only script and style, with no text"))
    let outcome = extractor.read(Data(page.utf8), from: SourceRef("s.html"))
    #expect(
      outcome
        == .skipped(
          SourceRef("s.html"), .notAnArticle("the page is only script and style, with no text")))
  }

  @Test("a navigation-only page has no article")
  func navigationOnly() {
    let links = (1...30).map { "<li><a href=\"/s\($0)\">Section number \($0) of the site</a></li>" }
    let page =
      "<html><body><nav><ul>\(links.joined())</ul></nav><ul>\(links.joined())</ul></body></html>"
    let result = extract(page)
    #expect(result.text.isEmpty)
    guard case .notAnArticle(let why) = result.failure else {
      Issue.record("expected notAnArticle, got \(String(describing: result.failure))")
      return
    }
    #expect(why.hasPrefix("no block of article text found"))
  }

  @Test("binary data served as HTML is reported as binary")
  func binary() {
    var bytes = [UInt8](repeating: 0, count: 2048)
    for i in bytes.indices { bytes[i] = UInt8((i * 37 + 11) % 256) }
    #expect(extractor.extract(Data(bytes), url: nil, contentTypeCharset: nil).failure == .binary)
  }

  @Test("empty and oversized inputs are refused with their reason")
  func emptyAndTooLarge() {
    #expect(extract("").failure == .empty)
    let small = HTMLExtractor(options: HTMLExtractionOptions(maxBytes: 100))
    let result = small.extract(Data(harborPage.utf8), url: nil, contentTypeCharset: nil)
    #expect(result.failure == .tooLarge(bytes: harborPage.utf8.count, limit: 100))
  }

  @Test("100,000 levels of nesting neither crash nor hang, and the reason is given")
  func deepNesting() {
    let depth = 100_000
    let page =
      "<html><body>" + String(repeating: "<div>", count: depth)
      + "<p>Buried text that is far too deep to reach.</p>"
      + String(repeating: "</div>", count: depth) + "</body></html>"
    let result = extract(page)
    #expect(result.text.isEmpty)
    #expect(
      result.failure
        == .notAnArticle("the HTML parser stopped early: elements nested deeper than 256 levels"))
  }

  @Test("text before a too-deep region is still extracted")
  func deepNestingAfterArticle() {
    let story = String(repeating: "The mayor opened the new market hall on Saturday. ", count: 4)
    let page =
      "<html><body><p>\(story)</p>" + String(repeating: "<span>", count: 50_000) + "x</body></html>"
    let result = extract(page)
    #expect(result.failure == nil)
    #expect(result.text == story.trimmingCharacters(in: .whitespaces))
  }

  @Test("malformed markup: unclosed tags and stray end tags still give the paragraphs")
  func malformed() {
    let page = """
      <html><body><div class="content"><p>First paragraph of the report on the harbor, which is long enough.
      <p>Second paragraph, also long enough to count as article text here.</b></i></div></span>
      <p>Third <b>bold <i>nested</b> text</i> closes the story of the harbor today.
      """
    let result = extract(page)
    #expect(result.paragraphs.count == 3)
    #expect(result.text.contains("Third bold nested text closes the story"))
  }

  @Test("one <br> breaks a line, two end a paragraph")
  func lineBreaks() {
    let page = """
      <html><body><div class="post-body">
      The harbor reopened on Monday after a week of repairs to the sea wall.<br>
      Boats lined up at dawn to leave port.<br><br>
      Fishermen said the closure had cost them a week of income during the busiest season.
      </div></body></html>
      """
    #expect(
      extract(page).text == """
        The harbor reopened on Monday after a week of repairs to the sea wall.
        Boats lined up at dawn to leave port.

        Fishermen said the closure had cost them a week of income during the busiest season.
        """)
  }

  @Test("a data table keeps one line per row, repeated cells included")
  func tableRows() {
    let page = """
      <html><body><div class="entry-content">
      <p>Final standings after the last race of the season, with points and wins for each driver.</p>
      <table class="standings"><tr><th>Pos.</th><th>Driver</th><th>Wins</th></tr>
      <tr class="player-row"><td>1</td><td>Ann Lee</td><td>0</td></tr>
      <tr class="player-row"><td>2</td><td>Bo Chan</td><td>0</td></tr></table>
      </div></body></html>
      """
    #expect(
      extract(page).text == """
        Final standings after the last race of the season, with points and wins for each driver.

        Pos. Driver Wins

        1 Ann Lee 0

        2 Bo Chan 0
        """)
  }

  @Test("a paragraph that is only a link is dropped unless it spells out an address")
  func linkParagraphs() {
    let page = """
      <html><body><article><div class="post-content">
      <p>The ministry published the full report on Friday, after months of delay and pressure from lawmakers.</p>
      <p><a href="/other-story">MINISTER RESIGNS OVER REPORT</a></p>
      <p>Critics said the report left out the costs of the program and the names of its contractors.</p>
      <p><a href="http://ministry.example/report.pdf">http://ministry.example/report.pdf</a></p>
      </div></article></body></html>
      """
    let text = extract(page).text
    #expect(!text.contains("MINISTER RESIGNS"))
    #expect(text.hasSuffix("http://ministry.example/report.pdf"))
  }

  @Test("gzip-compressed pages are inflated first")
  func gzipPage() throws {
    // `printf '<p>…</p>' | gzip -n` of a short page, as bytes.
    let story = String(repeating: "Ferries resumed service across the bay on Sunday. ", count: 3)
    let html = "<html><body><p>\(story)</p></body></html>"
    let compressed = try #require(gzip(Data(html.utf8)))
    #expect(HTMLGzip.isGzip(compressed))
    #expect(HTMLGzip.decompress(compressed) == Data(html.utf8))
    #expect(
      extractor.extract(compressed, url: nil, contentTypeCharset: nil).text
        == story.trimmingCharacters(in: .whitespaces))
    #expect(HTMLGzip.decompress(compressed.prefix(compressed.count - 12)) == nil)
  }

  @Test("embedded posts in a blockquote are kept as quoted content")
  func embeddedPost() {
    let page = """
      <html><body><article><div class="entry-content">
      <p>The governor defended the campaign on Monday, saying it had started a conversation across the state.</p>
      <div class="social-embed"><blockquote class="twitter-tweet"><p>The whole point of the campaign is to raise awareness, and it is working.</p>— Governor (@gov) November 18, 2019</blockquote></div>
      <p>Critics said the slogan was confusing and cost the state far too much money for what it achieved.</p>
      </div></article></body></html>
      """
    let result = extract(page)
    #expect(result.text.contains("The whole point of the campaign is to raise awareness"))
  }

  /// gzip through the system tool, so the test does not depend on the code it checks.
  private func gzip(_ data: Data) -> Data? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "gzip -n -c"]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    do { try process.run() } catch { return nil }
    input.fileHandleForWriting.write(data)
    try? input.fileHandleForWriting.close()
    let result = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return process.terminationStatus == 0 ? result : nil
  }
}
