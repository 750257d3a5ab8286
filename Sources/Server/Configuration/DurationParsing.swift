import Historian

/// Durations in settings and query parameters.
enum DurationParsing {
    /// Nanoseconds of a duration like `250ms`, `30s`, `1h`, `90d` (see ``DurationText``).
    static func nanoseconds(_ text: String) -> Int64? {
        DurationText.nanoseconds(text)
    }

    /// A Swift `Duration` from nanoseconds.
    static func duration(nanoseconds: Int64) -> Duration {
        .nanoseconds(nanoseconds)
    }
}
