import Historian
import JSONText
import Time

/// Prints query rows as CSV or as a JSON array, one object per row.
///
/// Raw and plot CSV columns: `series,time,value,quality`; rollup CSV: `series,start,end,count`, then
/// each other aggregate asked for, each column once; interpolation CSV: `series,time,value`. JSON keys:
/// raw `series`, `time` (RFC 3339), `time_ns`, `value`, `quality`; rollup `series`, `start`, `start_ns`,
/// `end`, `end_ns`, `count`, then one key per other aggregate (null for an empty bucket);
/// interpolation `series`, `time`, `time_ns`, `value` (null where unknown).
struct QueryOutput {
    enum Format: String { case csv, json }

    let format: Format
    private var rows = 0

    init(format: Format) {
        self.format = format
    }

    mutating func beginSamples() {
        if format == .csv { print("series,time,value,quality") } else { print("[", terminator: "") }
    }

    mutating func beginRollup(_ aggregates: [Aggregate]) {
        let columns = (["series", "start", "end", "count"] + aggregates.filter { $0 != .count }.map(\.rawValue)).joined(separator: ",")
        if format == .csv { print(columns) } else { print("[", terminator: "") }
    }

    mutating func beginInterpolated() {
        if format == .csv { print("series,time,value") } else { print("[", terminator: "") }
    }

    mutating func interpolated(series: String, _ value: InterpolatedValue) {
        let text = value.value.map(Self.number)
        switch format {
        case .csv:
            print("\(Self.csvCell(series)),\(RFC3339.format(value.timestamp)),\(text ?? "")")
        case .json:
            separator()
            print(
                "{\"series\":\(JSONText.quoted(series)),\"time\":\"\(RFC3339.format(value.timestamp))\",\"time_ns\":\(value.timestamp),\"value\":\(text ?? "null")}",
                terminator: "")
        }
    }

    mutating func sample(series: String, _ sample: Sample) {
        let value: String
        if case .string(let text) = sample.value {
            value = format == .csv ? Self.csvCell(text) : JSONText.quoted(text)
        } else {
            value = Self.text(sample.value)
        }
        let quality = sample.quality.name
        switch format {
        case .csv:
            print("\(Self.csvCell(series)),\(RFC3339.format(sample.timestamp)),\(value),\(quality)")
        case .json:
            separator()
            print(
                "{\"series\":\(JSONText.quoted(series)),\"time\":\"\(RFC3339.format(sample.timestamp))\",\"time_ns\":\(sample.timestamp),\"value\":\(value),\"quality\":\"\(quality)\"}",
                terminator: "")
        }
    }

    mutating func bucket(series: String, _ bucket: RollupBucket, _ aggregates: [Aggregate]) {
        let values = aggregates.filter { $0 != .count }.map { ($0.rawValue, bucket.value(of: $0).map(Self.number)) }
        switch format {
        case .csv:
            let cells = values.map { $0.1 ?? "" }.map { "," + $0 }.joined()
            print("\(Self.csvCell(series)),\(RFC3339.format(bucket.start)),\(RFC3339.format(bucket.end)),\(bucket.count)\(cells)")
        case .json:
            separator()
            let keys = values.map { ",\"\($0.0)\":\($0.1 ?? "null")" }.joined()
            print(
                "{\"series\":\(JSONText.quoted(series)),\"start\":\"\(RFC3339.format(bucket.start))\",\"start_ns\":\(bucket.start),\"end\":\"\(RFC3339.format(bucket.end))\",\"end_ns\":\(bucket.end),\"count\":\(bucket.count)\(keys)}",
                terminator: "")
        }
    }

    mutating func end() {
        if format == .json { print(rows == 0 ? "]" : "\n]") }
    }

    private mutating func separator() {
        print(rows == 0 ? "\n" : ",\n", terminator: "")
        rows += 1
    }

    static func text(_ value: SampleValue) -> String {
        switch value {
        case .float(let number): Self.number(number)
        case .integer(let number): String(number)
        case .unsigned(let number): String(number)
        case .boolean(let flag): flag ? "true" : "false"
        case .string(let text): text
        }
    }

    /// Shortest round-trip decimal; JSON has no NaN or infinity, so those print as null.
    static func number(_ value: Double) -> String {
        value.isFinite ? "\(value)" : "null"
    }

    static func csvCell(_ text: String) -> String {
        text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
            ? "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" : text
    }
}
