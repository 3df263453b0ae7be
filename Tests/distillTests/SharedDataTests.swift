import DistillTestSupport
import Foundation
import Testing

/// End to end on the real development data in ../shared/data (never copied into the project).
/// Skipped, with the reason shown, when that folder is absent.
@Suite(.enabled(if: Fixtures.sharedData != nil, "../shared/data is absent: real-data runs skipped"))
struct SharedDataTests {
  @Test func newswireTopicBriefPassesTheCheck() throws {
    let topic = Fixtures.sharedData!.appendingPathComponent("duc2006-dev/docs/D0601A").path
    let run = try DistillBinary.run(["brief", "--check", topic])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("distill: check passed"))
    #expect(run.stdout.contains("## Sources"))
    #expect(run.stdout.contains("25. "))
    // Newswire furniture never reaches the brief.
    for junk in ["&UR;", "&LR;", "NYT-", "(STORY CAN END HERE", "<P>", "&amp;"] {
      #expect(!run.stdout.contains(junk), "'\(junk)' reached the brief")
    }
  }

  @Test func realNewsPagesBriefPassesTheCheck() throws {
    let pages = Fixtures.sharedData!.appendingPathComponent("extraction-dev/html").path
    let run = try DistillBinary.run(["brief", "--check", pages])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("distill: check passed"))
    for junk in [
      "Skip to main content", "IE 11", "Sign up for", "cookies", "Advertisement", "Share this",
      "Getty Images", "All rights reserved",
    ] {
      #expect(!run.stdout.contains(junk), "page junk '\(junk)' reached the brief")
    }
  }
}
