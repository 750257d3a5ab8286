/// A stretch of time rolled up into buckets of one width: `[from, from + every)`, ... up to `to`
/// (the last bucket may be shorter). Spans that follow each other make buckets of uneven starts.
public struct RollupSpan: Sendable, Equatable {
    /// Start of the first bucket (ns, inclusive).
    public var from: Int64
    /// End of the last bucket (ns, exclusive).
    public var to: Int64
    /// Bucket width (ns).
    public var every: Int64

    public init(from: Int64, to: Int64, every: Int64) {
        self.from = from
        self.to = to
        self.every = every
    }

    /// The buckets `[from + k·every, ...)` of `[from, to)`.
    public static func starting(from: Int64, to: Int64, every: Int64) -> [RollupSpan] {
        from < to ? [RollupSpan(from: from, to: to, every: every)] : []
    }

    /// Buckets that start at whole multiples of `every` since the epoch, as InfluxDB's `GROUP BY
    /// time()`: the first one is cut at `from`, so it is a span of its own. Also returns the start
    /// of that first whole interval (its label); nil when the intervals would start before the
    /// earliest time an Int64 holds.
    public static func epochAligned(from: Int64, to: Int64, every: Int64) -> (spans: [RollupSpan], alignedStart: Int64)? {
        guard from < to, every > 0 else { return ([], from) }
        let remainder = from % every
        let (alignedStart, overflow) = remainder < 0 ? (from - remainder).subtractingReportingOverflow(every) : (from - remainder, false)
        guard !overflow else { return nil }
        var spans: [RollupSpan] = []
        var restStart = alignedStart
        if alignedStart < from {
            let (nextStart, pastEnd) = alignedStart.addingReportingOverflow(every)
            let headEnd = pastEnd ? to : min(nextStart, to)
            spans.append(RollupSpan(from: from, to: headEnd, every: headEnd - from))
            restStart = headEnd
        }
        if restStart < to { spans.append(RollupSpan(from: restStart, to: to, every: every)) }
        return (spans, alignedStart)
    }

    /// The number of buckets, the last one possibly partial.
    public var bucketCount: Int {
        let span = UInt64(bitPattern: to &- from)
        let width = UInt64(every)
        return Int(clamping: span / width + (span % width == 0 ? 0 : 1))
    }
}
