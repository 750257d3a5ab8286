import ArgumentParser

/// `histd bench`: measurements anyone can rerun.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure histd on your own data.",
        subcommands: [CodecBenchCommand.self, IngestBenchCommand.self]
    )
}
