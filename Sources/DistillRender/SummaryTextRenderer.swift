import DistillModel

/// The summary sentences only, one per line, no headings or citation marks.
///
/// This is what summary scoring (ROUGE) reads.
public struct SummaryTextRenderer: BriefRenderer {
  public init() {}
  public func render(_ brief: Brief) -> String {
    let body = (brief.lede + brief.sections.flatMap(\.sentences)).map(\.text)
    return body.isEmpty ? "" : body.joined(separator: "\n") + "\n"
  }
}
