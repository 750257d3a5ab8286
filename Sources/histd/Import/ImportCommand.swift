import ArgumentParser
import Compression
import Foundation
import Historian
import Ingest
import Time

/// `histd import`: streams line protocol or CSV files (optionally gzipped) into a data directory.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import InfluxDB line protocol (.lp) or CSV (.csv) files, optionally .gz, into a data directory.",
        discussion: """
            CSV: the delimiter (',' ';' tab), the time column (named time, timestamp, datetime, date, ... else the first) \
            and its format (RFC 3339 / ISO 8601, epoch integers in --precision, dd/mm/yyyy hh:mm or mm/dd/yyyy when the first \
            rows tell which, dd.mm.yyyy) are inferred; the options below override them. A first column holding a row index \
            (0, 1, 2, ...) is refused as the time unless --time-column names it. Numeric columns become float fields, \
            other columns string fields. A row with a bad cell is rejected whole.

            Sample times must lie between 1990-01-01 and one day after now (--any-time switches this off); a time \
            outside is rejected with the precision that fits it.

            Bad lines are reported with their line number and reason (all of them in --report). Exit status: 0 when \
            everything was imported, 2 when some lines were rejected and the rest imported (report written), 1 when \
            nothing was imported or on an error.
            """)

    @Option(name: .long, help: "The data directory (created if missing).")
    var data: String

    @Option(name: .long, help: "Unit of integer input timestamps: ns, us, ms or s.")
    var precision: String = "ns"

    @Option(name: .long, help: "Measurement of the CSV columns (default: the file name without extensions).")
    var measurement: String?

    @Option(name: .long, help: "CSV cell separator: ',', ';', 'tab' (default: detected from the header).")
    var delimiter: String?

    @Option(name: .long, help: "CSV time column: a header name or a 1-based number.")
    var timeColumn: String?

    @Option(
        name: .long, help: "CSV time format: strftime-style ('%d/%m/%Y %H:%M'), spelled ('dd/mm/yyyy hh:mm') or 'excel' (serial days).")
    var timeFormat: String?

    @Option(name: .long, help: "Time zone of CSV times without an offset, e.g. Europe/Berlin (default UTC).")
    var timezone: String?

    @Option(name: .long, help: "CSV column whose cells are tag values; repeatable.")
    var tagColumn: [String] = []

    @Option(name: .long, help: "CSV column left out; repeatable.")
    var skipColumn: [String] = []

    @Option(name: .long, help: "Encoding of the input: utf-8, latin1 or cp1252.")
    var encoding: String = "utf-8"

    @Flag(name: .long, help: "Print the inferred CSV schema and the first converted lines; store nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Accept sample times outside 1990-01-01 .. now + 1 day.")
    var anyTime = false

    @Option(name: .long, help: "File that receives every rejected line (written when a line is rejected).")
    var report: String = "histd-import-rejected.txt"

    @Option(name: .long, help: "Most bad lines to print per file (the count is always printed).")
    var maxErrors: Int = 100

    @Argument(help: "Files to import: .lp, .csv, either with .gz.")
    var files: [String]

    func validate() throws {
        guard TimestampPrecision(rawValue: precision) != nil else {
            throw ValidationError("--precision must be one of ns, us, ms, s, not '\(precision)'")
        }
        guard TextEncoding(name: encoding) != nil else { throw ValidationError("--encoding must be utf-8, latin1 or cp1252, not '\(encoding)'") }
        if dryRun, files.contains(where: { Self.format(of: $0) != .csv }) { throw ValidationError("--dry-run reads CSV files only") }
    }

    enum Format { case lineProtocol, csv }

    static func format(of path: String) -> Format {
        let name = path.hasSuffix(".gz") ? String(path.dropLast(3)) : path
        return name.hasSuffix(".csv") ? .csv : .lineProtocol
    }

    /// The file name without its directory and its `.csv` / `.gz` extensions.
    static func measurementName(of path: String) -> String {
        var name = String(path.split(separator: "/").last ?? Substring(path))
        for suffix in [".gz", ".csv", ".lp"] where name.hasSuffix(suffix) { name.removeLast(suffix.count) }
        return name
    }

    func run() throws {
        let precision = TimestampPrecision(rawValue: precision) ?? .nanoseconds
        let encoding = TextEncoding(name: encoding) ?? .utf8
        let csvOptions = try csvOptions(precision: precision)
        if dryRun {
            for file in files { try FileImporter.dryRun(path: file, options: csvOptions(file), encoding: encoding) }
            return
        }
        let historian = try Historian(directory: data)
        if let torn = historian.recovery.tornTail {
            StandardError.line("note: dropped a torn WAL record of \(torn.droppedBytes) bytes at \(torn.path) offset \(torn.offset)")
        }
        let clock = ContinuousClock()
        let started = clock.now
        var totals = ImportProgress()
        var rejectedLines = RejectionReport(path: report)
        var failure: Error?
        for file in files {
            var options = csvOptions(file)
            options.now = FileImporter.now()
            let importer = FileImporter(
                historian: historian, path: file, format: Self.format(of: file), options: options, encoding: encoding,
                plausibleTimes: anyTime ? nil : PlausibleTimeWindow(), maxErrors: maxErrors)
            do {
                totals.add(try importer.run(previous: totals, report: &rejectedLines))
            } catch {
                StandardError.line("\(file): \(error)")
                failure = error
                break
            }
        }
        try historian.flush()
        // Flushes during a long import leave several files per window: merge them.
        _ = try historian.compact()
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds)
        let rate = seconds > 0 ? Double(totals.values) / seconds : 0
        print(
            "imported \(totals.values) values from \(totals.lines) lines of \(files.count) file(s) in \(StandardError.threeDecimals(seconds)) s (\(Int(rate)) values/s); \(totals.rejected) rejected"
        )
        if totals.rejected > 0 {
            try rejectedLines.close()
            print("rejected lines: \(report)")
        }
        if failure != nil || totals.values == 0 && totals.rejected > 0 { throw ExitCode.failure }
        if totals.rejected > 0 { throw ExitCode(2) }
    }

    /// The CSV options of the flags, the measurement still to be set per file.
    private func csvOptions(precision: TimestampPrecision) throws -> (String) -> CSVImportOptions {
        let separator: UInt8?
        switch delimiter {
        case nil: separator = nil
        case "tab", "\\t", "\t": separator = UInt8(ascii: "\t")
        case let text? where text.utf8.count == 1 && text != "\"" && text != "\n": separator = text.utf8.first
        case let text?: throw ValidationError("--delimiter must be one character (',' ';' '|') or 'tab', not '\(text)'")
        }
        let format: CSVTimeFormat?
        do {
            format = try timeFormat.map { text throws(CSVImportError) in try CSVTimeFormat(text) }
        } catch {
            throw ValidationError(error.description)
        }
        let zone = try timezone.map { name in
            guard let zone = TimeZone(identifier: name) else { throw ValidationError("--timezone '\(name)' is not a time zone like Europe/Berlin") }
            return zone
        }
        let window = anyTime ? nil : PlausibleTimeWindow()
        return { file in
            var options = CSVImportOptions(measurement: measurement ?? Self.measurementName(of: file))
            options.delimiter = separator
            options.timeColumn = timeColumn
            options.timeFormat = format
            options.timeZone = zone
            options.tagColumns = tagColumn
            options.skipColumns = skipColumn
            options.precision = precision
            options.plausibleTimes = window
            options.now = FileImporter.now()
            return options
        }
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
