import Historian
import Time

/// Parses the times and durations of the query command line.
enum QueryTimes {
    /// RFC 3339, or an integer of epoch nanoseconds.
    static func time(_ text: String) -> Int64? {
        Int64(text) ?? RFC3339.parse(text)
    }

    /// A positive duration like `500ms`, `10s`, `1m`, `2h`, `1d`, in nanoseconds.
    static func duration(_ text: String) -> Int64? {
        DurationText.nanoseconds(text)
    }
}
