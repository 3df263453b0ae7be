import Foundation
import Testing

@testable import DistillExtract

@Suite("HTMLCharset")
struct HTMLCharsetTests {
  let story = "Café owners in Zürich said the “new rules” cost them €200 a month — too much."

  func page(_ head: String, body: String) -> String {
    "<html><head>\(head)</head><body><p>\(body)</p></body></html>"
  }

  /// Windows-1252 bytes of `text` (every character used here exists in that code page).
  func windows1252(_ text: String) -> [UInt8] {
    let table: [Character: UInt8] = ["“": 0x93, "”": 0x94, "€": 0x80, "—": 0x97]
    var bytes: [UInt8] = []
    for ch in text {
      if let b = table[ch] {
        bytes.append(b)
      } else {
        let v = ch.unicodeScalars.first!.value
        precondition(v < 256)
        bytes.append(UInt8(v))
      }
    }
    return bytes
  }

  func extractText(_ bytes: [UInt8], header: String? = nil) -> (String, String) {
    let result = HTMLExtractor().extract(Data(bytes), url: nil, contentTypeCharset: header)
    return (result.text, result.charset)
  }

  @Test("<meta charset=windows-1252> decodes curly quotes, euro sign and dashes")
  func metaWindows1252() {
    let bytes = windows1252(page("<meta charset=\"windows-1252\">", body: story))
    #expect(
      HTMLCharset.detect(bytes, contentTypeCharset: nil)
        == .init(label: "windows-1252", evidence: .metaTag))
    let (text, charset) = extractText(bytes)
    #expect(text == story)
    #expect(charset == "windows-1252")
  }

  @Test("http-equiv Content-Type with iso-8859-1 is read as Windows-1252, as browsers do")
  func httpEquivLatin1() {
    let head = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"
    let (text, _) = extractText(windows1252(page(head, body: story)))
    #expect(text == story)
  }

  @Test("the HTTP header's charset wins over a wrong <meta>")
  func headerWins() {
    let bytes = windows1252(page("<meta charset=\"utf-8\">", body: story))
    #expect(HTMLCharset.detect(bytes, contentTypeCharset: "windows-1252").evidence == .httpHeader)
    #expect(extractText(bytes, header: "windows-1252").0 == story)
  }

  @Test("a UTF-8 byte-order mark wins over a <meta> that says otherwise")
  func byteOrderMark() {
    let bytes = [0xEF, 0xBB, 0xBF] + Array(page("<meta charset=\"iso-8859-1\">", body: story).utf8)
    #expect(
      HTMLCharset.detect(bytes, contentTypeCharset: nil)
        == .init(label: "utf-8", evidence: .byteOrderMark))
    #expect(extractText(bytes).0 == story)
  }

  @Test("UTF-16LE with a byte-order mark")
  func utf16() {
    var bytes: [UInt8] = [0xFF, 0xFE]
    for unit in page("", body: story).utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    #expect(extractText(bytes).0 == story)
  }

  @Test("no declaration: valid UTF-8 is UTF-8, anything else Windows-1252")
  func detection() {
    let utf8 = Array(page("", body: story).utf8)
    #expect(
      HTMLCharset.detect(utf8, contentTypeCharset: nil)
        == .init(label: "utf-8", evidence: .detected))
    #expect(extractText(utf8).0 == story)
    let latin = windows1252(page("", body: story))
    #expect(
      HTMLCharset.detect(latin, contentTypeCharset: nil)
        == .init(label: "windows-1252", evidence: .detected))
    #expect(extractText(latin).0 == story)
  }

  @Test("a charset libxml2 knows through iconv (ISO-8859-7, Greek)")
  func iconvCharset() {
    // "Αθήνα" in ISO-8859-7.
    let greek: [UInt8] = [0xC1, 0xE8, 0xDE, 0xED, 0xE1]
    let filler = Array(
      " is the capital of Greece, and this sentence is long enough to count as article text.".utf8)
    let bytes =
      Array("<html><head><meta charset=\"iso-8859-7\"></head><body><p>".utf8) + greek + filler
      + Array("</p></body></html>".utf8)
    let (text, charset) = extractText(bytes)
    #expect(charset == "iso-8859-7")
    #expect(text.hasPrefix("Αθήνα is the capital"))
  }

  @Test("invalid UTF-8 bytes in a UTF-8 page become U+FFFD, the rest survives")
  func invalidUTF8() {
    let bytes =
      Array("<html><head><meta charset=\"utf-8\"></head><body><p>Prices rose ".utf8) + [0xFF]
      + Array(
        " sharply this year, the national statistics office said in its latest monthly report.</p></body></html>"
          .utf8)
    #expect(
      extractText(bytes).0
        == "Prices rose \u{FFFD} sharply this year, the national statistics office said in its latest monthly report."
    )
  }

  @Test("UTF-8 validation rejects overlong forms and surrogates")
  func validation() {
    #expect(HTMLCharset.isValidUTF8(Array("é€😀".utf8)))
    #expect(!HTMLCharset.isValidUTF8([0xC0, 0xAF]))
    #expect(!HTMLCharset.isValidUTF8([0xED, 0xA0, 0x80]))
    #expect(!HTMLCharset.isValidUTF8([0xE2, 0x82]))
  }
}
