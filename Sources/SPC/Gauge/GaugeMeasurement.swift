/// One measurement of a gauge study: which part, which operator (appraiser), and the value read.
public struct GaugeMeasurement: Sendable, Equatable {
    public var part: String
    public var `operator`: String
    public var value: Double

    public init(part: String, operator: String, value: Double) {
        self.part = part
        self.operator = `operator`
        self.value = value
    }

    /// The measurements of a CSV text with the header `part,operator,value` (any order of the three
    /// columns, names case-insensitive) and one measurement per line; blank lines are skipped.
    ///
    /// - Throws: `SPCError.malformedLine` naming the line (1-based, the header is line 1) of a missing
    ///   header column, a wrong number of cells, an empty part or operator or a value that is not a finite
    ///   number; `SPCError.emptyData` without a measurement.
    public static func parseCSV(_ text: String) throws(SPCError) -> [GaugeMeasurement] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
            (number: index + 1, cells: line.split(separator: ",", omittingEmptySubsequences: false).map(trimmed))
        }
        lines.removeAll { $0.cells.allSatisfy(\.isEmpty) }
        guard let header = lines.first else { throw .emptyData }
        let names = header.cells.map { $0.lowercased() }
        guard let partColumn = names.firstIndex(of: "part"), let operatorColumn = names.firstIndex(of: "operator"),
            let valueColumn = names.firstIndex(of: "value")
        else {
            throw .malformedLine(line: header.number, reason: "the header must name the columns part, operator and value")
        }
        var measurements: [GaugeMeasurement] = []
        measurements.reserveCapacity(lines.count - 1)
        for line in lines.dropFirst() {
            guard line.cells.count == names.count else {
                throw .malformedLine(line: line.number, reason: "expected \(names.count) cells, found \(line.cells.count)")
            }
            let part = line.cells[partColumn]
            let operatorName = line.cells[operatorColumn]
            guard !part.isEmpty, !operatorName.isEmpty else {
                throw .malformedLine(line: line.number, reason: "the part and the operator must not be empty")
            }
            guard let value = Double(line.cells[valueColumn]), value.isFinite else {
                throw .malformedLine(line: line.number, reason: "value \"\(line.cells[valueColumn])\" is not a finite number")
            }
            measurements.append(GaugeMeasurement(part: part, operator: operatorName, value: value))
        }
        guard !measurements.isEmpty else { throw .emptyData }
        return measurements
    }

    private static func trimmed(_ cell: Substring) -> String {
        var cell = cell
        while let first = cell.first, first.isWhitespace || first == "\"" { cell.removeFirst() }
        while let last = cell.last, last.isWhitespace || last == "\"" { cell.removeLast() }
        return String(cell)
    }
}
