import DistillText
import Foundation

/// JSON Feed 1.0 and 1.1 (jsonfeed.org). Read leniently: ids may be numbers, dates may be
/// RFC 822, and 1.0's `author` is used when 1.1's `authors` is missing.
enum JSONFeedReader {
  static func read(_ data: Data, url: URL?) throws(FeedError) -> Feed {
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: data, options: [])
    } catch {
      throw FeedError.malformedJSON(Self.describe(error))
    }
    guard let root = object as? [String: Any] else {
      throw FeedError.notAJSONFeed("the top level is not an object")
    }
    guard let version = root["version"] as? String, version.contains("jsonfeed.org") else {
      throw FeedError.notAJSONFeed("no \"version\" naming jsonfeed.org")
    }
    guard let items = root["items"] as? [Any] else {
      throw FeedError.notAJSONFeed("no \"items\" array")
    }
    let feedURL = (root["feed_url"] as? String).flatMap { URL(string: $0) }
    let base = url ?? feedURL
    func resolve(_ value: Any?) -> String? {
      guard let string = (value as? String)?.trimmedWhitespace(),
        !string.isEmpty
      else { return nil }
      return URLResolution.resolve(string, against: base)
    }
    let feedAuthors = authors(root)
    return Feed(
      kind: .jsonFeed,
      version: version.split(separator: "/").last.map(String.init),
      title: TitleText.plain(nonEmpty(root["title"])), siteLink: resolve(root["home_page_url"]),
      selfLink: resolve(root["feed_url"]), description: nonEmpty(root["description"]),
      language: nonEmpty(root["language"]), updated: nil,
      items: items.compactMap { $0 as? [String: Any] }.map { item in
        var media: [FeedMedia] = []
        if let image = resolve(item["image"]) { media.append(FeedMedia(url: image, role: .image)) }
        if let banner = resolve(item["banner_image"]) {
          media.append(FeedMedia(url: banner, role: .image))
        }
        for attachment in (item["attachments"] as? [[String: Any]]) ?? [] {
          if let url = resolve(attachment["url"]) {
            media.append(
              FeedMedia(
                url: url, role: .enclosure, mimeType: attachment["mime_type"] as? String,
                length: (attachment["size_in_bytes"] as? NSNumber)?.intValue))
          }
        }
        let itemAuthors = authors(item)
        return FeedItem(
          id: nonEmpty(item["id"]) ?? (item["id"] as? NSNumber)?.stringValue,
          title: TitleText.plain(nonEmpty(item["title"])),
          link: resolve(item["url"]) ?? resolve(item["external_url"]),
          published: nonEmpty(item["date_published"]).flatMap(DateField.parse),
          updated: nonEmpty(item["date_modified"]).flatMap(DateField.parse),
          authors: itemAuthors.isEmpty ? feedAuthors : itemAuthors,
          summary: nonEmpty(item["summary"]),
          content: nonEmpty(item["content_html"]) ?? nonEmpty(item["content_text"]),
          categories: unique(((item["tags"] as? [Any]) ?? []).compactMap(nonEmpty)),
          media: media, contentBase: base?.absoluteString)
      })
  }

  private static func authors(_ object: [String: Any]) -> [String] {
    let list =
      (object["authors"] as? [[String: Any]])
      ?? (object["author"] as? [String: Any]).map { [$0] } ?? []
    return unique(list.compactMap { nonEmpty($0["name"]) })
  }

  private static func nonEmpty(_ value: Any?) -> String? {
    guard let string = (value as? String)?.trimmedWhitespace(),
      !string.isEmpty
    else { return nil }
    return string
  }

  private static func describe(_ error: any Error) -> String {
    let nsError = error as NSError
    if let detail = nsError.userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
    return nsError.localizedDescription
  }
}
