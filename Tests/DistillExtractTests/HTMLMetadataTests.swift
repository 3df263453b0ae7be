import DistillModel
import DistillText
import Foundation
import Testing

@testable import DistillExtract

@Suite("HTML metadata")
struct HTMLMetadataTests {
  func metadata(_ head: String, body: String = "", url: String? = nil) -> ArticleMetadata {
    let doc = HTMLDocument(
      utf8: Array("<html><head>\(head)</head><body>\(body)</body></html>".utf8))
    return HTMLMetadataReader.read(doc, url: url).metadata
  }

  @Test("dates in the forms pages use, all to UTC")
  func dates() {
    let noon = Date(timeIntervalSince1970: 1_573_041_600)  // 2019-11-06T12:00:00Z
    #expect(DateField.parse("2019-11-06T12:00:00Z") == noon)
    #expect(DateField.parse("2019-11-06T07:00:00-05:00") == noon)
    #expect(DateField.parse("2019-11-06T13:00:00+0100") == noon)
    #expect(DateField.parse("2019-11-06T12:00:00.123Z") == noon)
    #expect(DateField.parse("2019-11-06 12:00:00") == noon)
    #expect(DateField.parse("2019-11-06T12:00Z") == noon)
    #expect(DateField.parse("Wed, 06 Nov 2019 12:00:00 GMT") == noon)
    #expect(DateField.parse("Wed, 06 Nov 2019 07:00:00 EST") == noon)
    #expect(DateField.parse("6 Nov 2019 14:00:00 +0200") == noon)
    #expect(DateField.parse("2019-11-06") == Date(timeIntervalSince1970: 1_572_998_400))
    #expect(DateField.parse("2000-02-29T00:00:00Z") == Date(timeIntervalSince1970: 951_782_400))
    #expect(DateField.parse("November 6, 2019, 07:00 AM EST") == noon)
    #expect(DateField.parse("Nov 6, 2019 12:00 PM") == noon)
    #expect(DateField.parse("2019/11/06") == Date(timeIntervalSince1970: 1_572_998_400))
    #expect(DateField.parse("20191106") == Date(timeIntervalSince1970: 1_572_998_400))
    #expect(DateField.parse("yesterday") == nil)
    #expect(DateField.parse("2019-13-01") == nil)
  }

  @Test("<time datetime> and meta date variants")
  func dateFallbacks() {
    let m = metadata("", body: "<time datetime=\"2021-05-01T10:00:00+02:00\">May 1</time>")
    #expect(m.published == Date(timeIntervalSince1970: 1_619_856_000))
    let n = metadata(
      "<meta name=\"pubdate\" content=\"2021-05-01T08:00:00Z\"><meta property=\"article:modified_time\" content=\"2021-05-02T08:00:00Z\">"
    )
    #expect(n.published == Date(timeIntervalSince1970: 1_619_856_000))
    #expect(n.updated == Date(timeIntervalSince1970: 1_619_942_400))
  }

  @Test("a meta tag's itemprop counts as well as its property")
  func severalNames() {
    let m = metadata(
      "<meta property=\"article:published\" itemprop=\"datePublished dateCreated\" content=\"2019-11-19T11:00:09.000Z\">"
    )
    #expect(m.published == Date(timeIntervalSince1970: 1_574_161_209))
  }

  @Test("og:title beats <title>; <title> beats <h1>")
  func titleOrder() {
    #expect(
      metadata("<meta property=\"og:title\" content=\"OG headline\"><title>Doc | Site</title>")
        .title == "OG headline")
    #expect(
      metadata("<title>Doc title | Site</title>", body: "<h1>Heading</h1>").title == "Doc title")
    #expect(metadata("", body: "<h1>Only heading</h1>").title == "Only heading")
  }

  @Test("site suffixes come off; dashes inside a headline stay")
  func siteSuffix() {
    #expect(
      HTMLMetadataReader.stripSiteSuffix("Storm hits coast | The Harbor Ledger")
        == "Storm hits coast")
    #expect(
      HTMLMetadataReader.stripSiteSuffix("Storm hits coast - News - Ledger") == "Storm hits coast")
    #expect(
      HTMLMetadataReader.stripSiteSuffix(
        "Mayor - a profile of the woman who runs the city and her plans for it")
        == "Mayor - a profile of the woman who runs the city and her plans for it")
  }

  @Test("a title of thousands of separators is handled without recursion")
  func hostileTitle() {
    let title = "Real headline here" + String(repeating: " | x", count: 50_000)
    let stripped = HTMLMetadataReader.stripSiteSuffix(title)
    #expect(stripped.hasPrefix("Real headline here"))
    #expect(stripped.count == title.count - 3 * 4)
  }

  @Test("authors from meta tags, with 'By' and 'and' split off")
  func authors() {
    #expect(
      metadata("<meta name=\"byl\" content=\"By Ann Lee and Bo Chan\">").authors == [
        "Ann Lee", "Bo Chan",
      ])
    #expect(
      metadata("<meta property=\"article:author\" content=\"https://facebook.com/x\">").authors
        == [])
    #expect(
      metadata("", body: "<a rel=\"author\" href=\"/a\">Eva Ruiz</a>").authors == ["Eva Ruiz"])
  }

  @Test("language from <html lang>, else og:locale; outlet from og:site_name")
  func languageAndOutlet() {
    #expect(metadata("<meta property=\"og:locale\" content=\"pt_BR\">").language == "pt-BR")
    let doc = HTMLDocument(
      utf8: Array(
        "<html lang=\"de\"><head><meta property=\"og:site_name\" content=\"Tagesblatt\"></head></html>"
          .utf8))
    let m = HTMLMetadataReader.read(doc, url: nil).metadata
    #expect(m.language == "de")
    #expect(m.outlet == "Tagesblatt")
  }

  @Test("relative canonical and image links resolve against the page URL")
  func relativeLinks() {
    let m = metadata(
      "<link rel=\"canonical\" href=\"/story/1\"><meta property=\"og:image\" content=\"img/a.jpg\">",
      url: "https://news.example/section/page.html")
    #expect(m.url == "https://news.example/story/1")
    #expect(m.imageURL == "https://news.example/section/img/a.jpg")
  }

  @Test("broken JSON-LD is ignored, not fatal")
  func brokenJSONLD() {
    let m = metadata(
      "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", </script><title>Fine story | Site</title>"
    )
    #expect(m.title == "Fine story")
  }
}
