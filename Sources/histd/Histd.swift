import ArgumentParser
import Server

/// The histd command line: the daemon and its tools.
@main
struct Histd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "histd",
        abstract: "A time-series historian with OEE and SPC built in.",
        version: HistdVersion.number,
        subcommands: [
            ServeCommand.self, TokenCommand.self, ImportCommand.self, QueryCommand.self, DeleteCommand.self, VerifyCommand.self, SPCCommand.self,
            OEECommand.self,
            BenchCommand.self,
        ]
    )
}
