import Foundation

/// The numeric rows of a CSV file: row i (0-based) is line i + 1; every cell must be a number.
struct CSVNumberTable {
    var file: String
    var rows: [[Double]]

    /// Reads and parses `file`.
    ///
    /// - Throws: `SPCInputError` naming the row and column of an empty row or a non-numeric cell.
    init(contentsOf file: String) throws {
        self.file = file
        rows = try Self.cells(of: file).enumerated().map { row, cells in
            try cells.enumerated().map { column, cell in try Self.number(cell, file: file, row: row, column: column) }
        }
    }

    /// The trimmed cells of every row of `file`, trailing blank lines left out.
    ///
    /// - Throws: `SPCInputError` for an unreadable file, an empty row or no row at all.
    static func cells(of file: String) throws -> [[String]] {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw SPCInputError(item: file, message: "cannot read the file: \(error.localizedDescription)")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        while let last = lines.last, last.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            lines.removeLast()
        }
        var rows: [[String]] = []
        rows.reserveCapacity(lines.count)
        for (row, line) in lines.enumerated() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            if cells.allSatisfy(\.isEmpty) {
                throw SPCInputError(item: location(file, row), message: "empty row")
            }
            rows.append(cells)
        }
        guard !rows.isEmpty else { throw SPCInputError(item: file, message: "no data rows") }
        return rows
    }

    /// The finite number in `cell` (0-based `row` and `column`).
    static func number(_ cell: String, file: String, row: Int, column: Int) throws -> Double {
        guard let value = Double(cell), value.isFinite else {
            throw SPCInputError(item: location(file, row), message: "column \(column + 1): \"\(cell)\" is not a finite number")
        }
        return value
    }

    /// "FILE row R (line L)" with R 0-based as in `--phase1`.
    static func location(_ file: String, _ row: Int) -> String {
        "\(file) row \(row) (line \(row + 1))"
    }

    /// One value per row.
    func singleColumn() throws -> [Double] {
        try rows.enumerated().map { row, values in
            guard values.count == 1 else {
                throw SPCInputError(item: Self.location(file, row), message: "expected 1 value, found \(values.count)")
            }
            return values[0]
        }
    }

    /// Two values per row: (first, second).
    func pairs(_ first: String, _ second: String) throws -> (first: [Double], second: [Double]) {
        var a: [Double] = []
        var b: [Double] = []
        for (row, values) in rows.enumerated() {
            guard values.count == 2 else {
                throw SPCInputError(item: Self.location(file, row), message: "expected 2 values (\(first),\(second)), found \(values.count)")
            }
            a.append(values[0])
            b.append(values[1])
        }
        return (a, b)
    }
}
