import ArgumentParser
import Distill

@main
struct DistillCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "distill",
    abstract: "Distill many news articles about one story into a short, cited brief.",
    version: DistillVersion.string,
    subcommands: [
      BriefCommand.self, DemoCommand.self, Extract.self, EvalCommand.self, BenchCommand.self,
      FeedCommand.self, OPMLCommand.self,
      ClusterCommand.self, IngestCommand.self, StoriesCommand.self, SearchCommand.self,
      WatchCommand.self, StoryCommand.self,
    ]
  )
}
