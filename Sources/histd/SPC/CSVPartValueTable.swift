/// The rows `part,value` of a CSV file for a short-run (zmr) chart: the part is any text (a product
/// code), the value a finite number.
struct CSVPartValueTable {
    var parts: [String]
    var values: [Double]

    /// Reads and parses `file`.
    ///
    /// - Throws: `SPCInputError` naming the row of a row without two cells, an empty part or a non-numeric value.
    init(contentsOf file: String) throws {
        var parts: [String] = []
        var values: [Double] = []
        for (row, cells) in try CSVNumberTable.cells(of: file).enumerated() {
            guard cells.count == 2 else {
                throw SPCInputError(item: CSVNumberTable.location(file, row), message: "expected 2 values (part,value), found \(cells.count)")
            }
            guard !cells[0].isEmpty else { throw SPCInputError(item: CSVNumberTable.location(file, row), message: "column 1: empty part") }
            parts.append(cells[0])
            values.append(try CSVNumberTable.number(cells[1], file: file, row: row, column: 1))
        }
        self.parts = parts
        self.values = values
    }
}
