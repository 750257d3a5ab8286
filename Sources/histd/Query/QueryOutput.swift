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
        interpolatedRow(series: series, time: value.timestamp, value: value.value.map(Self.number))
    }

    /// An interpolated row whose value is already number text (nil where unknown).
    mutating func interpolatedRow(series: String, time: Int64, value text: String?) {
        switch format {
        case .csv:
            print("\(Self.csvCell(series)),\(RFC3339.format(time)),\(text ?? "")")
        case .json:
            separator()
            print(
                "{\"series\":\(JSONText.quoted(series)),\"time\":\"\(RFC3339.format(time))\",\"time_ns\":\(time),\"value\":\(text ?? "null")}",
                terminator: "")
        }
    }

    mutating func sample(series: String, _ sample: Sample) {
        if case .string(let text) = sample.value {
            sampleRow(series: series, time: sample.timestamp, text: text, quality: sample.quality.name)
        } else {
            sampleRow(series: series, time: sample.timestamp, number: Self.text(sample.value), quality: sample.quality.name)
        }
    }

    /// A raw row whose value is number or boolean text (`number`) or a string (`text`).
    mutating func sampleRow(series: String, time: Int64, number: String? = nil, text: String? = nil, quality: String) {
        let value = number ?? (format == .csv ? Self.csvCell(text ?? "") : JSONText.quoted(text ?? ""))
        switch format {
        case .csv:
            print("\(Self.csvCell(series)),\(RFC3339.format(time)),\(value),\(quality)")
        case .json:
            separator()
            print(
                "{\"series\":\(JSONText.quoted(series)),\"time\":\"\(RFC3339.format(time))\",\"time_ns\":\(time),\"value\":\(value),\"quality\":\"\(quality)\"}",
                terminator: "")
        }
    }

    mutating func bucket(series: String, _ bucket: RollupBucket, _ aggregates: [Aggregate]) {
        let values = aggregates.filter { $0 != .count }.map { ($0.rawValue, bucket.value(of: $0).map(Self.number)) }
        bucketRow(series: series, start: bucket.start, end: bucket.end, count: bucket.count, values: values)
    }

    /// A rollup row: `values` are the aggregates other than count, by name, as number text (nil when empty).
    mutating func bucketRow(series: String, start: Int64, end: Int64, count: Int, values: [(name: String, text: String?)]) {
        switch format {
        case .csv:
            let cells = values.map { "," + ($0.text ?? "") }.joined()
            print("\(Self.csvCell(series)),\(RFC3339.format(start)),\(RFC3339.format(end)),\(count)\(cells)")
        case .json:
            separator()
            let keys = values.map { ",\"\($0.name)\":\($0.text ?? "null")" }.joined()
            print(
                "{\"series\":\(JSONText.quoted(series)),\"start\":\"\(RFC3339.format(start))\",\"start_ns\":\(start),\"end\":\"\(RFC3339.format(end))\",\"end_ns\":\(end),\"count\":\(count)\(keys)}",
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
