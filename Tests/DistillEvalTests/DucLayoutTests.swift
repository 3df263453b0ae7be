import DistillEval
import Foundation
import Testing

@Suite struct DucLayoutTests {
  @Test func topicKeysFromFileNames() {
    #expect(DucName.topicKey(of: "D0601.M.250.A.B") == "D0601")
    #expect(DucName.topicKey(of: "D0601A") == "D0601")
    #expect(DucName.topicKey(of: "D0601A.txt") == "D0601")
    #expect(DucName.topicKey(of: "D0703-B.M.100.A.C") == "D0703-B")
    #expect(DucName.topicKey(of: "D0703A-B") == "D0703-B")
    #expect(DucName.topicKey(of: "D0703A-B.summary") == "D0703-B")
    #expect(DucName.topicKey(of: "D06011.txt") == nil)
    #expect(DucName.topicKey(of: "D0601AB") == nil)
    #expect(DucName.topicKey(of: "notes.txt") == nil)
  }

  @Test func parsesTopicsWithNarrativesAndBatches() {
    let sgml = """
      <topic>
      <num> D0601A </num>
      <title> Native reservations </title>

      <narr>
      Discuss conditions
      on reservations.
      </narr>
      </topic>

      <topic>
      <num> D0703A </num>
      <title> the Euro </title>
      <narr> Describe steps. </narr>
      <docs-A>
      XIE19960123.0270
      XIE19960129.0071
      </docs-A>
      <docs-B>
      XIE19980502.0090
      </docs-B>
      </topic>
      """
    let topics = DucTopics.parse(sgml)
    #expect(topics.count == 2)
    #expect(
      topics[0]
        == DucTopic(
          id: "D0601A", title: "Native reservations",
          narrative: "Discuss conditions on reservations."))
    #expect(topics[0].key == "D0601")
    #expect(
      topics[1].batches == [
        "A": ["XIE19960123.0270", "XIE19960129.0071"], "B": ["XIE19980502.0090"],
      ])
  }

  @Test func floorsFileParsesAndChecks() throws {
    let json = Data(
      """
      {"_comment": "raise freely, lower deliberately", "duc2006.focused.rouge2": 0.07,
       "extraction.f1": 0.9}
      """.utf8)
    let floors = try QualityFloors(json: json)
    #expect(floors.floors == ["duc2006.focused.rouge2": 0.07, "extraction.f1": 0.9])
    let checks = floors.check(["duc2006.focused.rouge2": 0.069, "duc2006.focused.rouge1": 0.3])
    #expect(checks.map(\.key) == ["duc2006.focused.rouge2"])
    #expect(checks.map(\.passed) == [false])
    #expect(floors.check(["duc2006.focused.rouge2": 0.07]).map(\.passed) == [true])
  }

  @Test func floorsMustBeNumbers() {
    #expect(throws: FloorsError.self) { try QualityFloors(json: Data(#"{"a": "high"}"#.utf8)) }
    #expect(throws: FloorsError.self) { try QualityFloors(json: Data("[1, 2]".utf8)) }
  }

  @Test func wordNetExceptionListsKeepTheFirstBaseFormAndLaterFilesWin() {
    let table = WordNetExceptions.parse(["better good well\nchildren child", "better well"])
    #expect(table == ["better": "well", "children": "child"])
  }
}
