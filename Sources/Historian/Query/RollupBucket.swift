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
    /// Time of the earliest sample (ns), nil for an empty bucket: what merging `first` needs.
    public var firstTime: Int64?
    /// Time of the latest sample (ns), nil for an empty bucket: what merging `last` needs.
    public var lastTime: Int64?
    /// M2 = Σ(x − mean)², nil for an empty bucket: what merging `stddev` exactly needs.
    public var sumOfSquaredDeviations: Double?
    /// Seconds of the bucket the time-weighted average covers (from the first known value on);
    /// nil like ``timeWeightedAverage``: what merging it needs.
    public var coveredSeconds: Double?

    /// The union of `buckets` (same bounds, e.g. several series of one group): exact for every
    /// aggregate. Mean and M2 merge pairwise after Chan, Golub and LeVeque, "Algorithms for
    /// computing the sample variance" (1983): M2 = M2a + M2b + δ²·na·nb/(na + nb), δ = mean_b − mean_a;
    /// first and last are the values of the earliest and latest samples (equal times: the larger
    /// value, as InfluxDB picks across series); integrals add, and the time-weighted average is the
    /// summed area over the summed covered time. Nil for no buckets.
    public static func merged(_ buckets: [RollupBucket]) -> RollupBucket? {
        guard var merged = buckets.first else { return nil }
        for bucket in buckets.dropFirst() { merged.merge(bucket) }
        return merged
    }

    /// Merges `other` (same bounds) into this bucket, as ``merged(_:)`` does.
    public mutating func merge(_ other: RollupBucket) {
        if other.integral != nil || other.coveredSeconds != nil {
            let area = (timeWeightedAverage ?? 0) * (coveredSeconds ?? 0) + (other.timeWeightedAverage ?? 0) * (other.coveredSeconds ?? 0)
            let covered = (coveredSeconds ?? 0) + (other.coveredSeconds ?? 0)
            integral = (integral ?? 0) + (other.integral ?? 0)
            coveredSeconds = covered
            timeWeightedAverage = covered > 0 ? area / covered : nil
        }
        guard other.count > 0 else { return }
        guard count > 0 else {
            let (area, covered) = (integral, coveredSeconds)
            let average = timeWeightedAverage
            self = other
            (integral, coveredSeconds, timeWeightedAverage) = (area, covered, average)
            return
        }
        let countA = Double(count)
        let countB = Double(other.count)
        let meanA = mean ?? 0
        let delta = (other.mean ?? 0) - meanA
        sumOfSquaredDeviations =
            (sumOfSquaredDeviations ?? 0) + (other.sumOfSquaredDeviations ?? 0) + delta * delta * countA * countB / (countA + countB)
        count += other.count
        sum = (sum ?? 0) + (other.sum ?? 0)
        mean = (sum ?? 0) / Double(count)
        min = Swift.min(min ?? .infinity, other.min ?? .infinity)
        max = Swift.max(max ?? -.infinity, other.max ?? -.infinity)
        if let time = other.firstTime, let value = other.first,
            firstTime.map({ time < $0 || (time == $0 && value > (first ?? -.infinity)) }) ?? true
        {
            firstTime = time
            first = value
        }
        if let time = other.lastTime, let value = other.last,
            lastTime.map({ time > $0 || (time == $0 && value > (last ?? -.infinity)) }) ?? true
        {
            lastTime = time
            last = value
        }
        stddev = count > 1 ? ((sumOfSquaredDeviations ?? 0) / Double(count - 1)).squareRoot() : nil
    }

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
