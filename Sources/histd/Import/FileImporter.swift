import Compression
import Historian
import Ingest
import Time

#if canImport(Glibc)
import Glibc
#endif

/// Streams one file through the matching ingester in 4 MiB reads, gunzipping `.gz` and converting
/// its encoding to UTF-8, with a progress line on stderr when it is a terminal.
struct FileImporter {
    let historian: Historian
    let path: String
    let format: ImportCommand.Format
    let options: CSVImportOptions
    let encoding: TextEncoding
    let plausibleTimes: PlausibleTimeWindow?
    let maxErrors: Int

    /// Imports the file; every rejected line goes to `report`, the first `maxErrors` to stderr too.
    /// - Throws: ``HistorianError`` for I/O, ``CSVImportError`` when the CSV header or options do not fit.
    func run(previous: ImportProgress, report: inout RejectionReport) throws -> ImportProgress {
        let lineProtocol =
            format == .lineProtocol
            ? LineProtocolIngester(historian: historian, precision: options.precision, defaultTimestamp: options.now, plausibleTimes: plausibleTimes)
            : nil
        let csv = format == .csv ? CSVIngester(historian: historian, options: options) : nil
        let showProgress = isatty(STDERR_FILENO) != 0
        var progress = ImportProgress()
        var printed = 0
        var lastProgress = ContinuousClock.now
        var rejectedLines: [String] = []
        let onReject: (RejectedLine) -> Void = { rejected in
            progress.rejected += 1
            let text = "\(rejected.line)\(rejected.column.map { ":\($0)" } ?? ""): \(rejected.reason)"
            rejectedLines.append(text)
            if printed < maxErrors {
                StandardError.line("\(path):\(text)")
                printed += 1
            }
        }
        try Self.readChunks(path, encoding: encoding) { bytes, readCount, atEnd in
            progress.bytes += readCount
            let consumed = try bytes.withUnsafeBytes { raw throws -> Int in
                if let lineProtocol { return try lineProtocol.ingest(raw, isFinal: atEnd, onReject: onReject) }
                if let csv { return try csv.ingest(raw, isFinal: atEnd, onReject: onReject) }
                return raw.count
            }
            for line in rejectedLines { report.add(file: path, line) }
            rejectedLines.removeAll()
            if showProgress && ContinuousClock.now - lastProgress > .seconds(1) {
                lastProgress = ContinuousClock.now
                let lines = previous.lines + (lineProtocol?.linesRead ?? csv?.linesRead ?? 0)
                let values = previous.values + (lineProtocol?.valuesWritten ?? csv?.valuesWritten ?? 0)
                StandardError.progress("\u{1B}[2K\r\(path): \(progress.bytes >> 20) MiB read, \(lines) lines, \(values) values")
            }
            return (consumed, false)
        }
        if showProgress { StandardError.progress("\u{1B}[2K\r") }
        try lineProtocol?.finish(onReject: onReject)
        try csv?.finish()
        for line in rejectedLines { report.add(file: path, line) }
        progress.lines = lineProtocol?.linesRead ?? csv?.linesRead ?? 0
        progress.values = lineProtocol?.valuesWritten ?? csv?.valuesWritten ?? 0
        if progress.rejected > printed {
            StandardError.line("\(path): \(progress.rejected - printed) more bad lines not shown")
        }
        return progress
    }

    /// Reads the CSV file `path` without storing anything and prints its inferred schema and first converted lines.
    /// - Throws: ``HistorianError`` for I/O, ``CSVImportError`` when the CSV header or options do not fit.
    static func dryRun(path: String, options: CSVImportOptions, encoding: TextEncoding) throws {
        let csv = CSVIngester(historian: nil, options: options)
        var rejected: [RejectedLine] = []
        try readChunks(path, encoding: encoding) { bytes, _, atEnd in
            let consumed = try bytes.withUnsafeBytes { try csv.ingest($0, isFinal: atEnd) { rejected.append($0) } }
            return (consumed, csv.previewIsComplete)
        }
        print("\(path): measurement \(options.measurement)")
        print(csv.schema.map(\.description) ?? "no header")
        print("first lines as line protocol:")
        for line in csv.preview { print("  \(line)") }
        for line in rejected.prefix(10) { print("  rejected: \(line)") }
    }

    /// Calls `body` with the UTF-8 bytes not yet consumed, the count of file bytes just read and
    /// whether the file ended; `body` returns how many it consumed and whether to stop.
    private static func readChunks(
        _ path: String, encoding: TextEncoding, _ body: ([UInt8], Int, Bool) throws -> (consumed: Int, stop: Bool)
    ) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw HistorianError.io(path: path, operation: "open", code: errno) }
        defer { close(descriptor) }
        let gunzip = path.hasSuffix(".gz") ? try GzipDecompressor() : nil
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4 << 20)
        var atEnd = false
        while !atEnd {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw HistorianError.io(path: path, operation: "read", code: errno)
            }
            atEnd = count == 0
            if let gunzip {
                if count > 0 {
                    let inflated = try buffer.withUnsafeBytes { try gunzip.decompress(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
                    pending += encoding.utf8(inflated[...])
                } else {
                    try gunzip.finish()
                }
            } else if encoding == .utf8 {
                pending += buffer[0..<count]
            } else {
                pending += encoding.utf8(buffer[0..<count])
            }
            let (consumed, stop) = try body(pending, count, atEnd)
            if stop { return }
            pending.removeFirst(consumed)
        }
    }

    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
