import Foundation

/// A delimited text file (CSV and its relatives) read into numeric series.
///
/// The delimiter is detected from the first line: the most frequent of `,` `;` and tab outside quotes,
/// else runs of whitespace. The first line is a header when a value field of it is not a number. With
/// more than one column the first is the timestamp (see `TimestampParser`) unless the caller says the
/// table has none. A column whose first non-empty cell is not a number is text and is skipped; an empty
/// cell or `""` is a missing value. Rows need not be in time order. Line and column numbers in errors
/// are 1-based.
struct DelimitedTable {
    struct Series {
        var name: String
        var timestamps: [Int64]
        var values: [Double]
    }

    var series: [Series]
    var hasTimestamps: Bool
    var skippedTextColumns: [String]

    enum Delimiter: Equatable {
        case character(UInt8)
        case whitespace
    }

    static func parse(_ bytes: [UInt8], file: String, timestampColumn: Bool = true) throws(InputError) -> DelimitedTable {
        let lines = splitLines(bytes)
        guard let firstLine = lines.first else { throw InputError(file: file, reason: "the file has no data lines") }
        let delimiter = detectDelimiter(bytes[firstLine.range])
        let firstFields = try splitFields(bytes[firstLine.range], delimiter: delimiter, file: file, line: firstLine.number)
        let hasTimestamps = timestampColumn && firstFields.count > 1
        let valueStart = hasTimestamps ? 1 : 0
        let isHeader = firstFields[valueStart...].contains { field in
            let text = cellText(field)
            return !text.isEmpty && Double(text) == nil
        }
        let names = (0..<firstFields.count).map { index in
            let header = isHeader ? cellText(firstFields[index]) : ""
            return header.isEmpty ? (firstFields.count == 1 ? "value" : "column\(index + 1)") : header
        }

        var isNumeric = [Bool?](repeating: nil, count: names.count)
        var columns = names.map { Series(name: $0, timestamps: [], values: []) }
        for line in lines.dropFirst(isHeader ? 1 : 0) {
            let fields = try splitFields(bytes[line.range], delimiter: delimiter, file: file, line: line.number)
            guard fields.count <= names.count else {
                throw InputError(
                    file: file, line: line.number, column: names.count + 1, reason: "\(fields.count) fields, but the first line has \(names.count)")
            }
            var timestamp: Int64 = 0
            if hasTimestamps {
                let text = cellText(fields[0])
                guard let parsed = TimestampParser.parse(Array(text.utf8)) else {
                    throw InputError(file: file, line: line.number, column: 1, reason: "'\(text)' is not an ISO 8601 time or an epoch number")
                }
                timestamp = parsed
            }
            for index in valueStart..<fields.count {
                let text = cellText(fields[index])
                if text.isEmpty { continue }
                let value = Double(text)
                switch isNumeric[index] {
                case nil:
                    isNumeric[index] = value != nil
                case true? where value == nil:
                    throw InputError(
                        file: file, line: line.number, column: index + 1, reason: "'\(text)' is not a number in numeric column '\(names[index])'")
                default:
                    break
                }
                guard let value else { continue }
                columns[index].values.append(value)
                if hasTimestamps { columns[index].timestamps.append(timestamp) }
            }
        }
        let numeric = (valueStart..<names.count).filter { isNumeric[$0] == true }
        return DelimitedTable(
            series: numeric.map { columns[$0] },
            hasTimestamps: hasTimestamps,
            skippedTextColumns: (valueStart..<names.count).filter { isNumeric[$0] == false }.map { names[$0] }
        )
    }

    struct Line {
        var number: Int
        var range: Range<Int>
    }

    /// Non-empty lines without their line terminator (`\n` or `\r\n`).
    static func splitLines(_ bytes: [UInt8]) -> [Line] {
        var lines: [Line] = []
        var start = 0
        var number = 1
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "\n") {
            var end = index
            if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            let isBlank = bytes[start..<end].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            if !isBlank { lines.append(Line(number: number, range: start..<end)) }
            start = index + 1
            number += 1
        }
        return lines
    }

    static func detectDelimiter(_ line: ArraySlice<UInt8>) -> Delimiter {
        var counts: [UInt8: Int] = [:]
        var inQuotes = false
        for byte in line {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if !inQuotes && (byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "\t")) {
                counts[byte, default: 0] += 1
            }
        }
        guard let best = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) else {
            return .whitespace
        }
        return .character(best.key)
    }

    /// The fields of one line; quoted fields may hold the delimiter and `""` for a quote.
    static func splitFields(_ line: ArraySlice<UInt8>, delimiter: Delimiter, file: String, line number: Int) throws(InputError) -> [ArraySlice<UInt8>]
    {
        if delimiter == .whitespace {
            return line.split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
        }
        guard case .character(let separator) = delimiter else { return [] }
        var fields: [ArraySlice<UInt8>] = []
        var index = line.startIndex
        while true {
            let start = index
            if index < line.endIndex && line[index] == UInt8(ascii: "\"") {
                index += 1
                while true {
                    guard index < line.endIndex else {
                        throw InputError(file: file, line: number, column: fields.count + 1, reason: "quoted field is not closed")
                    }
                    if line[index] == UInt8(ascii: "\"") {
                        if index + 1 < line.endIndex && line[index + 1] == UInt8(ascii: "\"") {
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    index += 1
                }
            }
            while index < line.endIndex && line[index] != separator { index += 1 }
            fields.append(line[start..<index])
            if index == line.endIndex { return fields }
            index += 1
        }
    }

    /// The text of a field: trimmed, unquoted, `""` unescaped.
    static func cellText(_ field: ArraySlice<UInt8>) -> String {
        var text = String(decoding: field, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        if text.count >= 2 && text.hasPrefix("\"") && text.hasSuffix("\"") {
            text = String(text.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
        }
        return text
    }
}
