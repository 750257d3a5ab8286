/// The statistics of one bucket `[start, end)` of a rollup. Statistics of an empty bucket are nil.
public struct RollupBucket: Sendable, Equatable {
    public var start: Int64
    public var end: Int64
    public var count: Int
    public var sum: Double?
    public var min: Double?
    public var max: Double?
    public var mean: Double?
    public var first: Double?
    public var last: Double?
    /// Sample standard deviation, nil below two samples.
    public var stddev: Double?
    /// Nil unless the rollup was asked for time-weighted aggregates, or when no value is known in the bucket.
    public var timeWeightedAverage: Double?
    /// Value × seconds; nil like ``timeWeightedAverage``.
    public var integral: Double?

    /// The value of `aggregate`; `count` as a Double.
    public func value(of aggregate: Aggregate) -> Double? {
        switch aggregate {
        case .count: Double(count)
        case .sum: sum
        case .min: min
        case .max: max
        case .mean: mean
        case .first: first
        case .last: last
        case .stddev: stddev
        case .timeWeightedAverage: timeWeightedAverage
        case .integral: integral
        }
    }
}

/// A rollup and how it was computed.
public struct Rollup: Sendable, Equatable {
    public var buckets: [RollupBucket]
    /// Chunks answered from their statistics without decoding.
    public var chunksFromStatistics: Int
    /// Chunks decoded.
    public var chunksDecoded: Int
}
