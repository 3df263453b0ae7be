import DistillModel

/// The compose stage: turns a summary of a story's documents into a brief.
public protocol BriefComposer: Sendable {
  func compose(_ documents: [Document], summary: Summary) -> Brief
}
