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
