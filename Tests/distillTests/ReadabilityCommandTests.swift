import DistillTestSupport
import Foundation
import Testing

/// End to end: `distill eval readability`, the measurement behind the composer's readability
/// rules.
@Suite struct ReadabilityCommandTests {
  @Test func demoBriefIsCountedAndChecked() throws {
    let run = try DistillBinary.run(["eval", "readability", "--demo", "--check"])
    #expect(run.status == 0, "\(run.stderr)")
    let lines = run.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("demo: ") == true)
    #expect(lines.first?.hasSuffix("check passed") == true)
    #expect(lines.contains("briefs: 1"))
    #expect(lines.contains("check failures: 0"))
    #expect(lines.contains("single-word headings: 0"))
    #expect(lines.contains("surname-only speakers: 0"))
  }

  @Test func withoutAnyStoryItSaysWhatToGive() throws {
    let run = try DistillBinary.run(["eval", "readability"])
    #expect(run.status == 64)
    #expect(run.stderr.contains("Give at least one FOLDER or --demo."))
  }
}
