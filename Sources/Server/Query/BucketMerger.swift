import Historian

/// Combines the rollup buckets of several series into one series of buckets (InfluxQL's result
/// when a query does not group by a tag).
enum BucketMerger {
    /// Whether `aggregate` of a union follows from the parts' buckets. `first`, `last` and `twa`
    /// do not (a bucket does not say when its first and last samples were).
    static func canMerge(_ aggregate: Aggregate) -> Bool {
        switch aggregate {
        case .count, .sum, .min, .max, .mean, .stddev, .integral: true
        case .first, .last, .timeWeightedAverage: false
        }
    }

    /// Merges buckets with the same bounds; nil for none.
    ///
    /// The standard deviation combines the parts' sums of squared deviations with the pairwise
    /// update of Chan, Golub and LeVeque ("Algorithms for computing the sample variance", 1983):
    /// M2 = M2a + M2b + delta^2 * na * nb / (na + nb), delta = mean_b - mean_a.
    static func merge(_ buckets: [RollupBucket]) -> RollupBucket? {
        guard var merged = buckets.first else { return nil }
        var squaredDeviations = Self.squaredDeviations(merged)
        for bucket in buckets.dropFirst() where bucket.count > 0 {
            guard merged.count > 0 else {
                merged = bucket
                squaredDeviations = Self.squaredDeviations(bucket)
                continue
            }
            let countA = Double(merged.count)
            let countB = Double(bucket.count)
            let meanA = merged.mean ?? 0
            let meanB = bucket.mean ?? 0
            let delta = meanB - meanA
            squaredDeviations += Self.squaredDeviations(bucket) + delta * delta * countA * countB / (countA + countB)
            merged.count += bucket.count
            merged.sum = (merged.sum ?? 0) + (bucket.sum ?? 0)
            merged.min = Swift.min(merged.min ?? .infinity, bucket.min ?? .infinity)
            merged.max = Swift.max(merged.max ?? -.infinity, bucket.max ?? -.infinity)
            merged.mean = (merged.sum ?? 0) / Double(merged.count)
            merged.integral = merged.integral.map { $0 + (bucket.integral ?? 0) } ?? bucket.integral
            merged.first = nil
            merged.last = nil
            merged.timeWeightedAverage = nil
        }
        merged.stddev = merged.count > 1 ? (squaredDeviations / Double(merged.count - 1)).squareRoot() : nil
        return merged
    }

    private static func squaredDeviations(_ bucket: RollupBucket) -> Double {
        guard bucket.count > 1, let deviation = bucket.stddev else { return 0 }
        return deviation * deviation * Double(bucket.count - 1)
    }
}
