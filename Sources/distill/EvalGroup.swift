import ArgumentParser

/// `distill eval`: measurements against data sets with known answers.
struct EvalGroup: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Measure Distill against data sets with known answers.",
    subcommands: [EvalCluster.self]
  )
}
