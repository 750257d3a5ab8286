/// A live g or t chart with the limits frozen from phase I, fed one value at a time: units between
/// events (g) or the time between events (t), each judged against fixed limits. As on the batch
/// charts (``UnitsBetweenEventsChart``, ``TimeBetweenEventsChart``), the run rules do not apply.
///
/// Each update equals the batch chart at the same index with the same center and limits.
public struct RareEventMonitor: Sendable, Codable {
    /// g or t.
    public let type: ChartType
    /// Center line: ḡ (g), the fitted median (t).
    public let center: Double
    /// Lower control limit: max(0, ḡ − 3σ) (g), the fitted 0.00135 quantile (t).
    public let lower: Double
    /// Upper control limit: ḡ + 3σ (g), the fitted 0.99865 quantile (t).
    public let upper: Double
    private var nextIndex = 0

    /// A g chart with frozen mean ḡ; σ = √(ḡ(ḡ + 1)) (Benneyan 2001, as ``UnitsBetweenEventsChart``).
    /// - Throws: `SPCError.invalidParameter` for ḡ ≤ 0 or not finite.
    public init(unitsBetweenEventsMean mean: Double) throws(SPCError) {
        guard mean.isFinite, mean > 0 else {
            throw .invalidParameter(name: "center", value: mean, reason: "the mean number of units between events must be positive")
        }
        type = .g
        center = mean
        (lower, upper) = ShewhartTrack.limits(center: mean, sigma: UnitsBetweenEventsChart.sigma(mean: mean), clipLowerAtZero: true)
    }

    /// A t chart with the limits of a distribution fitted to phase I (as ``TimeBetweenEventsChart``).
    /// - Throws: `SPCError.invalidParameter` when the limits are not finite or not ordered.
    public init(timeBetweenEventsMedian median: Double, lower: Double, upper: Double) throws(SPCError) {
        guard lower.isFinite, upper.isFinite, median.isFinite, lower <= median, median <= upper else {
            throw .invalidParameter(name: "limits", value: median, reason: "t chart limits must be finite with lcl ≤ median ≤ ucl")
        }
        type = .t
        center = median
        self.lower = lower
        self.upper = upper
    }

    /// Feeds the next value.
    /// - Throws: `SPCError.invalidCount` for a negative or non-finite count (g), `nonPositiveTime`
    ///   for a time ≤ 0 or not finite (t), naming the point's index.
    public mutating func add(_ value: Double) throws(SPCError) -> MonitorSignal {
        let index = nextIndex
        switch type {
        case .t: guard value.isFinite, value > 0 else { throw .nonPositiveTime(row: index, time: value) }
        default: guard value.isFinite, value >= 0 else { throw .invalidCount(row: index, count: value) }
        }
        nextIndex += 1
        return MonitorSignal(
            index: index, statistic: value, center: center, lower: lower, upper: upper, isBeyond: value > upper || value < lower,
            violations: [])
    }
}
