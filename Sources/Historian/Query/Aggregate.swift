/// A rollup statistic of the samples in a bucket.
public enum Aggregate: String, Sendable, CaseIterable {
    case count, sum, min, max, mean, first, last
    /// Sample standard deviation (n − 1 denominator).
    case stddev
    /// Time-weighted average (step or linear, after the series' interpolation).
    case timeWeightedAverage = "twa"
    /// Time integral, in value × seconds.
    case integral

    /// True for the aggregates that need samples in order rather than chunk statistics.
    public var isTimeWeighted: Bool { self == .timeWeightedAverage || self == .integral }
}
