import Historian

/// Why a CSV import cannot go on at all (a bad row is a ``RejectedLine`` instead).
public enum CSVImportError: Error, Sendable, CustomStringConvertible {
    /// An option's value is malformed: the option and why.
    case invalidOption(String, String)
    /// The header lacks a column an option names.
    case unknownColumn(option: String, name: String, header: [String])
    /// The header is missing or names no field column.
    case badHeader(String)
    /// The chosen time column holds a row index (0, 1, 2, ...), not times.
    case rowIndexTime(column: Int, name: String)
    /// Dates like 03/04/2024 with every day <= 12: day-first or month-first cannot be told.
    case ambiguousDates(example: String)
    /// Storing failed.
    case storage(HistorianError)

    public var description: String {
        switch self {
        case .invalidOption(let option, let reason): "\(option): \(reason)"
        case .unknownColumn(let option, let name, let header):
            "\(option) '\(name)' is not a column of the header (\(header.map { "'\($0)'" }.joined(separator: ", ")))"
        case .badHeader(let reason): "header: \(reason)"
        case .rowIndexTime(let column, let name):
            "column \(column) ('\(name)') looks like a row index (0, 1, 2, ...), not a time: name the time column with --time-column, "
                + "or pass --time-column \(column) to read it as a time anyway"
        case .ambiguousDates(let example):
            "dates like '\(example)' read both as dd/mm and as mm/dd (every day is <= 12): "
                + "pass --time-format '%d/%m/%Y %H:%M' or '%m/%d/%Y %H:%M'"
        case .storage(let error): "\(error)"
        }
    }
}
