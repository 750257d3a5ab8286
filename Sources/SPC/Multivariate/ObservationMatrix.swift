/// Observations of several variables: one row per observation, one column per variable, stored
/// row-major in one contiguous array (no per-row allocation).
public struct ObservationMatrix: Sendable, Equatable {
    /// The variable names, one per column.
    public let variables: [String]
    /// The values, row-major: value j of row i is `values[i * variables.count + j]`.
    public let values: [Double]

    /// The number of observations.
    public var rowCount: Int { values.count / variables.count }

    /// Observations from row-major `values` of `variables.count` columns.
    /// - Throws: ``SPCError/emptyData`` without variables or rows; ``SPCError/rowLengthMismatch(row:count:expected:)``
    ///   when `values` does not fill whole rows; ``SPCError/nonFiniteValue(row:)`` for NaN or ±∞.
    public init(variables: [String], values: [Double]) throws(SPCError) {
        guard !variables.isEmpty, !values.isEmpty else { throw .emptyData }
        let columns = variables.count
        guard values.count % columns == 0 else {
            throw .rowLengthMismatch(row: values.count / columns, count: values.count % columns, expected: columns)
        }
        if let bad = values.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteValue(row: bad / columns) }
        self.variables = variables
        self.values = values
    }

    /// Observations from one array per row.
    /// - Throws: as ``init(variables:values:)``, and ``SPCError/rowLengthMismatch(row:count:expected:)``
    ///   naming the first row whose length differs from `variables.count`.
    public init(variables: [String], rows: [[Double]]) throws(SPCError) {
        var values: [Double] = []
        values.reserveCapacity(rows.count * variables.count)
        for (index, row) in rows.enumerated() {
            guard row.count == variables.count else { throw .rowLengthMismatch(row: index, count: row.count, expected: variables.count) }
            values += row
        }
        try self.init(variables: variables, values: values)
    }
}
