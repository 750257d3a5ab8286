import Compression
import Historian

#if canImport(Glibc)
import Glibc
import Ingest
#endif

/// Streams one file through the matching ingester in 4 MiB reads, gunzipping `.gz`, with a
/// progress line on stderr when it is a terminal.
struct FileImporter {
    let historian: Historian
    let path: String
    let format: ImportCommand.Format
    let precision: TimestampPrecision
    let measurement: String
    let maxErrors: Int

    func run(previous: ImportProgress) throws -> ImportProgress {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw HistorianError.io(path: path, operation: "open", code: errno) }
        defer { close(descriptor) }
        let gunzip = path.hasSuffix(".gz") ? try GzipDecompressor() : nil
        let lineProtocol =
            format == .lineProtocol
            ? LineProtocolIngester(historian: historian, precision: precision, defaultTimestamp: Self.now()) : nil
        let csv = format == .csv ? CSVIngester(historian: historian, measurement: measurement, precision: precision) : nil
        let showProgress = isatty(STDERR_FILENO) != 0
        var progress = ImportProgress()
        var printed = 0
        var lastProgress = ContinuousClock.now
        let onReject: (RejectedLine) -> Void = { rejected in
            progress.rejected += 1
            if printed < maxErrors {
                StandardError.line("\(path):\(rejected.line)\(rejected.column.map { ":\($0)" } ?? ""): \(rejected.reason)")
                printed += 1
            }
        }
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
            progress.bytes += count
            if let gunzip {
                if count > 0 {
                    pending += try buffer.withUnsafeBytes { try gunzip.decompress(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
                } else {
                    try gunzip.finish()
                }
            } else {
                pending += buffer[0..<count]
            }
            let consumed = try pending.withUnsafeBytes { raw throws -> Int in
                if let lineProtocol { return try lineProtocol.ingest(raw, isFinal: atEnd, onReject: onReject) }
                if let csv { return try csv.ingest(raw, isFinal: atEnd, onReject: onReject) }
                return raw.count
            }
            pending.removeFirst(consumed)
            if showProgress && ContinuousClock.now - lastProgress > .seconds(1) {
                lastProgress = ContinuousClock.now
                let lines = previous.lines + (lineProtocol?.linesRead ?? csv?.linesRead ?? 0)
                let values = previous.values + (lineProtocol?.valuesWritten ?? csv?.valuesWritten ?? 0)
                StandardError.progress("\u{1B}[2K\r\(path): \(progress.bytes >> 20) MiB read, \(lines) lines, \(values) values")
            }
        }
        if showProgress { StandardError.progress("\u{1B}[2K\r") }
        try lineProtocol?.finish(onReject: onReject)
        try csv?.finish()
        progress.lines = lineProtocol?.linesRead ?? csv?.linesRead ?? 0
        progress.values = lineProtocol?.valuesWritten ?? csv?.valuesWritten ?? 0
        if progress.rejected > printed {
            StandardError.line("\(path): \(progress.rejected - printed) more bad lines not shown")
        }
        return progress
    }

    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
