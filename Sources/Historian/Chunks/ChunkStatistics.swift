/// Summary statistics of one chunk, kept in the partition index so that rollups whose buckets
/// cover whole chunks decode nothing.
///
/// Values are taken as Doubles (booleans 0/1); integers beyond 2^53 in magnitude are rounded.
/// ``sumOfSquaredDeviations`` (M2 = Σ(x − mean)²) is kept instead of a raw sum of squares because
/// it merges without cancellation (Chan, Golub, LeVeque 1979, "Updating formulae and a pairwise
/// algorithm for computing sample variances"; Welford 1962 for the running update).
struct ChunkStatistics: Sendable, Equatable {
    var minTime: Int64 = .max
    var maxTime: Int64 = .min
    var count = 0
    var min = Double.infinity
    var max = -Double.infinity
    var sum = 0.0
    var first = 0.0
    var last = 0.0
    var mean = 0.0
    var sumOfSquaredDeviations = 0.0
    /// True when two samples of the chunk share a timestamp, so a read must de-duplicate it.
    var hasDuplicateTimestamps = false
    /// True when some sample's quality is not good, so a good-only rollup cannot use these statistics.
    var hasNonGoodQuality = false

    init() {}

    init(
        minTime: Int64, maxTime: Int64, count: Int, min: Double, max: Double, sum: Double, first: Double, last: Double,
        mean: Double, sumOfSquaredDeviations: Double, hasDuplicateTimestamps: Bool, hasNonGoodQuality: Bool = false
    ) {
        self.minTime = minTime
        self.maxTime = maxTime
        self.count = count
        self.min = min
        self.max = max
        self.sum = sum
        self.first = first
        self.last = last
        self.mean = mean
        self.sumOfSquaredDeviations = sumOfSquaredDeviations
        self.hasDuplicateTimestamps = hasDuplicateTimestamps
        self.hasNonGoodQuality = hasNonGoodQuality
    }

    /// The statistics of sorted, non-empty columns; M2 by two passes (mean first), which is exact
    /// up to rounding and needs no division per value.
    init(timestamps: UnsafeBufferPointer<Int64>, values: UnsafeBufferPointer<Double>) {
        guard let firstValue = values.first, let firstTime = timestamps.first, let lastTime = timestamps.last,
            let lastValue = values.last
        else {
            self.init()
            return
        }
        var sum = 0.0
        var minimum = Double.infinity
        var maximum = -Double.infinity
        for value in values {
            sum += value
            if value < minimum { minimum = value }
            if value > maximum { maximum = value }
        }
        let mean = sum / Double(values.count)
        var deviations = 0.0
        for value in values {
            let delta = value - mean
            deviations += delta * delta
        }
        self.init(
            minTime: firstTime, maxTime: lastTime, count: values.count, min: minimum, max: maximum, sum: sum,
            first: firstValue, last: lastValue, mean: mean, sumOfSquaredDeviations: deviations, hasDuplicateTimestamps: false)
    }

    /// True when every field is equal bit for bit (NaN statistics of string chunks included).
    func matches(_ other: ChunkStatistics) -> Bool {
        let doubles = [min, max, sum, first, last, mean, sumOfSquaredDeviations].map(\.bitPattern)
        let otherDoubles = [other.min, other.max, other.sum, other.first, other.last, other.mean, other.sumOfSquaredDeviations].map(\.bitPattern)
        return minTime == other.minTime && maxTime == other.maxTime && count == other.count
            && hasDuplicateTimestamps == other.hasDuplicateTimestamps && hasNonGoodQuality == other.hasNonGoodQuality
            && doubles == otherDoubles
    }

    /// Adds a sample that is not earlier than every sample added before (Welford's update).
    mutating func add(timestamp: Int64, value: Double) {
        if count > 0 && timestamp == maxTime { hasDuplicateTimestamps = true }
        if count == 0 { first = value; minTime = timestamp }
        count += 1
        maxTime = timestamp
        last = value
        if value < min { min = value }
        if value > max { max = value }
        sum += value
        let delta = value - mean
        mean += delta / Double(count)
        sumOfSquaredDeviations += delta * (value - mean)
    }
}
