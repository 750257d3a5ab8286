import ArgumentParser
import Foundation
import OEE

/// `histd oee FILE.json`: OEE, losses and ISO 22400-2 indicators per shift of one machine.
struct OEECommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oee",
        abstract: "Compute OEE per shift from a JSON file of shifts, state events and count events.",
        discussion: """
            FILE is one JSON object with ideal_cycle_s, micro_stop_threshold_s (optional),
            teep_calendar_min (optional), shifts, state_events and count_events; times are RFC 3339.
            Prints a JSON array with one object per shift. See docs/oee.md.
            """
    )

    @Argument(help: "The JSON input file.")
    var file: String

    func run() throws {
        let input: Data
        do {
            input = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw OEEDocumentError(item: file, message: "cannot read the file: \(error.localizedDescription)")
        }
        let output = try OEEJSONReport.evaluate(input)
        FileHandle.standardOutput.write(output)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
