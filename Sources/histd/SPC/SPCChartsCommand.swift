import ArgumentParser
import Foundation
import Live
import Time

/// `histd spc charts`: the live chart definitions of a data directory (also while the daemon runs).
struct SPCChartsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "charts",
        abstract: "List the live control charts defined in a data directory.",
        discussion: """
            Reads DIR/live.sqlite (charts are defined over HTTP: POST /api/v1/spc/charts; see docs/live-spc.md). \
            Works while histd serve runs on the directory.
            """)

    @Option(name: .long, help: "The data directory.")
    var data: String

    @Flag(name: .long, help: "Print every chart's document as JSON (one per line), with its revisions.")
    var json = false

    @Flag(name: .long, help: "Include deleted charts.")
    var deleted = false

    func run() throws {
        let history = try LiveSPC.storedRevisions(directory: data)
        let charts = history.keys.sorted().compactMap { history[$0]?.last }.filter { deleted || !$0.deleted }
        if json {
            for chart in charts {
                print(String(decoding: chart.document(history: history[chart.chart] ?? []).bytes, as: UTF8.self))
            }
            return
        }
        print("id\trevision\tname\ttype\tseries\tauthor\tat\treason" + (deleted ? "\tdeleted" : ""))
        for chart in charts {
            let series: String
            switch chart.definition.series {
            case .id(let id): series = "id \(id)"
            case .selector(let measurement, let tags, let field):
                series = ([measurement] + tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }).joined(separator: ",") + " " + field
            }
            let columns = [
                String(chart.chart), String(chart.revision), chart.definition.name, chart.definition.settings["type"] ?? "", series, chart.author,
                RFC3339.format(chart.at), chart.reason ?? "",
            ]
            print(columns.joined(separator: "\t") + (deleted ? "\t\(chart.deleted)" : ""))
        }
    }
}
