import Foundation
import SPC

/// A CSV file of named variables: a header row of names, then one observation per row, every cell
/// a finite number. Row i (0-based, as `--phase1` counts) is line i + 2.
struct CSVVariableTable {
    var file: String
    var observations: ObservationMatrix

    /// Reads and parses `file`.
    ///
    /// - Throws: `SPCInputError` naming the file for a missing header or no rows, and the row, line
    ///   and column of a row of the wrong length or a cell that is not a finite number.
    init(contentsOf file: String) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw SPCInputError(item: file, message: "cannot read the file: \(error.localizedDescription)")
        }
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        guard let header = lines.first else { throw SPCInputError(item: file, message: "no header row of variable names") }
        let names = header.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        if let blank = names.firstIndex(where: \.isEmpty) {
            throw SPCInputError(item: "\(file) line 1", message: "column \(blank + 1): the header names no variable")
        }
        if let repeated = names.indices.first(where: { names[..<$0].contains(names[$0]) }) {
            throw SPCInputError(item: "\(file) line 1", message: "column \(repeated + 1): variable \"\(names[repeated])\" is named twice")
        }
        guard lines.count > 1 else { throw SPCInputError(item: file, message: "no data rows after the header") }
        var values: [Double] = []
        values.reserveCapacity((lines.count - 1) * names.count)
        for (row, line) in lines.dropFirst().enumerated() {
            var column = 0
            for cell in line.split(separator: ",", omittingEmptySubsequences: false) {
                let text = cell.trimmingCharacters(in: .whitespaces.union(.init(charactersIn: "\r")))
                guard let value = Double(text), value.isFinite else {
                    throw SPCInputError(item: Self.location(file, row), message: "column \(column + 1): \"\(text)\" is not a finite number")
                }
                values.append(value)
                column += 1
            }
            guard column == names.count else {
                throw SPCInputError(item: Self.location(file, row), message: "\(column) values where the header names \(names.count) variables")
            }
        }
        self.file = file
        do {
            observations = try ObservationMatrix(variables: names, values: values)
        } catch {
            throw error.inputError(file: file)
        }
    }

    /// "FILE row R (line L)": R is 0-based as in `--phase1`, L counts the header as line 1.
    static func location(_ file: String, _ row: Int) -> String {
        "\(file) row \(row) (line \(row + 2))"
    }
}
