import SPC

extension SPCError {
    /// The error as `histd spc` reports it: rows are prefixed with the file and line.
    func inputError(file: String) -> SPCInputError {
        let row: Int? =
            switch self {
            case .nonFiniteValue(let row), .subgroupTooSmall(let row, _, _), .subgroupTooLarge(let row, _, _),
                .invalidSampleSize(let row, _), .invalidCount(let row, _), .countExceedsSampleSize(let row, _, _),
                .nonPositiveTime(let row, _), .nonPositiveValue(let row, _, _):
                row
            default:
                nil
            }
        if let row {
            let prefix = "row \(row): "
            let reason = description.hasPrefix(prefix) ? String(description.dropFirst(prefix.count)) : description
            return SPCInputError(item: CSVNumberTable.location(file, row), message: reason)
        }
        return SPCInputError(item: file, message: description)
    }
}
