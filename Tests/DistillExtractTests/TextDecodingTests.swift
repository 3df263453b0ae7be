import DistillModel
import Foundation
import Testing

@testable import DistillExtract

@Suite("TextDecoding")
struct TextDecodingTests {
  @Test func utf8WithAndWithoutBOM() {
    #expect(TextDecoding.decode(Data("Café".utf8)) == .init(text: "Café", encoding: .utf8))
    #expect(
      TextDecoding.decode(Data([0xEF, 0xBB, 0xBF] + Array("Café".utf8)))
        == .init(text: "Café", encoding: .utf8WithBOM))
  }

  @Test func utf16WithBOM() {
    let le: [UInt8] =
      [0xFF, 0xFE] + Array("Né".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let be: [UInt8] =
      [0xFE, 0xFF] + Array("Né".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    #expect(TextDecoding.decode(Data(le)) == .init(text: "Né", encoding: .utf16LittleEndian))
    #expect(TextDecoding.decode(Data(be)) == .init(text: "Né", encoding: .utf16BigEndian))
  }

  @Test func latin1AndWindows1252Fallback() {
    // "Café – 5 €" in Windows-1252: é = 0xE9, en dash = 0x96, euro = 0x80.
    let bytes: [UInt8] = Array("Caf".utf8) + [0xE9, 0x20, 0x96, 0x20, 0x35, 0x20, 0x80]
    #expect(TextDecoding.decode(Data(bytes)) == .init(text: "Café – 5 €", encoding: .windows1252))
  }

  @Test func implausibleBytesAreInvalid() {
    // Mostly high bytes and control characters: neither UTF-8 nor Western text.
    let bytes: [UInt8] = [0xC3, 0x28, 0xA0, 0xA1, 0x01, 0x02, 0xFF, 0xFE, 0xFD]
    #expect(TextDecoding.decode(Data(bytes)) == nil)
    #expect(TextDecoding.decode(Data([0xE9, 0xE8, 0xEA, 0xEB, 0x41])) == nil)
  }
}

@Suite("PublicationDates")
struct PublicationDatesTests {
  @Test func formats() {
    #expect(PublicationDates.parse("2026-03-03") == PublicationDates.utc(2026, 3, 3))
    #expect(
      PublicationDates.parse("2026-03-03T14:05:00Z") == PublicationDates.utc(2026, 3, 3, 14, 5))
    #expect(
      PublicationDates.parse("2026-03-03T14:05:00-05:00") == PublicationDates.utc(2026, 3, 3, 19, 5)
    )
    #expect(
      PublicationDates.parse("08/12/1998 19:08:00") == PublicationDates.utc(1998, 8, 12, 19, 8))
    #expect(PublicationDates.parse("19990312") == PublicationDates.utc(1999, 3, 12))
    #expect(PublicationDates.parse("March 3, 2026") == PublicationDates.utc(2026, 3, 3))
    #expect(PublicationDates.parse("4 March 2026") == PublicationDates.utc(2026, 3, 4))
    #expect(PublicationDates.parse("Jan. 3, 2026") == PublicationDates.utc(2026, 1, 3))
    #expect(
      PublicationDates.parse("10:32 a.m. ET, Tue March 4, 2026")
        == PublicationDates.utc(2026, 3, 4, 14, 32))
    #expect(PublicationDates.parse("Feb. 30, 2026") == nil)
    #expect(PublicationDates.parse("no date here") == nil)
  }
}
