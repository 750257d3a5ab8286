import Foundation

/// What `histd bench ingest` prints: a table for people or one JSON object for scripts.
struct IngestBenchReport {
    var file: String
    var writers: Int
    var linesPerBatch: Int
    var result: IngestBenchmark.Result
    /// Bytes on disk after the run and how they were measured; nil when unknown.
    var diskBytes: Int?
    var diskSource: String
    /// The server's VmHWM in bytes, when the benchmark started the server.
    var peakResidentBytes: Int?

    var bytesPerValue: Double? {
        diskBytes.map { result.values == 0 ? 0 : Double($0) / Double(result.values) }
    }

    func table() -> String {
        let rows: [(String, String)] = [
            ("file", file),
            ("lines / field values", "\(result.lines) / \(result.values)"),
            ("batches x writers", "\(result.batches) of \(linesPerBatch) lines x \(writers) writers"),
            ("wall (s)", String(format: "%.3f", result.wallSeconds)),
            ("values/s", String(format: "%.0f", result.valuesPerSecond)),
            (
                "batch latency p50 / p99 (ms)",
                String(format: "%.1f / %.1f", result.latency(percentile: 0.5) * 1e3, result.latency(percentile: 0.99) * 1e3)
            ),
            ("bytes on disk", diskBytes.map { "\($0) (\(diskSource))" } ?? "unknown (\(diskSource))"),
            ("bytes/value", bytesPerValue.map { String(format: "%.3f", $0) } ?? "-"),
            ("server peak RSS (MiB)", peakResidentBytes.map { String(format: "%.1f", Double($0) / 1_048_576) } ?? "- (not started by the benchmark)"),
        ]
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n")
    }

    func json() throws -> String {
        let object: [String: Any] = [
            "file": file,
            "writers": writers,
            "batch_lines": linesPerBatch,
            "batches": result.batches,
            "lines": result.lines,
            "values": result.values,
            "wall_s": result.wallSeconds,
            "values_per_s": result.valuesPerSecond,
            "batch_latency_p50_s": result.latency(percentile: 0.5),
            "batch_latency_p99_s": result.latency(percentile: 0.99),
            "disk_bytes": diskBytes.map { $0 as Any } ?? NSNull(),
            "disk_source": diskSource,
            "bytes_per_value": bytesPerValue.map { $0 as Any } ?? NSNull(),
            "peak_rss_bytes": peakResidentBytes.map { $0 as Any } ?? NSNull(),
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
