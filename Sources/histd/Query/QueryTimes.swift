import Historian

/// Parses the times and durations of the query command line.
enum QueryTimes {
    /// RFC 3339, or an integer of epoch nanoseconds.
    static func time(_ text: String) -> Int64? {
        Int64(text) ?? RFC3339.parse(text)
    }

    /// A positive duration like `500ms`, `10s`, `1m`, `2h`, `1d`, in nanoseconds.
    static func duration(_ text: String) -> Int64? {
        let units: [(suffix: String, nanoseconds: Int64)] = [
            ("ns", 1), ("us", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000),
            ("m", 60_000_000_000), ("h", 3_600_000_000_000), ("d", 86_400_000_000_000),
        ]
        for unit in units where text.hasSuffix(unit.suffix) {
            guard let count = Int64(text.dropLast(unit.suffix.count)), count > 0 else { continue }
            let (product, overflow) = count.multipliedReportingOverflow(by: unit.nanoseconds)
            return overflow ? nil : product
        }
        return nil
    }
}
