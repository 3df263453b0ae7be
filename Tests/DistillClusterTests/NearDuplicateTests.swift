import DistillCluster
import Testing

@Suite struct NearDuplicateTests {
  static let wire = """
    The harbor authority closed the north channel on Tuesday after a grain barge ran aground \
    near the breakwater, stranding eleven container ships that were waiting to unload. Crews \
    from two salvage companies worked through the night to pump water from the barge's hold, \
    and the authority said it expected the channel to reopen by Thursday morning if the tide \
    allowed the vessel to be towed clear. Shipping agents said the delay would cost importers \
    several million dollars, and the mayor asked the state for an inquiry into why the barge \
    had strayed from the marked lane during a calm night with good visibility.
    """

  static let other = """
    The city council voted seven to two on Monday to extend library opening hours on weekends, \
    paying for the change with a small increase in parking fees downtown. Supporters said \
    students needed quiet places to study, while opponents argued that the fee would hurt \
    shops that already struggle to attract customers from the suburban malls.
    """

  @Test func fnvMatchesThePublishedTestVector() {
    // FNV-1a 64 of "a" from the reference test vectors.
    #expect(StableHash.fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
    #expect(StableHash.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
  }

  @Test func identicalTextsEstimateOne() {
    let fingerprinter = NearDuplicateFingerprinter()
    let a = fingerprinter.fingerprint(Self.wire)
    let b = fingerprinter.fingerprint(Self.wire.uppercased())
    #expect(a == b)
    #expect(a.estimatedJaccard(b) == 1)
  }

  @Test func fingerprintsAreTheSameAcrossInstances() {
    let a = NearDuplicateFingerprinter().fingerprint(Self.wire)
    let b = NearDuplicateFingerprinter().fingerprint(Self.wire)
    #expect(a.minHashes == b.minHashes)
    // 104 words ("barge's" splits in two) give 101 four-word shingles.
    #expect(a.shingleCount == 101)
  }

  @Test func syndicatedCopyWithNewDatelineAndEditsIsFound() {
    let fingerprinter = NearDuplicateFingerprinter()
    var index = NearDuplicateIndex()
    index.insert(id: "wire", fingerprint: fingerprinter.fingerprint(Self.wire))
    index.insert(id: "council", fingerprint: fingerprinter.fingerprint(Self.other))
    let repost =
      "PORT CITY (Harbor Ledger) -- "
      + Self.wire.replacingOccurrences(of: "eleven", with: "11")
      .replacingOccurrences(of: "several million dollars", with: "millions")
    let matches = index.nearDuplicates(of: fingerprinter.fingerprint(repost))
    #expect(matches.map(\.id) == ["wire"])
    #expect(matches[0].estimatedJaccard > 0.7 && matches[0].estimatedJaccard < 1)
  }

  @Test func unrelatedTextIsNotANearDuplicate() {
    let fingerprinter = NearDuplicateFingerprinter()
    var index = NearDuplicateIndex()
    index.insert(id: "wire", fingerprint: fingerprinter.fingerprint(Self.wire))
    #expect(index.nearDuplicates(of: fingerprinter.fingerprint(Self.other)).isEmpty)
    #expect(index.nearDuplicates(of: fingerprinter.fingerprint(Self.other), threshold: 0).isEmpty)
  }

  @Test func textWithoutWordsMatchesNothing() {
    let fingerprinter = NearDuplicateFingerprinter()
    var index = NearDuplicateIndex()
    let empty = fingerprinter.fingerprint(" -- ... ")
    #expect(empty.shingleCount == 0)
    index.insert(id: "empty", fingerprint: empty)
    #expect(index.nearDuplicates(of: empty, threshold: 0).isEmpty)
    #expect(index.count == 1)
  }

  @Test func shortTextIsItsOwnShingle() {
    let fingerprinter = NearDuplicateFingerprinter()
    let a = fingerprinter.fingerprint("Storm closes port")
    #expect(a.shingleCount == 1)
    #expect(a.estimatedJaccard(fingerprinter.fingerprint("storm, closes port!")) == 1)
  }
}
