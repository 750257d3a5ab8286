import ArgumentParser

/// `histd spc`: control charts and capability studies from CSV files.
struct SPCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spc",
        abstract: "Statistical process control: control charts and capability studies.",
        discussion: "Reads a CSV file and prints one JSON object. See docs/spc.md.",
        subcommands: [
            SPCChartCommand.self, SPCCapabilityCommand.self, SPCChartsCommand.self, SPCMultivariateCommand.self, SPCRunLengthCommand.self,
            SPCGaugeCommand.self,
        ]
    )
}
