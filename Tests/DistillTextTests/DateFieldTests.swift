import DistillTestSupport
import DistillText
import Foundation
import Testing

struct DateFieldTests {
  @Test(
    "RFC 822 and its malformed variants",
    arguments: [
      ("Tue, 02 Mar 2021 23:39:15 +0100", utc(2021, 3, 2, 22, 39, 15)),
      ("Tue, 02 Mar 2021 23:39:15 GMT", utc(2021, 3, 2, 23, 39, 15)),
      ("Tue, 02 Mar 2021 23:39:15 UT", utc(2021, 3, 2, 23, 39, 15)),
      ("Tue, 02 Mar 2021 23:39:15 Z", utc(2021, 3, 2, 23, 39, 15)),
      // Missing seconds, with a named US zone.
      ("Thu, 13 Aug 2020 21:27 EDT", utc(2020, 8, 14, 1, 27, 0)),
      ("Thu, 13 Feb 2020 08:00:00 PST", utc(2020, 2, 13, 16, 0, 0)),
      ("Mon, 5 Jan 2015 10:00:00 EST", utc(2015, 1, 5, 15, 0, 0)),
      // Single-digit day and hour, no weekday.
      ("5 Jan 2015 9:05:00 -0500", utc(2015, 1, 5, 14, 5, 0)),
      // Two-digit years.
      ("Sat, 07 Sep 02 00:00:01 GMT", utc(2002, 9, 7, 0, 0, 1)),
      ("Fri, 31 Dec 99 23:59:59 +0000", utc(1999, 12, 31, 23, 59, 59)),
      // No zone at all: taken as UTC.
      ("Wed, 01 Jan 2020 12:00:00", utc(2020, 1, 1, 12, 0, 0)),
      // Extra whitespace, full month and weekday names.
      ("  Wednesday,  1   January 2020   12:00:00   +0000 ", utc(2020, 1, 1, 12, 0, 0)),
      // Month before day and a 12-hour clock.
      ("Sat, Dec 16 2023 02:02:33 PM", utc(2023, 12, 16, 14, 2, 33)),
      ("Sat, Dec 16 2023 12:10:00 AM", utc(2023, 12, 16, 0, 10, 0)),
      // Offset with a colon, and CET.
      ("Tue, 10 Jun 2003 04:00:00 +02:00", utc(2003, 6, 10, 2, 0, 0)),
      ("Tue, 10 Jun 2003 04:00:00 CEST", utc(2003, 6, 10, 2, 0, 0)),
    ])
  func rfc822(text: String, expected: Date) {
    #expect(DateField.parse(text) == expected, "\(text)")
  }

  @Test(
    "RFC 3339 / ISO 8601 and variants",
    arguments: [
      ("2003-12-13T18:30:02Z", utc(2003, 12, 13, 18, 30, 2)),
      ("2003-12-13T18:30:02.25Z", utc(2003, 12, 13, 18, 30, 2)),
      ("2003-12-13T18:30:02+01:00", utc(2003, 12, 13, 17, 30, 2)),
      ("2003-12-13T18:30:02-05:00", utc(2003, 12, 13, 23, 30, 2)),
      // No colon in the offset; an hours-only offset.
      ("2003-12-13T18:30:02+0100", utc(2003, 12, 13, 17, 30, 2)),
      ("2003-12-13T18:30:02+01", utc(2003, 12, 13, 17, 30, 2)),
      // Space instead of T, missing seconds, no zone.
      ("2003-12-13 18:30", utc(2003, 12, 13, 18, 30, 0)),
      ("2003-12-13T18:30Z", utc(2003, 12, 13, 18, 30, 0)),
      // Date only: midnight UTC.
      ("2013-01-01", utc(2013, 1, 1)),
      // A leap day.
      ("2024-02-29T00:00:00Z", utc(2024, 2, 29)),
    ])
  func iso(text: String, expected: Date) {
    #expect(DateField.parse(text) == expected, "\(text)")
  }

  @Test(
    "impossible or unsupported dates give nil",
    arguments: [
      "", "yesterday", "2023-02-29T00:00:00Z", "2003-13-01", "2003-12-13T25:00:00Z",
      "Tue, 32 Mar 2021 10:00:00 GMT", "Tue, 02 Foo 2021 10:00:00 GMT",
      // Localized month and weekday names are out of scope.
      "mer, 13 nov 2019 10:00:00 +0100", "03/04/2020",
    ])
  func rejects(text: String) {
    #expect(DateField.parse(text) == nil, "\(text)")
  }
}
