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

            With --url instead of FILE, a running daemon reports on its configured machines (GET /api/v1/oee) \
            and its JSON answer is printed.
            """
    )

    @OptionGroup var daemon: OEEDaemonOptions

    @Argument(help: "The JSON input file (or --url).")
    var file: String?

    func validate() throws {
        guard (file == nil) != (daemon.url == nil) else { throw ValidationError("give either FILE (a JSON file) or --url (a running daemon)") }
    }

    func run() throws {
        if let url = daemon.url {
            FileHandle.standardOutput.write(Data(try daemon.report(url)))
            FileHandle.standardOutput.write(Data("\n".utf8))
            return
        }
        let file = file ?? ""
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
