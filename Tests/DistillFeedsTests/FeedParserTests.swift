import DistillFeeds
import DistillTestSupport
import Foundation
import Testing

private let feedURL = URL(string: "https://news.example.org/feeds/main.xml")!

private func parse(_ text: String, url: URL? = feedURL) throws -> Feed {
  try FeedParser().parse(Data(text.utf8), url: url)
}

private func failure(_ data: Data, limits: FeedParser.Limits = .init()) -> FeedError? {
  do {
    _ = try FeedParser(limits: limits).parse(data, url: feedURL)
    return nil
  } catch {
    return error
  }
}

struct RSSDialectTests {
  @Test func rss20WithNamespaces() throws {
    let feed = try parse(
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
           xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom"
           xmlns:media="http://search.yahoo.com/mrss/">
        <channel>
          <title>Harbor Ledger &amp; Co</title>
          <link>https://ledger.example.com/</link>
          <atom:link href="/rss" rel="self" type="application/rss+xml"/>
          <description>Local news</description>
          <language>en-us</language>
          <lastBuildDate>Tue, 02 Mar 2021 23:39:15 +0100</lastBuildDate>
          <item>
            <title>Council approves the &lt;b&gt;harbor&lt;/b&gt; budget</title>
            <link>/2021/03/harbor-budget</link>
            <guid isPermaLink="false">ledger-4411</guid>
            <pubDate>Tue, 02 Mar 2021 18:00:00 GMT</pubDate>
            <author>desk@ledger.example.com (Ana Ruiz)</author>
            <dc:creator>Ben Ode</dc:creator>
            <category>Politics</category>
            <category>Harbor</category>
            <description>&lt;p&gt;The council voted 7–2.&lt;/p&gt;</description>
            <content:encoded><![CDATA[<p>The council voted <em>7–2</em> on Tuesday.</p>]]></content:encoded>
            <enclosure url="/media/vote.mp3" type="audio/mpeg" length="12345"/>
            <media:content url="https://cdn.example.com/vote.jpg" type="image/jpeg">
              <media:title>Not the item title</media:title>
            </media:content>
            <media:thumbnail url="https://cdn.example.com/vote-small.jpg"/>
          </item>
          <item>
            <title>Second story</title>
            <guid>https://ledger.example.com/2021/03/second</guid>
            <dc:date>2021-03-01T08:00:00Z</dc:date>
          </item>
        </channel>
      </rss>
      """)
    #expect(feed.kind == .rss20)
    #expect(feed.version == "2.0")
    #expect(feed.title == "Harbor Ledger & Co")
    #expect(feed.siteLink == "https://ledger.example.com/")
    #expect(feed.selfLink == "https://news.example.org/rss")
    #expect(feed.language == "en-us")
    #expect(feed.updated == utc(2021, 3, 2, 22, 39, 15))
    #expect(feed.items.count == 2)
    let first = feed.items[0]
    #expect(first.title == "Council approves the harbor budget")
    #expect(first.id == "ledger-4411")
    #expect(first.link == "https://news.example.org/2021/03/harbor-budget")
    #expect(first.published == utc(2021, 3, 2, 18))
    #expect(first.authors == ["Ana Ruiz", "Ben Ode"])
    #expect(first.categories == ["Politics", "Harbor"])
    #expect(first.summary == "<p>The council voted 7–2.</p>")
    #expect(first.content == "<p>The council voted <em>7–2</em> on Tuesday.</p>")
    #expect(
      first.media == [
        FeedMedia(
          url: "https://news.example.org/media/vote.mp3", role: .enclosure,
          mimeType: "audio/mpeg", length: 12345),
        FeedMedia(url: "https://cdn.example.com/vote.jpg", role: .content, mimeType: "image/jpeg"),
        FeedMedia(url: "https://cdn.example.com/vote-small.jpg", role: .thumbnail),
      ])
    // A permalink guid stands in for the missing <link>; dc:date for the missing pubDate.
    #expect(feed.items[1].link == "https://ledger.example.com/2021/03/second")
    #expect(feed.items[1].published == utc(2021, 3, 1, 8))
  }

  @Test func rss091() throws {
    let feed = try parse(
      """
      <?xml version="1.0"?>
      <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
        "http://my.netscape.com/publish/formats/rss-0.91.dtd">
      <rss version="0.91"><channel><title>Old Times</title><link>http://old.example.com/</link>
        <item><title>Caf&eacute; opens</title><link>http://old.example.com/cafe</link>
          <description>Coffee&nbsp;served.</description></item>
      </channel></rss>
      """)
    #expect(feed.kind == .rss09x)
    #expect(feed.version == "0.91")
    // HTML entities from the (never loaded) Netscape DTD are still understood.
    #expect(feed.items.map(\.title) == ["Café opens"])
    #expect(feed.items[0].summary == "Coffee\u{A0}served.")
  }

  @Test func rss090() throws {
    let feed = try parse(
      """
      <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
               xmlns="http://my.netscape.com/rdf/simple/0.9/">
        <channel><title>Mozilla Dot Org</title><link>http://www.mozilla.org</link></channel>
        <item><title>New Status Updates</title><link>http://www.mozilla.org/status/</link></item>
        <item><title>Bugzilla Reorganized</title><link>http://www.mozilla.org/bugs/</link></item>
      </rdf:RDF>
      """)
    #expect(feed.kind == .rss09x)
    #expect(feed.version == "0.90")
    #expect(
      feed.items.map(\.link) == ["http://www.mozilla.org/status/", "http://www.mozilla.org/bugs/"])
  }

  @Test func rss10() throws {
    let feed = try parse(
      """
      <?xml version="1.0"?>
      <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
               xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"
               xmlns:content="http://purl.org/rss/1.0/modules/content/">
        <channel rdf:about="http://xml.example.com/rss">
          <title>XML Example</title><link>http://xml.example.com/</link>
          <items><rdf:Seq><rdf:li resource="http://xml.example.com/a"/></rdf:Seq></items>
        </channel>
        <item rdf:about="http://xml.example.com/a">
          <title>Processing Inclusions</title>
          <link>http://xml.example.com/a</link>
          <dc:date>2002-09-01T12:00:00+02:00</dc:date>
          <dc:creator>Jo Writer</dc:creator>
          <dc:subject>XML</dc:subject>
          <content:encoded>&lt;p&gt;Body&lt;/p&gt;</content:encoded>
        </item>
      </rdf:RDF>
      """)
    #expect(feed.kind == .rss10)
    #expect(feed.title == "XML Example")
    let item = try #require(feed.items.first)
    #expect(item.id == "http://xml.example.com/a")
    #expect(item.published == utc(2002, 9, 1, 10))
    #expect(item.authors == ["Jo Writer"])
    #expect(item.categories == ["XML"])
    #expect(item.content == "<p>Body</p>")
  }
}

struct AtomAndJSONTests {
  @Test func atomWithNestedXMLBase() throws {
    let feed = try parse(
      """
      <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example.net/" xml:lang="en">
        <title type="html">Notes &amp;amp; Drafts</title>
        <link href="/" rel="alternate"/>
        <link href="atom.xml" rel="self"/>
        <updated>2024-05-01T10:00:00Z</updated>
        <author><name>Feed Author</name></author>
        <entry xml:base="posts/2024/">
          <id>tag:blog.example.net,2024:1</id>
          <title>First</title>
          <link href="first.html"/>
          <link rel="enclosure" href="first.mp3" type="audio/mpeg" length="99"/>
          <published>2024-04-30T09:00:00-04:00</published>
          <updated>2024-05-01T10:00:00Z</updated>
          <category term="notes"/>
          <summary>Short.</summary>
          <content type="xhtml" xml:base="media/">
            <div xmlns="http://www.w3.org/1999/xhtml"><p>Hello <img src="pic.png"/></p></div>
          </content>
        </entry>
        <entry>
          <id>tag:blog.example.net,2024:2</id>
          <title>Second</title>
          <author><name>Guest</name></author>
          <updated>2024-05-02T10:00:00Z</updated>
          <content type="text/html" src="/second.html"/>
        </entry>
      </feed>
      """, url: URL(string: "https://mirror.example.org/feed")!)
    #expect(feed.kind == .atom)
    #expect(feed.title == "Notes & Drafts")
    #expect(feed.siteLink == "https://blog.example.net/")
    #expect(feed.selfLink == "https://blog.example.net/atom.xml")
    #expect(feed.language == "en")
    let first = feed.items[0]
    #expect(first.link == "https://blog.example.net/posts/2024/first.html")
    #expect(first.published == utc(2024, 4, 30, 13))
    #expect(first.updated == utc(2024, 5, 1, 10))
    // Entries without authors inherit the feed's.
    #expect(first.authors == ["Feed Author"])
    #expect(first.categories == ["notes"])
    #expect(first.summary == "Short.")
    #expect(first.content == "<p>Hello <img src=\"pic.png\"/></p>")
    #expect(first.contentBase == "https://blog.example.net/posts/2024/media/")
    #expect(
      first.media == [
        FeedMedia(
          url: "https://blog.example.net/posts/2024/first.mp3", role: .enclosure,
          mimeType: "audio/mpeg", length: 99)
      ])
    let second = feed.items[1]
    #expect(second.authors == ["Guest"])
    // Out-of-line content: the body lives at src, which also serves as the link.
    #expect(second.content == nil)
    #expect(second.link == "https://blog.example.net/second.html")
  }

  @Test func jsonFeed11() throws {
    let feed = try parse(
      """
      {"version": "https://jsonfeed.org/version/1.1", "title": "Wire &amp; Co",
       "home_page_url": "https://wire.example.com/", "feed_url": "https://wire.example.com/feed.json",
       "authors": [{"name": "Desk"}],
       "items": [
        {"id": 42, "url": "/a", "title": "A", "content_html": "<p>a</p>",
         "date_published": "2024-01-02T03:04:05+01:00", "tags": ["x", "x", "y"],
         "image": "img/a.png",
         "attachments": [{"url": "https://wire.example.com/a.mp3", "mime_type": "audio/mpeg",
                          "size_in_bytes": 10}]},
        {"id": "b", "external_url": "https://elsewhere.example.com/b", "content_text": "b",
         "date_modified": "Fri, 31 May 2019 12:17:58 -0700", "author": {"name": "Old Style"}}
       ]}
      """, url: nil)
    #expect(feed.kind == .jsonFeed)
    #expect(feed.version == "1.1")
    #expect(feed.title == "Wire & Co")
    #expect(feed.items.count == 2)
    let a = feed.items[0]
    #expect(a.id == "42")
    #expect(a.link == "https://wire.example.com/a")
    #expect(a.published == utc(2024, 1, 2, 2, 4, 5))
    #expect(a.categories == ["x", "y"])
    #expect(a.authors == ["Desk"])
    #expect(a.content == "<p>a</p>")
    #expect(
      a.media.map(\.url) == [
        "https://wire.example.com/img/a.png", "https://wire.example.com/a.mp3",
      ])
    let b = feed.items[1]
    #expect(b.link == "https://elsewhere.example.com/b")
    #expect(b.updated == utc(2019, 5, 31, 19, 17, 58))
    #expect(b.authors == ["Old Style"])
  }
}

struct EncodingTests {
  static let latin1Feed =
    Data(
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><item><title>Caf"
        .utf8) + Data([0xE9, 0x20, 0x93, 0x6F, 0x6B, 0x94])
    + Data("</title></item></channel></rss>".utf8)

  @Test func declaredLatin1ReadsAsWindows1252() throws {
    let feed = try FeedParser().parse(Self.latin1Feed)
    // 0x93/0x94 are curly quotes in windows-1252, which servers label ISO-8859-1.
    #expect(feed.items.first?.title == "Café \u{201C}ok\u{201D}")
  }

  @Test func byteOrderMarkAndLeadingWhitespace() throws {
    let bom =
      Data([0xEF, 0xBB, 0xBF])
      + Data("<rss version=\"2.0\"><channel><item><title>Ünï</title></item></channel></rss>".utf8)
    #expect(try FeedParser().parse(bom).items.first?.title == "Ünï")
    let blank = Data(
      "\n\n  <?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>x</title></entry></feed>"
        .utf8)
    #expect(try FeedParser().parse(blank).items.first?.title == "x")
  }

  @Test func longLeadingWhitespaceAndDataSlices() throws {
    let text =
      String(repeating: " \n", count: 5_000)
      + "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>late</title></item></channel></rss>"
    #expect(try FeedParser().parse(Data(text.utf8)).items.first?.title == "late")
    let framed = Data("XXXX".utf8) + Data(text.utf8)
    #expect(try FeedParser().parse(framed.dropFirst(4)).items.first?.title == "late")
    let bomAndBlank =
      Data([0xEF, 0xBB, 0xBF])
      + Data(
        "\n<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>é</title></entry></feed>"
          .utf8)
    #expect(try FeedParser().parse(bomAndBlank).items.first?.title == "é")
  }

  @Test func utf16WithBOM() throws {
    var data = Data([0xFF, 0xFE])
    let text =
      "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss version=\"2.0\"><channel><item><title>Zürich</title></item></channel></rss>"
    for unit in text.utf16 { data.append(contentsOf: [UInt8(unit & 0xFF), UInt8(unit >> 8)]) }
    #expect(try FeedParser().parse(data).items.first?.title == "Zürich")
  }

  @Test func declaredUTF8ButLatin1Bytes() throws {
    let data =
      Data(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><item><title>Gr"
          .utf8)
      + Data([0xFC, 0xDF, 0x65]) + Data("</title></item></channel></rss>".utf8)
    let feed = try FeedParser().parse(data)
    #expect(feed.items.first?.title == "Grüße")
    #expect(feed.warnings.first?.contains("not valid UTF-8") == true)
  }

  @Test func declaredLatin1ButUTF8Bytes() throws {
    let data = Data(
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><item><title>Grüße</title></item></channel></rss>"
        .utf8)
    let feed = try FeedParser().parse(data)
    #expect(feed.items.first?.title == "Grüße")
    #expect(feed.warnings.first?.contains("the bytes are UTF-8") == true)
  }
}

struct BadInputTests {
  @Test func htmlPageNamesItsFeeds() {
    let page = Data(
      """
      <!DOCTYPE html><html><head><title>News</title>
      <link rel="alternate" type="application/rss+xml" href="/rss.xml">
      <link rel="stylesheet" href="/s.css"></head><body><p>Hi</p></body></html>
      """.utf8)
    let error = failure(page)
    #expect(error == .htmlPage(feedLinks: ["https://news.example.org/rss.xml"]))
    #expect(
      error?.message
        == "is an HTML page, not a feed (it links to the feed https://news.example.org/rss.xml)")
    #expect(
      failure(Data("<html><body>plain</body></html>".utf8))?.message
        == "is an HTML page, not a feed")
  }

  @Test func billionLaughsIsRefusedQuickly() {
    var doctype = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n"
    for level in 1...9 {
      let previous = level == 1 ? "lol" : "lol\(level - 1)"
      doctype += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
    }
    doctype +=
      "]>\n<rss version=\"2.0\"><channel><item><title>&lol9;</title></item></channel></rss>"
    let error = failure(Data(doctype.utf8))
    #expect(error == .entityDeclarations)
    #expect(error?.message.contains("entity-expansion") == true)
  }

  @Test func billionLaughsInUTF16IsRefusedToo() {
    let text = """
      <?xml version="1.0" encoding="UTF-16"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">
      <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss version="2.0"><channel><item>
      <title>&b;</title></item></channel></rss>
      """
    var data = Data([0xFE, 0xFF])
    for unit in text.utf16 { data.append(contentsOf: [UInt8(unit >> 8), UInt8(unit & 0xFF)]) }
    #expect(failure(data) == .entityDeclarations)
  }

  @Test func deeplyNestedHTMLPageIsStillRecognised() {
    let depth = 100_000
    let page =
      "<!DOCTYPE html><html><body>" + String(repeating: "<div>", count: depth) + "x"
      + String(repeating: "</div>", count: depth) + "</body></html>"
    #expect(failure(Data(page.utf8)) == .htmlPage(feedLinks: []))
  }

  @Test func externalEntityIsRefused() {
    let xxe = """
      <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
      <rss version="2.0"><channel><item><title>&xxe;</title></item></channel></rss>
      """
    #expect(failure(Data(xxe.utf8)) == .entityDeclarations)
  }

  @Test func hundredThousandDeepNestingStopsAtTheLimit() {
    let depth = 100_000
    let text =
      "<rss version=\"2.0\"><channel>" + String(repeating: "<a>", count: depth)
      + String(repeating: "</a>", count: depth) + "</channel></rss>"
    #expect(failure(Data(text.utf8)) == .tooDeeplyNested(limit: 256))
  }

  @Test func truncatedWithoutItemsFails() {
    let text = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">\n<channel>\n<title>Cut"
    let error = failure(Data(text.utf8))
    #expect(error == .truncated(line: 4))
    #expect(error?.message == "is truncated XML (it ends at line 4 inside an element)")
  }

  @Test func truncatedAfterItemsKeepsThemWithAWarning() throws {
    let text = """
      <rss version="2.0"><channel><title>T</title>
      <item><title>One</title><link>https://a.example/1</link></item>
      <item><title>Two</title><link>https://a.example/2</link></item>
      <item><title>Thr
      """
    let feed = try parse(text)
    #expect(feed.items.prefix(2).map(\.title) == ["One", "Two"])
    #expect(feed.warnings.contains { $0.hasPrefix("is truncated XML") && $0.contains("kept the") })
  }

  @Test func binaryEmptyAndOversized() {
    #expect(failure(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00])) == .binary)
    #expect(failure(Data()) == .empty)
    #expect(failure(Data("  \n ".utf8)) == .empty)
    let big = Data(repeating: UInt8(ascii: " "), count: 2_000) + Data("<rss/>".utf8)
    #expect(failure(big, limits: .init(maxBytes: 1_000)) == .tooLarge(bytes: 2_006, limit: 1_000))
  }

  @Test func notAFeedAndMalformed() {
    #expect(failure(Data("<catalog><book/></catalog>".utf8)) == .notAFeed(root: "catalog"))
    #expect(failure(Data("plain words".utf8))?.message.hasPrefix("is not well-formed XML") == true)
    if case .malformedXML(let line, _) = failure(
      Data("<rss version=\"2.0\">\n<channel></rss>".utf8))
    {
      #expect(line == 2)
    } else {
      Issue.record("expected a malformed-XML error")
    }
    #expect(
      failure(Data("{\"title\": 1}".utf8)) == .notAJSONFeed("no \"version\" naming jsonfeed.org"))
    #expect(failure(Data("{\"version\": ".utf8))?.message.hasPrefix("is not valid JSON") == true)
  }
}

struct ArticleMetadataTests {
  @Test func itemMetadataFillsArticleFields() throws {
    let feed = try parse(
      """
      <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel>
        <title>Harbor Ledger</title><language>en</language>
        <item><title>Vote</title><link>https://ledger.example.com/vote</link><guid>v-1</guid>
          <pubDate>Tue, 02 Mar 2021 18:00:00 GMT</pubDate><author>a@b.c (Ana Ruiz)</author>
          <description>Short</description>
          <media:thumbnail url="https://cdn.example.com/t.jpg"/></item>
      </channel></rss>
      """)
    let item = try #require(feed.items.first)
    let metadata = item.articleMetadata(in: feed)
    #expect(metadata.title == "Vote")
    #expect(metadata.outlet == "Harbor Ledger")
    #expect(metadata.published == utc(2021, 3, 2, 18))
    #expect(metadata.authors == ["Ana Ruiz"])
    #expect(metadata.url == "https://ledger.example.com/vote")
    #expect(metadata.language == "en")
    #expect(metadata.imageURL == "https://cdn.example.com/t.jpg")
    #expect(metadata.documentID == "v-1")
    #expect(item.bodyHTML == "Short")
  }
}
