/// A small, entirely fictional news story for demos and tests: a chemical leak at a harbor
/// terminal in the invented city of Gullhaven, reported over a week in March 2026 by four
/// invented outlets (The Gullhaven Ledger, Coastline Wire, the Marren Valley Courier and
/// Bayside Public Radio). Every person, place, company and outlet is made up.
///
/// The set mixes HTML pages (with the furniture real pages carry: navigation, cookie banner,
/// newsletter sign-up, share bar, photo credits, "Related" lists, JSON-LD) and plain-text
/// scrapes. It is built to exercise the whole pipeline: a syndicated near-copy of a wire
/// story, a figure the outlets disagree on (at least 40 evacuated vs. 57), quotes attributed
/// before and after, a quote split across sentences, an unattributed quote, dates in many
/// forms, background history and statements about what comes next.
public enum DemoCorpus {
  /// The articles, oldest first, as `(file name, file contents)`.
  public static let articles: [(name: String, contents: String)] = [
    ("coastline-wire-2026-03-09-leak.txt", wireLeak),
    ("marren-courier-2026-03-09-leak.html", courierSyndicated),
    ("gullhaven-ledger-2026-03-10-evacuations.html", ledgerEvacuations),
    ("bayside-radio-2026-03-10-shelter.txt", radioShelter),
    ("gullhaven-ledger-2026-03-11-inspections.html", ledgerInspections),
    ("coastline-wire-2026-03-12-return.txt", wireReturn),
    ("marren-courier-2026-03-13-hearing.html", courierHearing),
    ("bayside-radio-2026-03-16-whats-next.txt", radioWhatsNext),
  ]

  // MARK: - Coastline Wire, Monday

  static let wireLeak = """
    Skip to main content
    Coastline Wire
    Home | National | Regional | Business | Weather
    Chemical leak at Gullhaven terminal forces evacuations
    Published March 9, 2026 1:40 p.m. ET
    By Hannah Voss, Coastline Wire
    Listen to this article
    3 min read

    GULLHAVEN (Coastline Wire) — A storage tank at the Northquay chemical terminal leaked a cloud of styrene vapor over the city's Lower Wharf neighborhood on Monday, and at least 40 residents were evacuated from their homes, fire officials said. Three people were taken to the hospital with breathing problems.

    The leak began shortly before 6 a.m. when a valve on Tank 6 failed, according to the terminal's operator, Brackwater Terminals. Crews from the Gullhaven Fire Department sprayed foam on the tank through the morning while a sheriff's boat kept fishing vessels away from the berth.

    "We moved quickly because the wind was pushing the cloud straight up Quay Street," said Daniel Okafor, the city's fire chief. He said six blocks closest to the water were cleared by 7:30 a.m.

    Advertisement

    Residents were taken by bus to Harbor View Middle School, where the Harbor Aid Society set up cots. The three people taken to Gullhaven General Hospital were in stable condition, a hospital spokeswoman said.

    Gareth Lunde, a spokesman for Brackwater Terminals, said the company was "cooperating fully" with the fire department and would pay for hotel rooms for displaced families. He did not say how much styrene had escaped.

    Ilse Marrow, the port authority's director, said: "Nothing leaves or enters that berth until we know what failed." Two cargo ships bound for the terminal were diverted to anchorage outside the breakwater.

    Styrene, used to make plastics and rubber, irritates the eyes and lungs at high concentrations. Priya Halvorsen, a chemist at Marren State University, said the smell can be noticed at levels far below those considered dangerous, which can make a leak seem worse than it is.

    The terminal, which opened in 1978, stores fuel additives and industrial chemicals for plants up and down the Marren coast. It had a smaller leak in 2014, when about 300 gallons spilled from a pipe in the same row of tanks.

    Fire officials said the evacuation order would stay in place at least until Tuesday morning, when air readings are expected to be reviewed.

    Share this article
    Email Print Copy link
    © 2026 Coastline Wire. All rights reserved.
    """

  // MARK: - Marren Valley Courier, Monday (the wire story, re-run with a new top)

  static let courierSyndicated = courierPage(
    title: "Leak at Gullhaven chemical terminal empties waterfront blocks",
    published: "2026-03-09T20:15:00Z",
    author: "Hannah Voss",
    credit: "Coastline Wire",
    path: "news/2026/03/09/gullhaven-terminal-leak",
    photo: (
      "Firefighters spray foam on Tank 6 at the Northquay terminal on Monday morning.",
      "Photo: Lars Heuvel/Coastline Wire"
    ),
    paragraphs: [
      "GULLHAVEN — Styrene vapor from a leaking tank at the Northquay chemical terminal drifted over the waterfront Lower Wharf neighborhood on Monday. At least 40 residents were evacuated from their homes and three people went to the hospital with breathing problems, fire officials said.",
      "The leak began shortly before 6 a.m. when a valve on Tank 6 failed, according to the terminal's operator, Brackwater Terminals. Crews from the Gullhaven Fire Department sprayed foam on the tank through the morning while a sheriff's boat kept fishing vessels away from the berth.",
      "\u{201C}We moved quickly because the wind was pushing the cloud straight up Quay Street,\u{201D} said Daniel Okafor, the city's fire chief. He said six blocks closest to the water were cleared by 7:30 a.m.",
      "Residents were taken by bus to Harbor View Middle School, where the Harbor Aid Society set up cots. The three people taken to Gullhaven General Hospital were in stable condition, a hospital spokeswoman said.",
      "Gareth Lunde, a spokesman for Brackwater Terminals, said the company was \u{201C}cooperating fully\u{201D} with the fire department and would pay for hotel rooms for displaced families. He did not say how much styrene had escaped.",
      "Ilse Marrow, the port authority's director, said: \u{201C}Nothing leaves or enters that berth until we know what failed.\u{201D} Two cargo ships bound for the terminal were diverted to anchorage outside the breakwater.",
      "Styrene, used to make plastics and rubber, irritates the eyes and lungs at high concentrations. Priya Halvorsen, a chemist at Marren State University, said the smell can be noticed at levels far below those considered dangerous, which can make a leak seem worse than it is.",
      "The terminal, which opened in 1978, stores fuel additives and industrial chemicals for plants up and down the Marren coast. It had a smaller leak in 2014, when about 300 gallons spilled from a pipe in the same row of tanks.",
      "Fire officials said the evacuation order would stay in place at least until Tuesday morning, when air readings are expected to be reviewed.",
    ],
    related: [
      "Marren County opens new ferry dock after two-year delay",
      "State budget leaves harbor dredging unfunded",
    ])

  // MARK: - The Gullhaven Ledger, Tuesday

  static let ledgerEvacuations = ledgerPage(
    title: "57 evacuated as vapor lingers over Lower Wharf",
    description:
      "Fire officials raised the count of displaced residents as the leak at Tank 6 was stopped late Monday.",
    published: "2026-03-10T06:00:00-04:00",
    author: "Marcus Penhale",
    section: "Local",
    photo: (
      "Residents wait for buses outside the Quay Street laundromat on Monday.",
      "Photo: Ines Kowal/The Gullhaven Ledger"
    ),
    paragraphs: [
      "Fire officials said Tuesday that 57 people were evacuated from the Lower Wharf on Monday after a tank at the Northquay chemical terminal leaked styrene vapor, raising the count they gave the day before.",
      "Four people were treated at Gullhaven General Hospital for coughing and eye irritation, and one, a 71-year-old man with asthma, was kept overnight for observation, said Dr. Owen Castell, an emergency physician there.",
      "The leak was stopped at 11:15 p.m. Monday, when workers in protective suits closed a manual valve beneath the failed one, according to Fire Chief Daniel Okafor.",
      "\u{201C}We are not going to guess,\u{201D} Okafor said. \u{201C}When the readings are clean for a full day, people go home.\u{201D}",
      "Portable monitors set up along Quay Street still showed traces of styrene on Tuesday morning, though below the level the state considers harmful, he said.",
      "Rosa Tembe, who represents the Lower Wharf on the City Council, said many residents learned of the evacuation from neighbors knocking on doors rather than from the city's alert system. \u{201C}My phone buzzed forty minutes after the sirens,\u{201D} she said. \u{201C}That is not good enough.\u{201D}",
      "The alert that went out at 6:22 a.m. read, in full: \u{201C}Shelter in place. Close windows. Await instructions.\u{201D} A second message ordering the evacuation followed at 6:51 a.m.",
      "Brackwater Terminals said in a statement that it had begun moving the remaining styrene in Tank 6 to a barge and that the work was expected to take three days. The company plans to bring in an outside engineering firm to examine the valve.",
      "Tom Achterberg, who owns a bakery on Quay Street, kept his shop closed for a second day. \u{201C}I have flour, I have ovens, and I have no customers,\u{201D} he said. \u{201C}Nobody is allowed past the tape.\u{201D}",
      "The city will decide on Wednesday morning whether to lift the evacuation order, Mayor Celia Dunmore said.",
    ],
    related: [
      "Live updates: Northquay terminal leak",
      "What is styrene, and how dangerous is it?",
      "Lower Wharf businesses count the cost of a closed street",
    ])

  // MARK: - Bayside Public Radio, Tuesday

  static let radioShelter = """
    Bayside Public Radio
    News | Music | Podcasts | Donate
    Evacuated families spend a second night at Harbor View school
    Updated 8:05 p.m. ET, Tue March 10, 2026
    By Lucia Brandt

    Cots line the gym at Harbor View Middle School, where families evacuated from Gullhaven's Lower Wharf spent a second night on Tuesday while a leaking chemical tank on the waterfront was emptied.

    Photo: Families eat dinner in the school cafeteria. (Photo: Lucia Brandt/BPR)

    Dozens of residents have stayed at the school since Monday morning, when styrene vapor from Tank 6 at the Northquay terminal drifted over six blocks near the water. Others went to relatives or to hotel rooms paid for by the terminal's operator, Brackwater Terminals.

    Nadia Ferreira, a mother of two who lives three doors from the terminal fence, said she woke to sirens and a sweet, chemical smell. "I grabbed the kids, the dog and my insulin," she said. "I forgot my shoes."

    "It smelled like nail polish and burnt sugar."

    Volunteers from the Harbor Aid Society served soup donated by restaurants on Anchor Street. Teachers kept the library open late so children could do homework, and the school canceled classes for Wednesday.

    Sign up for our morning newsletter
    Enter your email address
    Thanks for signing up!

    Some residents said the leak did not surprise them. Last weekend, workers at the terminal had complained about a sharp odor near the tank row, according to two employees who spoke on condition of anonymity because they were not authorized to talk to reporters. The company said on Tuesday that its sensors had shown nothing unusual on Saturday.

    Fire Chief Daniel Okafor told residents at an evening briefing in the gym that air readings had improved through the day. He said a decision on whether people could return would come on Wednesday.

    Henrik Salo, 68, who has lived on Quay Street since 1985, said he planned to stay at the school until the order was lifted. "I have seen three owners come and go at that terminal," he said. "Every one of them promised it was safe."

    The Harbor Aid Society said the shelter will stay open as long as it is needed.

    Support local journalism. Become a member today.
    Share Email Copy link
    © 2026 Bayside Public Radio
    """

  // MARK: - The Gullhaven Ledger, Wednesday

  static let ledgerInspections = ledgerPage(
    title: "State inspectors flagged corroded valves at Northquay three years ago",
    description: "Records show the failed valve on Tank 6 was due for replacement in 2023.",
    published: "2026-03-11T17:30:00-04:00",
    author: "Marcus Penhale",
    section: "Investigations",
    photo: (
      "The tank row at the Northquay terminal, seen from the breakwater.",
      "Photo: Ines Kowal/The Gullhaven Ledger"
    ),
    paragraphs: [
      "State inspectors warned the operator of the Northquay chemical terminal three years ago that valves on two of its storage tanks were corroded, according to inspection records obtained by The Gullhaven Ledger on Wednesday.",
      "The report, dated Jan. 3, 2023, found \u{201C}significant external corrosion\u{201D} on valves serving Tanks 5 and 6 and recommended that they be replaced within 12 months. The valve that failed on Monday served Tank 6.",
      "Brackwater Terminals, which bought the terminal in 2019, replaced the valve on Tank 5 in October 2023, records show. A work order for Tank 6 was written the same month but marked \u{201C}deferred\u{201D} in early 2024.",
      "Gareth Lunde, a spokesman for the company, said the Tank 6 valve had passed two later pressure tests. \u{201C}Deferring a part is not the same as ignoring it,\u{201D} he said. He said the company would release its maintenance records to state investigators.",
      "Priya Halvorsen, a chemist at Marren State University who has studied industrial leaks, said corrosion on the outside of a valve often signals wear inside it. \u{201C}A pressure test tells you the valve held that day,\u{201D} she said. \u{201C}It does not tell you how close it was to failing.\u{201D}",
      "The terminal has a long history on the waterfront. It opened in 1978 to store fuel for the fishing fleet and later added chemical storage. In 2014, about 300 gallons of solvent spilled from a cracked pipe in the same tank row; no one was hurt, and the previous owner paid a $40,000 fine.",
      "Residents of the Lower Wharf have pressed the city for years to move the chemical tanks farther from homes. A petition with 1,200 signatures was delivered to the City Council in 2021.",
      "Council member Rosa Tembe said she will ask for a hearing on the terminal's permits. \u{201C}We were told it was safe in 2014, and we were told it was safe last year,\u{201D} she said.",
      "On Wednesday evening, the fire department lifted the evacuation order for four of the six blocks. The two blocks nearest the terminal are expected to reopen on Thursday.",
    ],
    related: [
      "57 evacuated as vapor lingers over Lower Wharf",
      "Editorial: The Lower Wharf deserves straight answers",
    ])

  // MARK: - Coastline Wire, Thursday

  static let wireReturn = """
    Coastline Wire
    Home | National | Regional | Business | Weather
    Gullhaven residents return home as air readings clear
    2026-03-12
    By Hannah Voss, Coastline Wire
    IE 11 is not supported. For an optimal experience visit our site on another browser.

    GULLHAVEN (Coastline Wire) — The last residents forced from their homes by a chemical leak on Gullhaven's waterfront were allowed to return on Thursday, three days after a tank at the Northquay terminal began releasing styrene vapor.

    Fire Chief Daniel Okafor said air monitors along Quay Street had shown no detectable styrene for more than 24 hours. "The readings are clean, and they have stayed clean," he said at a morning news conference outside the fire station.

    Brackwater Terminals finished pumping the remaining styrene from Tank 6 into a barge on Wednesday night, the company said. The barge is scheduled to leave for a refinery in Port Aldous on Friday.

    Photo: Lars Heuvel/Coastline Wire

    The state Environmental Protection Office has opened an investigation into the leak, a spokeswoman for the agency, Joanna Feld, said. Investigators will examine the failed valve and the terminal's maintenance records, including a 2023 inspection that found corrosion on the tank's valves.

    The terminal is expected to stay closed for at least two weeks, said Ilse Marrow, the port authority's director. Ships that normally unload there are being sent to Port Aldous, about 60 miles up the coast.

    Advertisement

    Mayor Celia Dunmore said the city would review why its emergency alert reached some residents long after sirens sounded. "People did the right thing. Our system has to do the same," she said.

    Business owners on Quay Street reopened on Thursday. Tom Achterberg, who owns a bakery near the terminal gate, said he had thrown out three days of dough. "I will bake twice as much on Saturday," he said.

    Related
    Chemical leak at Gullhaven terminal forces evacuations
    What the 2023 Northquay inspection found

    © 2026 Coastline Wire. All rights reserved.
    """

  // MARK: - Marren Valley Courier, Friday

  static let courierHearing = courierPage(
    title: "Gullhaven council schedules hearing on Northquay terminal permits",
    published: "2026-03-13T15:45:00Z",
    author: "Elena Sorensen",
    credit: nil,
    path: "news/2026/03/13/gullhaven-hearing",
    photo: (
      "Council member Rosa Tembe speaks to residents outside City Hall on Friday.",
      "Photo: Elena Sorensen/Marren Valley Courier"
    ),
    paragraphs: [
      "GULLHAVEN — The Gullhaven City Council voted 6-1 on Friday to hold a public hearing on the permits of the Northquay chemical terminal, where a leaking tank forced dozens of people from their homes this week.",
      "The hearing is scheduled for Tuesday, March 24, at 6 p.m. at Harbor View Middle School, the same building that sheltered evacuated families. Council members said they chose the school so that Lower Wharf residents could walk to it.",
      "\u{201C}The people who breathed that air should be in the front row,\u{201D} said Rosa Tembe, the council member who represents the neighborhood and proposed the hearing.",
      "The lone vote against came from council member Victor Hale, who said the council should wait for the state's findings. \u{201C}We will have a report in a few weeks. Let's read it before we hold a trial,\u{201D} he said.",
      "Brackwater Terminals, the terminal's operator, plans to hire an independent engineering firm to inspect every valve at the site before it reopens, a company spokesman, Gareth Lunde, said on Friday. The company also said it will set up a claims office on Anchor Street for residents who lost wages or spoiled food.",
      "The state Environmental Protection Office is expected to release its preliminary findings by the end of April, a spokeswoman said.",
      "Mayor Celia Dunmore said the city will test a new alert system next month that sends text messages to every phone in an evacuation zone at once. The city's current system sends messages only to residents who sign up in advance.",
      "The terminal has been a fixture of the waterfront since 1978. Residents' groups have asked for years that its chemical storage be moved away from homes, and a 2021 petition on the issue drew 1,200 signatures.",
    ],
    related: [
      "Leak at Gullhaven chemical terminal empties waterfront blocks",
      "Marren County sheriff adds second harbor patrol boat",
    ])

  // MARK: - Bayside Public Radio, the following Monday

  static let radioWhatsNext = """
    Bayside Public Radio
    News | Music | Podcasts | Donate
    What comes next for the Northquay terminal
    Published March 16, 2026
    By Lucia Brandt
    We use cookies to improve your experience. By continuing to use this site, you agree to our cookie policy.
    Accept all cookies

    A week after a leaking tank at the Northquay chemical terminal emptied part of Gullhaven's Lower Wharf, the terminal remains closed, and the questions about it are moving from the waterfront to City Hall and the state capital.

    Here is what is scheduled, and what is still unknown.

    The City Council will hold a public hearing on the terminal's permits on Tuesday, March 24, at Harbor View Middle School. Council member Rosa Tembe, who called for the hearing, said she plans to ask the council to require that chemical tanks be kept at least 500 feet from homes. The terminal's nearest tank sits about 200 feet from the closest house on Quay Street.

    The state Environmental Protection Office is expected to publish its preliminary findings by the end of April. Investigators removed the failed valve from Tank 6 last week and sent it to a laboratory for testing.

    Brackwater Terminals has said it will not reopen the site until an outside engineering firm has inspected every valve. Gareth Lunde, a company spokesman, said on Monday that the inspection is expected to take about three weeks. "We would rather be closed a week too long than open a day too soon," he said.

    Advertisement

    A group of Lower Wharf residents plans to file a claim against the company this week, their lawyer, Simone Achebe, said. She said the claim would seek the cost of hotel stays, lost wages and medical bills for the people treated at Gullhaven General Hospital.

    The port authority is weighing whether to require tank operators to install automatic shutoff valves, which close on their own when pressure drops. Ilse Marrow, the port authority's director, said a proposal will go to the authority's board in May.

    Some of the history will weigh on those decisions. The terminal had a smaller leak in 2014, and state inspectors warned its operator about corroded valves three years ago.

    Related stories
    Evacuated families spend a second night at Harbor View school
    Gullhaven residents return home as air readings clear

    Sign up for our morning newsletter
    Follow us for updates from the newsroom
    © 2026 Bayside Public Radio
    """
}

// MARK: - Page templates

extension DemoCorpus {
  /// A Gullhaven Ledger article page: a CMS layout with JSON-LD, a cookie banner, a share bar
  /// and a "Most read" rail.
  static func ledgerPage(
    title: String, description: String, published: String, author: String, section: String,
    photo: (caption: String, credit: String), paragraphs: [String], related: [String]
  ) -> String {
    let body = paragraphs.enumerated().map { index, text in
      let paragraph = "      <p>\(html(text))</p>"
      // An ad slot after the third paragraph, as the Ledger's template places it.
      return index == 2
        ? paragraph
          + "\n      <div class=\"ad-slot\" aria-hidden=\"true\"><span>Advertisement</span></div>"
        : paragraph
    }.joined(separator: "\n")
    let relatedItems = related.map {
      "          <li><a href=\"/local/\(slug($0))\">\(html($0))</a></li>"
    }
    .joined(separator: "\n")
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
        <meta charset="utf-8">
        <title>\(html(title)) | The Gullhaven Ledger</title>
        <meta name="description" content="\(html(description))">
        <meta property="og:site_name" content="The Gullhaven Ledger">
        <meta property="og:title" content="\(html(title))">
        <meta property="og:type" content="article">
        <meta property="article:published_time" content="\(published)">
        <meta name="author" content="\(author)">
        <link rel="stylesheet" href="/static/ledger.css">
        <script type="application/ld+json">
        {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "\(json(title))", "datePublished": "\(published)", "author": {"@type": "Person", "name": "\(author)"}, "publisher": {"@type": "Organization", "name": "The Gullhaven Ledger"}, "articleSection": "\(section)"}
        </script>
        <script>window.dataLayer = window.dataLayer || []; dataLayer.push({"section": "\(section)"});</script>
      </head>
      <body class="article-page">
        <a class="skip-link" href="#main">Skip to main content</a>
        <div class="browser-warning">IE 11 is not supported. For an optimal experience visit our site on another browser.</div>
        <header class="site-header">
          <a class="logo" href="/">The Gullhaven Ledger</a>
          <nav class="primary-nav">
            <ul>
              <li><a href="/">Home</a></li>
              <li><a href="/local">Local</a></li>
              <li><a href="/harbor">Harbor</a></li>
              <li><a href="/business">Business</a></li>
              <li><a href="/opinion">Opinion</a></li>
              <li><a href="/obituaries">Obituaries</a></li>
            </ul>
          </nav>
          <a class="subscribe-button" href="/subscribe">Subscribe</a>
        </header>
        <main id="main">
          <article>
            <h1>\(html(title))</h1>
            <p class="byline">By <a href="/staff/\(slug(author))">\(author)</a></p>
            <time datetime="\(published)">\(published.prefix(10))</time>
            <div class="share-bar">
              <a href="#">Share</a> <a href="#">Email</a> <a href="#">Print</a> <a href="#">Copy link</a>
            </div>
            <figure>
              <img src="/images/\(slug(title)).jpg" alt="\(html(photo.caption))">
              <figcaption>\(html(photo.caption)) <span class="credit">\(html(photo.credit))</span></figcaption>
            </figure>
            <div class="article-body">
      \(body)
            </div>
            <div class="newsletter-signup">
              <h3>Sign up for the Harbor Briefing newsletter</h3>
              <p>Get the day's top Gullhaven stories delivered to your inbox every morning.</p>
              <form><input type="email" placeholder="Enter your email address"><button>Sign up</button></form>
              <p class="confirmation" hidden>Thanks for signing up!</p>
            </div>
          </article>
          <div class="most-read">
            <h2>Most read</h2>
            <ul>
      \(relatedItems)
            </ul>
          </div>
        </main>
        <div class="cookie-banner">
          <p>We use cookies to improve your experience on our site. By continuing to use this site, you agree to our cookie policy.</p>
          <button>Accept all cookies</button>
        </div>
        <footer>
          <p>© 2026 The Gullhaven Ledger. All rights reserved.</p>
          <p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a> | <a href="/contact">Contact us</a></p>
        </footer>
        <img src="https://stats.ledger.example/pixel.gif?page=\(slug(title))" width="1" height="1" alt="">
      </body>
      </html>
      """
  }

  /// A Marren Valley Courier page: a simpler, older template with meta tags instead of a
  /// `<time>` element and a "Related" list inside the article.
  static func courierPage(
    title: String, published: String, author: String, credit: String?, path: String,
    photo: (caption: String, credit: String), paragraphs: [String], related: [String]
  ) -> String {
    let body = paragraphs.map { "<p>\(html($0))</p>" }.joined(separator: "\n")
    let relatedItems = related.map { "<li><a href=\"/news/\(slug($0))\">\(html($0))</a></li>" }
      .joined(separator: "\n")
    let byline = credit.map { "By \(author), \($0)" } ?? "By \(author), Courier Staff Writer"
    return """
      <!doctype html>
      <html>
      <head>
      <meta http-equiv="Content-Type" content="text/html; charset=utf-8">
      <title>\(html(title)) - Marren Valley Courier</title>
      <meta property="og:site_name" content="Marren Valley Courier">
      <meta property="og:url" content="https://courier.example/\(path)">
      <meta name="pubdate" content="\(published)">
      <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"\(json(title))","datePublished":"\(published)","author":[{"@type":"Person","name":"\(author)"}],"publisher":{"@type":"Organization","name":"Marren Valley Courier"}}</script>
      </head>
      <body>
      <div id="top"><a href="#content">Skip to content</a></div>
      <div id="nav">Home | News | Sports | Valley Life | Obituaries | E-Edition</div>
      <div id="content">
      <h1 class="headline">\(html(title))</h1>
      <div class="byline">\(html(byline))</div>
      <div class="dateline">Posted \(published.prefix(10))</div>
      <div class="tools">Share this story: Email | Print | Copy link</div>
      <div class="photo"><img src="/photos/\(slug(title)).jpg"><p class="cutline">\(html(photo.caption)) (\(html(photo.credit)))</p></div>
      \(body)
      <p class="ad">ADVERTISEMENT</p>
      <div class="related"><h4>Related</h4><ul>
      \(relatedItems)
      </ul></div>
      <div class="promo"><p>Subscribe to the Courier for just $1 a week.</p><p>Already a subscriber? Log in</p></div>
      </div>
      <div id="footer">Copyright 2026 Marren Valley Courier. All rights reserved.</div>
      </body>
      </html>
      """
  }

  /// Text escaped for HTML element content and attribute values.
  static func html(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }

  /// Text escaped for a JSON string.
  static func json(_ text: String) -> String {
    text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
  }

  static func slug(_ text: String) -> String {
    text.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
      .split(separator: "-").joined(separator: "-")
  }
}
