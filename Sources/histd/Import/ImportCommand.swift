import ArgumentParser
import Compression
import Historian

#if canImport(Glibc)
import Glibc
import Ingest
#endif

/// `histd import`: streams line protocol or CSV files (optionally gzipped) into a data directory.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import InfluxDB line protocol (.lp) or CSV (.csv) files, optionally .gz, into a data directory.",
        discussion: """
            Bad lines are reported with their line number and reason; the other lines are imported, \
            and the exit status is non-zero when any line was bad.
            """)

    @Option(name: .long, help: "The data directory (created if missing).")
    var data: String

    @Option(name: .long, help: "Unit of the input timestamps: ns, us, ms or s.")
    var precision: String = "ns"

    @Option(name: .long, help: "Measurement of the CSV columns (required for CSV input).")
    var measurement: String?

    @Option(name: .long, help: "Most bad lines to print per file (the count is always printed).")
    var maxErrors: Int = 100

    @Argument(help: "Files to import: .lp, .csv, either with .gz.")
    var files: [String]

    func validate() throws {
        guard TimestampPrecision(rawValue: precision) != nil else {
            throw ValidationError("--precision must be one of ns, us, ms, s, not '\(precision)'")
        }
        if files.contains(where: { Self.format(of: $0) == .csv }) && measurement == nil {
            throw ValidationError("CSV input needs --measurement NAME")
        }
    }

    enum Format { case lineProtocol, csv }

    static func format(of path: String) -> Format {
        let name = path.hasSuffix(".gz") ? String(path.dropLast(3)) : path
        return name.hasSuffix(".csv") ? .csv : .lineProtocol
    }

    func run() throws {
        let precision = TimestampPrecision(rawValue: precision) ?? .nanoseconds
        let historian = try Historian(directory: data)
        if let torn = historian.recovery.tornTail {
            StandardError.line("note: dropped a torn WAL record of \(torn.droppedBytes) bytes at \(torn.path) offset \(torn.offset)")
        }
        let clock = ContinuousClock()
        let started = clock.now
        var totals = ImportProgress()
        for file in files {
            let fileTotals = try FileImporter(
                historian: historian, path: file, format: Self.format(of: file), precision: precision,
                measurement: measurement ?? "", maxErrors: maxErrors
            ).run(previous: totals)
            totals.add(fileTotals)
        }
        try historian.flush()
        // Flushes during a long import leave several files per window: merge them.
        _ = try historian.compact()
        let seconds = Double((clock.now - started).components.attoseconds) / 1e18 + Double((clock.now - started).components.seconds)
        let rate = seconds > 0 ? Double(totals.values) / seconds : 0
        print(
            "imported \(totals.values) values from \(totals.lines) lines of \(files.count) file(s) in \(StandardError.threeDecimals(seconds)) s (\(Int(rate)) values/s); \(totals.rejected) rejected"
        )
        if totals.rejected > 0 { throw ExitCode.failure }
    }
}

/// Counts of an import, for the progress line and the summary.
struct ImportProgress {
    var lines = 0
    var values = 0
    var rejected = 0
    var bytes = 0

    mutating func add(_ other: ImportProgress) {
        lines += other.lines
        values += other.values
        rejected += other.rejected
        bytes += other.bytes
    }
}
