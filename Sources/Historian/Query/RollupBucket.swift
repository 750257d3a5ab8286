/// The statistics of one bucket `[start, end)` of a rollup. Statistics of an empty bucket are nil.
public struct RollupBucket: Sendable, Equatable {
    /// Start of the bucket (ns, inclusive).
    public var start: Int64
    /// End of the bucket (ns, exclusive); the last bucket ends at the query's `to`.
    public var end: Int64
    /// Number of samples.
    public var count: Int
    /// Sum of the values.
    public var sum: Double?
    /// Smallest value.
    public var min: Double?
    /// Largest value.
    public var max: Double?
    /// Arithmetic mean, sum / count.
    public var mean: Double?
    /// Value of the earliest sample.
    public var first: Double?
    /// Value of the latest sample.
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
