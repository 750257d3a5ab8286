import Foundation
import Ingest

/// A line protocol file cut into write requests of a fixed number of lines, with the number of
/// field values each request carries (what "values/s" counts, as the peer benchmark does).
struct LineProtocolBatches: Sendable {
    /// One request body: whole lines, each ending in a newline.
    struct Batch: Sendable {
        var body: [UInt8]
        var lines: Int
        var values: Int
    }

    var batches: [Batch]

    var lines: Int { batches.reduce(0) { $0 + $1.lines } }
    var values: Int { batches.reduce(0) { $0 + $1.values } }
    var bytes: Int { batches.reduce(0) { $0 + $1.body.count } }

    /// Cuts `text` into batches of `linesPerBatch` lines; blank lines and `#` comments are skipped.
    init(_ text: [UInt8], linesPerBatch: Int) {
        batches = []
        var current = Batch(body: [], lines: 0, values: 0)
        text.withUnsafeBufferPointer { bytes in
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if let first = line.first(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") }), first != UInt8(ascii: "#") {
                    current.body.append(contentsOf: line)
                    current.body.append(UInt8(ascii: "\n"))
                    current.lines += 1
                    current.values += Self.fieldCount(line)
                    if current.lines == linesPerBatch {
                        batches.append(current)
                        current = Batch(body: [], lines: 0, values: 0)
                    }
                }
                start = end + 1
            }
        }
        if current.lines > 0 { batches.append(current) }
    }

    /// Reads and cuts a file.
    /// - Throws: ``IngestBenchError/unreadable(path:reason:)``.
    static func read(path: String, linesPerBatch: Int) throws(IngestBenchError) -> LineProtocolBatches {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist")
        }
        return LineProtocolBatches([UInt8](data), linesPerBatch: linesPerBatch)
    }

    /// Fields of one line: the commas of the field set (the part after the first unescaped space)
    /// outside double-quoted strings, plus one. InfluxDB line protocol reference, "Syntax".
    static func fieldCount(_ line: UnsafeBufferPointer<UInt8>) -> Int {
        var index = 0
        var section = 0
        var inString = false
        var fields = 1
        while index < line.count {
            let byte = line[index]
            if byte == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if section == 1 && byte == UInt8(ascii: "\"") {
                inString.toggle()
            } else if !inString && byte == UInt8(ascii: " ") {
                section += 1
                if section == 2 { break }
            } else if section == 1 && !inString && byte == UInt8(ascii: ",") {
                fields += 1
            }
            index += 1
        }
        return section >= 1 ? fields : 0
    }
}
