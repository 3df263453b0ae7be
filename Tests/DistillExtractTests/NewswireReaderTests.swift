import DistillModel
import DistillTestSupport
import Foundation
import Testing

@testable import DistillExtract

/// Hand-written documents in the shapes of the DUC 2006/2007 newswire sources.
enum WireFixtures {
  /// Associated Press, 1998 feed: no `<P>`, paragraphs start with a tab, byline before `<TEXT>`
  /// inside `&UR; … &QC;` codes, `<HEADER>` transmission noise, slash-style date.
  static let apIndented = """

    <DOC>
    <DOCNO> APW19980305.0101 </DOCNO>
    <DOCTYPE> NEWS STORY </DOCTYPE>
    <DATE_TIME> 03/05/1998 14:20:00 </DATE_TIME>
    <HEADER>
    w0101 &Cx1f; wstm-
    r i &Cx13;  &Cx11;  BC-Ferry-Strike     03-05 0412
    </HEADER>
    <BODY>
    <SLUG> BC-Ferry Strike,0412 </SLUG>
    <HEADLINE>
    Ferry crews walk off the job in Lakeport
    </HEADLINE>
     &UR; Eds: Corrects spelling of Marlow in 4th graf. &QL;\u{20}
     &UR; By HENRY T. ALDEN &QC;\u{20}
     &UR; Associated Press Writer &QC;\u{20}

    <TEXT>
    \t   LAKEPORT, Ore. (AP) _ Crews on the three ferries that cross Lake Dunmore
    walked off the job Thursday morning, stranding about 900 commuters on
    the north shore.
    \t   ``We have been patient for two years,'' said Ruth Marlow, who leads
    the crews' union. ``Patience ran out.''
    \t   The county runs the ferries at a loss of about $2 million a year &AMP;
    has proposed cutting the night runs.
    \t   (STORY CAN END HERE. OPTIONAL MATERIAL FOLLOWS)
    \t   The last strike, in 1989, lasted eleven days.
    </TEXT>
    </BODY>
    <TRAILER> AP-NY-03-05-98 1420EST </TRAILER>
    </DOC>

    """

  /// Associated Press, 1999 feed: `<CATEGORY>`, ISO date with seconds, `<P>` blocks.
  static let apParagraphs = """
    <DOC>
    <DOCNO> APW19990611.0222 </DOCNO>
    <DATE_TIME> 1999-06-11 09:15:13 </DATE_TIME>
    <BODY>
    <CATEGORY> usa </CATEGORY>
    <HEADLINE> Orchard Growers Brace for Late Frost </HEADLINE>
    <TEXT>
    <P>
    \tFruit growers in the valley lit smudge pots overnight as  \n\
    temperatures fell below freezing for the first time since April, \n\
    the state agriculture office said.\u{20}
    </P>
    <P>
    \tThe office expects losses to be small if the cold does not last \n\
    beyond the weekend.\u{20}
    </P>
    </TEXT>
    </BODY>
    </DOC>
    """

  /// New York Times service: `<HEADER>`, `<SLUG>`, a byline with copyright before `<TEXT>`,
  /// `<ANNOTATION>` trim marker, editors' notes, operator initials and a trailer.
  static let nytAnnotated = """
    <DOC>
    <DOCNO> NYT20000304.0199 </DOCNO>
    <DOCTYPE> NEWS STORY </DOCTYPE>
    <DATE_TIME> 2000-03-04 18:42 </DATE_TIME>
    <HEADER>
    A1234 &Cx1f; taf-z
    u a BC-MILL-CLOSING-NYT &LR;      03-04 0880
    </HEADER>
    <BODY>
    <SLUG> BC-MILL-CLOSING-NYT </SLUG>
    <HEADLINE>
    PAPER MILL TOWN WEIGHS LIFE AFTER ITS LAST SHIFT
    </HEADLINE>
    \u{20} \u{20}
     (ATTN: Maine, N.H.)  (ml)\u{20}\u{20}
     By CLARA BENSON   c.2000 N.Y. Times News Service\u{20}\u{20}\u{20}\u{20}
    <TEXT>
    <P>
       BRANDT FALLS, Maine _ The whistle at the Orrin paper mill blew for
    the last time on Friday, ending 112 years of papermaking in a town of
    4,000 people.
    </P>
    <P>
       &UR; (EDITORS: There is no charge for use of this story.) &QL;
    </P>
    <P>
       The company said 310 workers would receive severance, and the town
    manager, Dale Prentiss, said the mill's tax payments made up half the
    town's budget.
    </P>
    <ANNOTATION>
       (STORY CAN END HERE. OPTIONAL MATERIAL FOLLOWS)
    </ANNOTATION>
    <P>
       ``We'll find something,'' said Ed Varney, a millwright for 30 years.
    </P>
    <P>
       &UR; kl
    </P>
    <P>
       (gm)
    </P>
    </TEXT>
    </BODY>
    <TRAILER>
    NYT-03-04-00 1842EST &QL;\u{20}
    </TRAILER>
    </DOC>
    """

  /// A syndicated feature whose story sits before `<TEXT>`, split by `&HT;` tab codes, while
  /// `<TEXT>` holds only distribution notes.
  static let nytStoryBeforeText = """
    <DOC>
    <DOCNO> NYT19990902.0311 </DOCNO>
    <DOCTYPE> NEWS STORY </DOCTYPE>
    <DATE_TIME> 1999-09-02 20:10 </DATE_TIME>
    <HEADER>
    A0311 &Cx1f; tab-z
    r f BC-SALT-MARSH-LATINTRADE     09-02 0950
    </HEADER>
    <BODY>
    <SLUG> BC-SALT-MARSH-LATINTRADE-NYTSF </SLUG>
    <HEADLINE>
    THE SALT ROAD
    </HEADLINE>
      (This ``separate buy'' article is from a trade magazine.)\u{20}
     (To publish this article, it must be purchased from the syndicate's
    sales representatives.)\u{20}
     By LUIS ORTA\u{20}
     c.1999 Coastal Trade\u{20}
     (Distributed by New York Times Special Features)\u{20}
     &HT;    \u{20}
     &HT;    ISLA PARDA _ The salt pans on this island have been worked by the
    same six families for four generations, and each spring the brine is
    raked by hand.
     &HT;    A cooperative formed last year now sells the salt to chefs in
    three countries, doubling what the families earn.
     &HT;    \u{20}
     -0-\u{20}
     c.1999 Coastal Trade\u{20}
    <TEXT>
     &UR; (Distributed by New York Times Special Features) &QL;
    </TEXT>
    </BODY>
    <TRAILER>
    NYT-09-02-99 2010EDT &QL;\u{20}
    </TRAILER>
    </DOC>
    """

  /// A story without `<HEADLINE>`: the title is the first line before `<TEXT>`.
  static let nytNoHeadline = """
    <DOC>
    <DOCNO> NYT19990714.0044 </DOCNO>
    <DOCTYPE> NEWS STORY </DOCTYPE>
    <DATE_TIME> 1999-07-14 03:05 </DATE_TIME>
    <HEADER>
    A2059 &Cx1f; kan-z
    r a BC-LIBRARY-LEVY-KAN &LR;      07-14 0600
    </HEADER>
    <BODY>
    <SLUG> BC-LIBRARY-LEVY-KAN </SLUG>
    \u{20} \u{20}
     Voters approve library levy after two failed tries  \u{20}
     (For use by New York Times News Service clients)  \u{20}
     By NORA FENN  \u{20}
     c. 1999 Prairie Star  \u{20}
    <TEXT>
    <P>
       OSAGE CITY, Kan. _ On its third try in four years, a levy to keep
    the county library open passed Tuesday by 212 votes.
    </P>
    <P>
       The library board said it would restore Saturday hours in September.
    </P>
    </TEXT>
    </BODY>
    <TRAILER>
    NYT-07-14-99 0305EDT &QL;
    </TRAILER>
    </DOC>
    """

  /// Xinhua English service: date only, `<P>` blocks without indentation, dateline with day.
  static let xinhua = """
    <DOC>
    <DOCNO> XIE19970415.0033 </DOCNO>
    <DATE_TIME> 1997-04-15 </DATE_TIME>
    <BODY>
    <HEADLINE> Port Expansion Begins in Southern City </HEADLINE>
    <TEXT>
    <P>
    NANHAI, April 15 (Xinhua) -- Work began Tuesday on a new container
    terminal that will double the capacity of the port, local officials
    said.
    </P>
    <P>
    The terminal is scheduled to open in 1999, the officials said.
    </P>
    </TEXT>
    </BODY>
    </DOC>
    """

  /// TREC-style document: `<DATE>` in compact form, `<BYLINE>`, `<DATELINE>`, no `<P>`
  /// (blank lines between paragraphs), character references.
  static let trecDated = """
    <DOC>
    <DOCNO>LA081290-0042</DOCNO>
    <DATE>19900812</DATE>
    <HEADLINE>Harbor Dredging Plan Draws Fishermen&apos;s Ire</HEADLINE>
    <BYLINE>By MARTA ELLIS, Times Staff Writer</BYLINE>
    <DATELINE>SAN PEDRO</DATELINE>
    <TEXT>
    A plan to dredge the outer harbor drew about 150 fishermen to a
    hearing on Saturday, many of them worried about crab beds &amp; nets.

    The port said the dredging would begin in the spring and last
    about eight months.
    </TEXT>
    </DOC>
    """
}

@Suite("NewswireReader")
struct NewswireReaderTests {
  func article(_ sgml: String, minimumWords: Int = 10) throws -> Article {
    let outcome = NewswireReader(minimumWords: minimumWords).read(
      Data(sgml.utf8), from: SourceRef("fixture"))
    guard case .article(let article) = outcome else {
      Issue.record("expected an article, got \(outcome)")
      throw CancellationError()
    }
    return article
  }

  @Test func indentedAPStoryWithoutParagraphTags() throws {
    let a = try article(WireFixtures.apIndented)
    #expect(a.id == "APW19980305.0101")
    #expect(a.metadata.documentID == "APW19980305.0101")
    #expect(a.format == .newswireSGML)
    #expect(a.title == "Ferry crews walk off the job in Lakeport")
    #expect(a.metadata.outlet == "Associated Press")
    #expect(a.metadata.authors == ["Henry T. Alden"])
    #expect(a.metadata.place == "LAKEPORT, Ore.")
    #expect(a.metadata.published == PublicationDates.utc(1998, 3, 5, 14, 20))
    #expect(
      a.paragraphs.map(String.init) == [
        "LAKEPORT, Ore. (AP) _ Crews on the three ferries that cross Lake Dunmore walked off the job Thursday morning, stranding about 900 commuters on the north shore.",
        "\"We have been patient for two years,\" said Ruth Marlow, who leads the crews' union. \"Patience ran out.\"",
        "The county runs the ferries at a loss of about $2 million a year & has proposed cutting the night runs.",
        "The last strike, in 1989, lasted eleven days.",
      ])
    #expect(a.cleaning.removedByRule["trim-marker"] == 1)
    #expect(a.cleaning.removedByRule["byline"] == 1)
    #expect(a.cleaning.linesRemoved >= 4)
  }

  @Test func apParagraphBlocksAreRewrapped() throws {
    let a = try article(WireFixtures.apParagraphs)
    #expect(a.title == "Orchard Growers Brace for Late Frost")
    #expect(a.metadata.published == PublicationDates.utc(1999, 6, 11, 9, 15, 13))
    #expect(a.paragraphs.count == 2)
    #expect(
      a.paragraphs.first
        == "Fruit growers in the valley lit smudge pots overnight as temperatures fell below freezing for the first time since April, the state agriculture office said."
    )
    #expect(!a.text.contains("usa"))
  }

  @Test func nytNoiseIsRemovedAndBylineKept() throws {
    let a = try article(WireFixtures.nytAnnotated)
    #expect(a.metadata.outlet == "The New York Times")
    #expect(a.title == "Paper Mill Town Weighs Life After Its Last Shift")
    #expect(a.metadata.authors == ["Clara Benson"])
    #expect(a.metadata.place == "BRANDT FALLS, Maine")
    #expect(a.paragraphs.count == 3)
    #expect(
      a.paragraphs.last == "\"We'll find something,\" said Ed Varney, a millwright for 30 years.")
    for junk in ["EDITORS", "STORY CAN END", "NYT-03-04", "&", "kl", "(gm)", "ATTN", "c.2000"] {
      #expect(!a.text.contains(junk), "\(junk) survived")
    }
    #expect(a.cleaning.removedByRule["editors-note"] ?? 0 >= 3)
    #expect(a.cleaning.removedByRule["operator-initials"] == 1)
  }

  @Test func storyBeforeTextElementIsFound() throws {
    let a = try article(WireFixtures.nytStoryBeforeText)
    #expect(a.title == "The Salt Road")
    #expect(a.metadata.authors == ["Luis Orta"])
    #expect(a.paragraphs.count == 2)
    #expect(a.paragraphs.first?.hasPrefix("ISLA PARDA _ The salt pans") == true)
    #expect(!a.text.contains("Distributed"))
    #expect(!a.text.contains("c.1999"))
    #expect(!a.text.contains("-0-"))
  }

  @Test func titleFallsBackToTheLineBeforeText() throws {
    let a = try article(WireFixtures.nytNoHeadline)
    #expect(a.title == "Voters approve library levy after two failed tries")
    #expect(a.metadata.authors == ["Nora Fenn"])
    #expect(!a.text.contains("For use by"))
  }

  @Test func xinhuaDatelineWithDay() throws {
    let a = try article(WireFixtures.xinhua)
    #expect(a.metadata.outlet == "Xinhua News Agency")
    #expect(a.metadata.place == "NANHAI")
    #expect(a.metadata.published == PublicationDates.utc(1997, 4, 15))
    #expect(a.paragraphs.count == 2)
  }

  @Test func trecDateBylineDatelineAndBlankLineParagraphs() throws {
    let a = try article(WireFixtures.trecDated)
    #expect(a.title == "Harbor Dredging Plan Draws Fishermen's Ire")
    #expect(a.metadata.published == PublicationDates.utc(1990, 8, 12))
    #expect(a.metadata.authors == ["Marta Ellis"])
    #expect(a.metadata.place == "SAN PEDRO")
    #expect(a.metadata.outlet == "Los Angeles Times")
    #expect(a.paragraphs.count == 2)
    #expect(a.paragraphs[0].hasSuffix("crab beds & nets."))
  }

  @Test func readAllReturnsEveryDocumentInOrder() {
    let file =
      WireFixtures.xinhua + "\n" + WireFixtures.apParagraphs + "\n" + WireFixtures.nytNoHeadline
    let outcomes = NewswireReader(minimumWords: 10).readAll(
      Data(file.utf8), from: SourceRef("batch"))
    let ids = outcomes.compactMap { outcome -> String? in
      if case .article(let a) = outcome { return a.id }
      return nil
    }
    #expect(ids == ["XIE19970415.0033", "APW19990611.0222", "NYT19990714.0044"])
  }

  @Test func shortAndEmptyDocumentsAreSkippedWithAReason() {
    let short = "<DOC><DOCNO> APW1 </DOCNO><TEXT><P>Too short.</P></TEXT></DOC>"
    let reader = NewswireReader(minimumWords: 10)
    #expect(
      reader.read(Data(short.utf8), from: SourceRef("s"))
        == .skipped(SourceRef("s"), .tooShort(words: 2, minimum: 10)))
    #expect(
      reader.read(Data("no markup".utf8), from: SourceRef("x"))
        == .skipped(SourceRef("x"), .notAnArticle("no <DOC> element")))
  }

  @Test func bylineRecognizesNamesButNotSentences() {
    #expect(NewswireReader.byline("By PAM QUILL   c.1999 N.Y. Times News Service") == ["Pam Quill"])
    #expect(NewswireReader.byline("By ANA RUIZ and TOM HALE") == ["Ana Ruiz", "Tom Hale"])
    #expect(NewswireReader.byline("By Maria Ortega, The Harbor Ledger") == ["Maria Ortega"])
    #expect(NewswireReader.byline("By October, some parents had found work.") == nil)
    #expect(NewswireReader.byline("By the time crews arrived the fire was out.") == nil)
  }

  @Test func emptyHeadlineAndEditorsNoteFallBackToTheLead() throws {
    let sgml = """
      <DOC>
      <DOCNO> NYT19990601.0001 </DOCNO>
      <DATE_TIME> 1999-06-01 10:00 </DATE_TIME>
      <BODY>
      <HEADLINE>
      \u{20}
      </HEADLINE>
       EDITORS NOTE: This column visits growers around the bay. Over the
       next months we will look at the wealth of the region's farms.
      <TEXT>
      <P>
         PETALUMA, Calif. _ Dora Lind has raised goats on the same hill for
      forty years, and she says the grass has never been better.
      </P>
      </TEXT>
      </BODY>
      </DOC>
      """
    let a = try article(sgml)
    #expect(a.title == "Dora Lind has raised goats on the same hill for forty years …")
    #expect(!a.text.contains("EDITORS NOTE"))
    #expect(a.cleaning.removedByRule["editors-note"] == 1)
  }

  @Test func operatorInitialsLeaveHeadlines() {
    #expect(
      NewswireReader.withoutOperatorInitials("Editorial: Protection for the Wetlands (dw)")
        == "Editorial: Protection for the Wetlands")
    #expect(
      NewswireReader.withoutOperatorInitials("Talks Resume (Updated)") == "Talks Resume (Updated)")
  }

  @Test func datelineForms() {
    let cases: [(String, String?)] = [
      ("SYRACUSE, N.Y. (AP) - New York acted honorably.", "SYRACUSE, N.Y."),
      ("BEIDAIHE (Hebei), March 5 (Xinhua) -- China will act.", "BEIDAIHE (Hebei)"),
      ("WASHINGTON, December 9 (Xinhua) --U.S. space agency NASA said.", "WASHINGTON"),
      ("CHICAGO _ A tiny tribe found itself in court.", "CHICAGO"),
      ("UNDATED - Cable news is like a record store.", nil),
      ("NASA said on Monday that the launch would slip.", nil),
      ("WASHINGTON, D.C. 20003 Tel: 202-547-4512", nil),
    ]
    for (paragraph, place) in cases {
      #expect(NewswireReader.datelinePlace(paragraph) == place, "\(paragraph)")
    }
  }

  @Test func outletsFromDocumentIDs() {
    #expect(NewswireReader.outlet(forDocumentID: "APW19980812.1230") == "Associated Press")
    #expect(NewswireReader.outlet(forDocumentID: "NYT19990827.0397") == "The New York Times")
    #expect(NewswireReader.outlet(forDocumentID: "XIE20000811.0284") == "Xinhua News Agency")
    #expect(NewswireReader.outlet(forDocumentID: "QQQ123") == nil)
  }

  @Test(
    "every DUC development document reads cleanly",
    .enabled(if: Fixtures.sharedData != nil, "../shared/data is absent"))
  func sharedDUCDocuments() throws {
    let root = try #require(Fixtures.sharedData)
    var files: [String] = []
    for set in ["duc2006-dev/docs", "duc2007-update-dev/docs"] {
      files += InputLoader.files(in: root.appendingPathComponent(set).path)
    }
    #expect(files.count >= 700)
    let reader = NewswireReader()
    var articles = 0
    for file in files {
      let data = try Data(contentsOf: URL(fileURLWithPath: file))
      for outcome in reader.readAll(data, from: SourceRef(file)) {
        guard case .article(let a) = outcome else {
          Issue.record("\(file): \(outcome)")
          continue
        }
        articles += 1
        #expect(a.metadata.published != nil, "\(file) has no date")
        #expect(a.metadata.outlet != nil, "\(file) has no outlet")
        #expect(!a.title.isEmpty)
        for code in ["&QL;", "&UR;", "&LR;", "&HT;", "&AMP;", "<P>", "``", "STORY CAN END HERE"] {
          #expect(!a.text.contains(code), "\(file) keeps \(code)")
        }
        #expect(!a.text.contains("\n\n\n"))
      }
    }
    #expect(articles == files.count)
  }
}
