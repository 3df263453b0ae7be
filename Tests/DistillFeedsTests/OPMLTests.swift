import DistillFeeds
import Foundation
import Testing

struct OPMLTests {
  static let sample = """
    <?xml version="1.0" encoding="UTF-8"?>
    <opml version="2.0">
      <head><title>My feeds</title></head>
      <body>
        <outline text="News">
          <outline text="Wire" title="The Wire" type="rss" xmlUrl="https://wire.example.com/rss"
                   htmlUrl="https://wire.example.com/"/>
          <outline text="Local">
            <outline text="Ledger" type="rss" xmlURL="https://ledger.example.com/feed"/>
          </outline>
        </outline>
        <outline text="Loose" type="rss" xmlUrl="https://loose.example.com/atom.xml"/>
      </body>
    </opml>
    """

  @Test func importFlattensNestedFolders() throws {
    let document = try OPMLDocument.parse(Data(Self.sample.utf8))
    #expect(document.title == "My feeds")
    #expect(
      document.subscriptions == [
        Subscription(
          title: "The Wire", feedURL: "https://wire.example.com/rss",
          siteURL: "https://wire.example.com/", folders: ["News"]),
        Subscription(
          title: "Ledger", feedURL: "https://ledger.example.com/feed", folders: ["News", "Local"]),
        Subscription(title: "Loose", feedURL: "https://loose.example.com/atom.xml"),
      ])
  }

  @Test func exportRoundTripsAndEscapes() throws {
    let subscriptions = [
      Subscription(
        title: "Q&A \"Daily\" <live>", feedURL: "https://q.example.com/rss?a=1&b=2",
        folders: ["Tech", "Q"]),
      Subscription(
        title: "Plain", feedURL: "https://p.example.com/feed", siteURL: "https://p.example.com/"),
      Subscription(title: "Sibling", feedURL: "https://s.example.com/feed", folders: ["Tech"]),
    ]
    let xml = OPMLDocument(title: "Export & more", subscriptions: subscriptions).xml()
    #expect(xml.contains("xmlUrl=\"https://q.example.com/rss?a=1&amp;b=2\""))
    #expect(xml.contains("text=\"Q&amp;A &quot;Daily&quot; &lt;live&gt;\""))
    let reread = try OPMLDocument.parse(Data(xml.utf8))
    #expect(reread.title == "Export & more")
    // Folders group their feeds, so "Sibling" joins "Tech" before the top-level feed.
    #expect(
      Set(reread.subscriptions.map { $0 }) == Set(subscriptions))
    #expect(reread.outlines.map(\.text) == ["Tech", "Plain"])
  }

  @Test func refusesNonOPML() {
    #expect(throws: FeedError.notAnOPML(root: "rss")) {
      try OPMLDocument.parse(Data("<rss version=\"2.0\"><channel/></rss>".utf8))
    }
    #expect(throws: FeedError.truncated(line: 1)) {
      try OPMLDocument.parse(Data("<opml><body><outline text=\"a\">".utf8))
    }
  }
}
