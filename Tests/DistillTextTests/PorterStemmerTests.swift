import DistillText
import Testing

/// Pairs taken from the worked examples of each step in Porter (1980), plus whole-pipeline
/// classics.
private let pairs: [(String, String)] = [
  // Step 1a
  ("caresses", "caress"), ("ponies", "poni"), ("ties", "ti"), ("caress", "caress"),
  ("cats", "cat"),
  // Step 1b
  ("feed", "feed"), ("agreed", "agre"), ("plastered", "plaster"), ("bled", "bled"),
  ("motoring", "motor"), ("sing", "sing"), ("conflated", "conflat"), ("troubled", "troubl"),
  ("sized", "size"), ("hopping", "hop"), ("tanned", "tan"), ("falling", "fall"),
  ("hissing", "hiss"), ("fizzed", "fizz"), ("failing", "fail"), ("filing", "file"),
  // Step 1c
  ("happy", "happi"), ("sky", "sky"),
  // Step 2 (then the later steps)
  ("relational", "relat"), ("conditional", "condit"), ("rational", "ration"),
  ("valenci", "valenc"), ("hesitanci", "hesit"), ("digitizer", "digit"),
  ("conformabli", "conform"), ("radicalli", "radic"), ("differentli", "differ"),
  ("vileli", "vile"), ("analogousli", "analog"), ("vietnamization", "vietnam"),
  ("predication", "predic"), ("operator", "oper"), ("feudalism", "feudal"),
  ("decisiveness", "decis"), ("hopefulness", "hope"), ("callousness", "callous"),
  ("formaliti", "formal"), ("sensitiviti", "sensit"), ("sensibiliti", "sensibl"),
  // Step 3
  ("triplicate", "triplic"), ("formative", "form"), ("formalize", "formal"),
  ("electriciti", "electr"), ("electrical", "electr"), ("hopeful", "hope"), ("goodness", "good"),
  // Step 4
  ("revival", "reviv"), ("allowance", "allow"), ("inference", "infer"), ("airliner", "airlin"),
  ("gyroscopic", "gyroscop"), ("adjustable", "adjust"), ("defensible", "defens"),
  ("irritant", "irrit"), ("replacement", "replac"), ("adjustment", "adjust"),
  ("dependent", "depend"), ("adoption", "adopt"), ("homologou", "homolog"),
  ("communism", "commun"), ("activate", "activ"), ("angulariti", "angular"),
  ("homologous", "homolog"), ("effective", "effect"), ("bowdlerize", "bowdler"),
  // Step 5
  ("probate", "probat"), ("rate", "rate"), ("cease", "ceas"), ("controll", "control"),
  ("roll", "roll"),
  // Whole words
  ("generalization", "gener"), ("generalizations", "gener"), ("oscillators", "oscil"),
  ("connection", "connect"), ("connections", "connect"), ("connecting", "connect"),
  ("connected", "connect"), ("reservations", "reserv"), ("poverty", "poverti"),
  ("abilities", "abil"), ("knightly", "knightli"), ("running", "run"),
]

@Test func porterStemsTheClassicVocabulary() {
  let stemmer = PorterStemmer()
  for (word, expected) in pairs {
    #expect(stemmer.stem(word) == expected, "\(word)")
  }
}

@Test func porterFollowsThePaperNotLaterRevisions() {
  let stemmer = PorterStemmer()
  // The 1980 rule list has ABLI→ABLE but not BLI→BLE, and no LOGI→LOG.
  #expect(stemmer.stem("possibli") == "possibli")
  #expect(stemmer.stem("archaeologi") == "archaeologi")
}

@Test func porterLeavesShortAndNonLetterWordsAlone() {
  let stemmer = PorterStemmer()
  #expect(stemmer.stem("is") == "is")
  #expect(stemmer.stem("as") == "as")
  #expect(stemmer.stem("1990s") == "1990s")
  #expect(stemmer.stem("well-known") == "well-known")
}

@Test func rougeEditionDiffersWhereROUGE155Does() {
  let rouge = PorterStemmer(variant: .rouge155)
  let original = PorterStemmer()
  // (word, ROUGE-1.5.5's stem, the 1980 paper's stem)
  let cases: [(String, String, String)] = [
    ("agreement", "agreem", "agreement"),  // -ement fails m>1, then -ment is tried
    ("movement", "movem", "movement"),
    ("fundamentally", "fundam", "fundament"),  // -al, then -ment
    ("continental", "contin", "continent"),  // -al, then -ent
    ("professional", "profess", "profession"),  // -al, then -(s)ion
    ("responsibly", "respons", "responsibli"),  // BLI → BLE
    ("cardiology", "cardiolog", "cardiologi"),  // LOGI → LOG
    ("1950s", "1950", "1950s"),  // digits are letters
  ]
  for (word, rougeStem, paperStem) in cases {
    #expect(rouge.stem(word) == rougeStem, "\(word)")
    #expect(original.stem(word) == paperStem, "\(word)")
  }
  // The paper's worked examples come out the same in both editions.
  for (word, expected) in pairs {
    #expect(rouge.stem(word) == expected, "\(word)")
  }
}
