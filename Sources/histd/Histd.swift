import ArgumentParser

/// The histd command line: the daemon and its tools.
@main
struct Histd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "histd",
        abstract: "A time-series historian with OEE and SPC built in.",
        subcommands: [BenchCommand.self, ImportCommand.self, OEECommand.self, QueryCommand.self, SPCCommand.self, VerifyCommand.self]
    )
}
