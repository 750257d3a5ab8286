import Historian

/// The unit of the timestamps in a line protocol or CSV input.
///
/// InfluxDB 1.x line protocol writes timestamps as integers in nanoseconds unless the writer
/// says otherwise (`precision=s|ms|us|ns`); histd stores every timestamp in nanoseconds.
public enum TimestampPrecision: String, Sendable, CaseIterable {
    case nanoseconds = "ns"
    case microseconds = "us"
    case milliseconds = "ms"
    case seconds = "s"

    /// How many nanoseconds one unit of this precision is.
    public var nanosecondsPerUnit: Int64 {
        switch self {
        case .nanoseconds: 1
        case .microseconds: 1_000
        case .milliseconds: 1_000_000
        case .seconds: 1_000_000_000
        }
    }

    /// Converts a timestamp in this precision to nanoseconds, or returns nil when it does not fit in Int64.
    public func nanoseconds(from value: Int64) -> Int64? {
        let (product, overflow) = value.multipliedReportingOverflow(by: nanosecondsPerUnit)
        return overflow ? nil : product
    }
}
