/// Where a machine's part counts come from.
public enum OEECountSource: Sendable, Equatable {
    /// Series whose samples are parts made since the previous sample (each sample adds its value).
    case counts(good: SeriesReference, reject: SeriesReference?)
    /// PLC counter readings that count up, reset to zero or wrap at `modulus` (for example 65536):
    /// the difference between readings is the parts made (see OEE's `CounterSample`).
    case counters(good: SeriesReference, reject: SeriesReference?, modulus: Int64?)

    /// The good-parts series.
    public var good: SeriesReference {
        switch self {
        case .counts(let good, _), .counters(let good, _, _): good
        }
    }

    /// The rejected-parts series, if any.
    public var reject: SeriesReference? {
        switch self {
        case .counts(_, let reject), .counters(_, let reject, _): reject
        }
    }
}
