import ArgumentParser
import Foundation
import Historian
import Query

/// `histd delete`: removes the samples of the series a selector matches in a time range, offline
/// (the daemon must not hold the directory; with it running use `DELETE /api/v1/series`).
struct DeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete the samples of the series of a measurement, tags and field in a time range.",
        discussion: """
            Prints {"deleted": N}, the number of samples removed (0 when nothing matched). The series stay listed, \
            with no samples in the range; their ids are never reused. Both --from and --to are required: RFC 3339, \
            an epoch with a unit (1704067200s, ms, us, ns) or relative to now (now-1h). A tag is key=value, or \
            key=~regex to match the whole value. The directory must not be open in a running daemon \
            (use DELETE /api/v1/series there).
            """)

    @Option(name: .long, help: "The data directory.")
    var data: String

    @Option(name: .long, help: "Measurement name (every measurement when absent).")
    var measurement: String?

    @Option(name: .long, help: "Tag condition key=value or key=~regex; repeatable.")
    var tag: [String] = []

    @Option(name: .long, help: "Field name (every field when absent).")
    var field: String?

    @Option(name: .long, help: "Start of the range (inclusive).")
    var from: String

    @Option(name: .long, help: "End of the range (exclusive).")
    var to: String

    func run() throws {
        let deleted: Int
        do {
            let now = Int64(Date().timeIntervalSince1970 * 1e9)
            let range = try TimeArgument.range(from: from, to: to, now: now, fromArgument: "--from", toArgument: "--to")
            let selection = SeriesSelection(
                measurement: measurement, predicate: try TagCondition.predicate(tag, argument: "--tag"), fields: field.map { [$0] })
            guard Historian.isDataDirectory(data) else {
                throw ValidationError("--data '\(data)' is not a histd data directory (no catalog.sqlite)")
            }
            let historian = try Historian(directory: data)
            deleted = try SampleDeletion.delete(selection, from: range.from, to: range.to, in: historian)
        } catch let error as QueryArgumentError {
            throw ValidationError(error.description)
        }
        print("{\"deleted\": \(deleted)}")
    }
}
