import Historian

/// What a CSV import read from the header and the first rows: printed by `histd import --dry-run`.
public struct CSVSchema: Sendable, CustomStringConvertible {
    /// One imported value column.
    public struct Field: Sendable {
        /// The field key (the column's header).
        public var name: String
        /// The kind of its values, once a value was read.
        public var kind: ValueKind?
    }

    /// The cell separator.
    public var delimiter: UInt8
    /// The 1-based number and header of the time column.
    public var timeColumn: (number: Int, name: String)
    /// How its cells are read, for people.
    public var timeFormat: String
    /// The tag columns' headers.
    public var tags: [String]
    /// The value columns.
    public var fields: [Field]
    /// The columns left out (`--skip-column`).
    public var skipped: [String]

    public var description: String {
        let separator = delimiter == UInt8(ascii: "\t") ? "tab" : "'\(Character(Unicode.Scalar(delimiter)))'"
        var lines = [
            "delimiter: \(separator)",
            "time: column \(timeColumn.number) '\(timeColumn.name)' (\(timeFormat))",
            "tags: \(tags.isEmpty ? "none" : tags.joined(separator: ", "))",
            "fields: " + fields.map { "\($0.name) (\($0.kind.map { "\($0)" } ?? "no value yet"))" }.joined(separator: ", "),
        ]
        if !skipped.isEmpty { lines.append("skipped: \(skipped.joined(separator: ", "))") }
        return lines.joined(separator: "\n")
    }
}
