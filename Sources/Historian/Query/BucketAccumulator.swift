/// Running statistics of one rollup bucket, fed the statistics of whole chunks or of runs of
/// samples, in any order.
///
/// Mean and M2 = Σ(x − mean)² merge pairwise after Chan, Golub and LeVeque (1979); the sample standard deviation is
/// sqrt(M2 / (n − 1)) (NIST/SEMATECH e-Handbook of Statistical Methods, section 1.3.5.6).
struct BucketAccumulator {
    var count = 0
    var sum = 0.0
    var min = Double.infinity
    var max = -Double.infinity
    var firstTime = Int64.max
    var first = 0.0
    var lastTime = Int64.min
    var last = 0.0
    var mean = 0.0
    var sumOfSquaredDeviations = 0.0

    mutating func merge(_ statistics: ChunkStatistics) {
        guard statistics.count > 0 else { return }
        guard count > 0 else {
            // The first piece of the bucket is taken as it is (the usual case when cells and
            // buckets coincide): no divisions, and its mean exactly rather than rounded through n·mean/n.
            count = statistics.count
            sum = statistics.sum
            min = statistics.min
            max = statistics.max
            firstTime = statistics.minTime
            first = statistics.first
            lastTime = statistics.maxTime
            last = statistics.last
            mean = statistics.mean
            sumOfSquaredDeviations = statistics.sumOfSquaredDeviations
            return
        }
        let combined = count + statistics.count
        let delta = statistics.mean - mean
        sumOfSquaredDeviations += statistics.sumOfSquaredDeviations + delta * delta * Double(count) * Double(statistics.count) / Double(combined)
        mean += delta * Double(statistics.count) / Double(combined)
        count = combined
        sum += statistics.sum
        if statistics.min < min { min = statistics.min }
        if statistics.max > max { max = statistics.max }
        if statistics.minTime < firstTime { firstTime = statistics.minTime; first = statistics.first }
        if statistics.maxTime >= lastTime { lastTime = statistics.maxTime; last = statistics.last }
    }

    func bucket(start: Int64, end: Int64) -> RollupBucket {
        guard count > 0 else { return RollupBucket(start: start, end: end, count: 0) }
        return RollupBucket(
            start: start, end: end, count: count, sum: sum, min: min, max: max, mean: sum / Double(count),
            first: first, last: last, stddev: count > 1 ? (sumOfSquaredDeviations / Double(count - 1)).squareRoot() : nil,
            firstTime: firstTime, lastTime: lastTime, sumOfSquaredDeviations: sumOfSquaredDeviations)
    }
}
