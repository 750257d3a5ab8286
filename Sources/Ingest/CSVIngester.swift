import Historian
import Time

/// Streams wide CSV into a ``Historian``: the first column is the timestamp (integer in the given
/// precision, or RFC 3339), every other column is the field of a series `measurement <header>`
/// with no tags. Cells are floats; an empty cell means no sample. Quoted cells are not supported.
///
/// Bad rows or cells are reported through the callback with their line number and skipped.
public final class CSVIngester {
    private let historian: Historian
    private let measurement: String
    private let precision: TimestampPrecision
    private let batchSize: Int
    private var columns: [SeriesID] = []
    private var columnNames: [String] = []
    private var pending: [RawSample] = []
    /// Lines read so far, the header included.
    public private(set) var linesRead = 0
    /// Values stored so far.
    public private(set) var valuesWritten = 0
    /// Rows or cells rejected.
    public private(set) var rejections = 0

    /// Creates an ingester of wide CSV into `measurement`; `batchSize` samples per write.
    public init(historian: Historian, measurement: String, precision: TimestampPrecision = .nanoseconds, batchSize: Int = 65_536) {
        self.historian = historian
        self.measurement = measurement
        self.precision = precision
        self.batchSize = max(1, batchSize)
    }

    /// Parses and stores the complete lines of `bytes`; returns the bytes consumed (see ``LineProtocolParser``).
    public func ingest(_ bytes: UnsafeRawBufferPointer, isFinal: Bool, onReject: (RejectedLine) -> Void) throws(HistorianError) -> Int {
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            if end == bytes.count && !isFinal { break }
            linesRead += 1
            var lineEnd = end
            if lineEnd > start && bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            let cells = Self.split(bytes, from: start, to: lineEnd)
            if lineEnd > start {
                if columns.isEmpty && columnNames.isEmpty {
                    try readHeader(cells, onReject: onReject)
                } else {
                    try readRow(cells, onReject: onReject)
                }
            }
            start = end + 1
        }
        return min(start, bytes.count)
    }

    /// Writes what is still buffered; call at the end of the input.
    public func finish() throws(HistorianError) {
        try historian.writeRaw(pending)
        valuesWritten += pending.count
        pending.removeAll()
    }

    private static func split(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> [String] {
        var cells: [String] = []
        var cellStart = start
        for index in start...end where index == end || bytes[index] == UInt8(ascii: ",") {
            cells.append(
                String(decoding: UnsafeRawBufferPointer(rebasing: bytes[cellStart..<index]), as: UTF8.self)
                    .trimmingSpaces())
            cellStart = index + 1
        }
        return cells
    }

    private func readHeader(_ cells: [String], onReject: (RejectedLine) -> Void) throws(HistorianError) {
        columnNames = Array(cells.dropFirst())
        guard !columnNames.isEmpty, !columnNames.contains(where: \.isEmpty) else {
            rejections += 1
            onReject(RejectedLine(line: linesRead, column: nil, reason: "header needs a timestamp column and named value columns"))
            columnNames = []
            return
        }
        let series = try historian.register(columnNames.map { (SeriesKey(measurement: measurement, field: $0), ValueKind.float) })
        columns = series.map(\.id)
    }

    private func readRow(_ cells: [String], onReject: (RejectedLine) -> Void) throws(HistorianError) {
        guard !columns.isEmpty else { return }
        guard cells.count == columns.count + 1 else {
            rejections += 1
            onReject(RejectedLine(line: linesRead, column: nil, reason: "row has \(cells.count) cells, the header \(columns.count + 1)"))
            return
        }
        let timestamp: Int64
        if let raw = Int64(cells[0]) {
            guard let scaled = precision.nanoseconds(from: raw) else {
                rejections += 1
                onReject(RejectedLine(line: linesRead, column: 1, reason: "timestamp '\(cells[0])' out of range"))
                return
            }
            timestamp = scaled
        } else if let parsed = RFC3339.parse(cells[0]) {
            timestamp = parsed
        } else {
            rejections += 1
            onReject(RejectedLine(line: linesRead, column: 1, reason: "timestamp '\(cells[0])' is neither an integer nor RFC 3339"))
            return
        }
        guard timestamp != .max else {
            rejections += 1
            onReject(RejectedLine(line: linesRead, column: 1, reason: Historian.reservedTimestampReason))
            return
        }
        for (index, cell) in cells.dropFirst().enumerated() where !cell.isEmpty {
            guard let value = Double(cell), value.isFinite else {
                rejections += 1
                onReject(RejectedLine(line: linesRead, column: nil, reason: "column '\(columnNames[index])': '\(cell)' is not a number"))
                continue
            }
            pending.append(RawSample(series: columns[index], timestamp: timestamp, bits: value.bitPattern, quality: Quality.good.rawValue))
        }
        if pending.count >= batchSize { try finish() }
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var slice = Substring(self)
        while slice.first == " " || slice.first == "\t" { slice.removeFirst() }
        while slice.last == " " || slice.last == "\t" { slice.removeLast() }
        return String(slice)
    }
}
