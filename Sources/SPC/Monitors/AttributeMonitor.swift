/// A live p, np, c or u chart with a frozen rate, fed one sample at a time.
///
/// Each update equals the batch `AttributeChart` with `KnownStandards(center:)` at the same index.
public struct AttributeMonitor: Sendable, Codable {
    /// p, np, c or u.
    public let type: ChartType
    /// Frozen p (p, np), c (c) or u (u).
    public let rate: Double

    private var track: ShewhartTrack

    /// - Throws: `SPCError.wrongChartType` for a type that is not an attribute chart,
    ///   `SPCError.invalidParameter` for a rate out of its domain.
    public init(type: ChartType, rate: Double, rules: RunRuleSet = .none) throws(SPCError) {
        switch type {
        case .p, .np:
            guard rate >= 0, rate <= 1 else {
                throw .invalidParameter(name: "center", value: rate, reason: "a fraction defective must be in [0, 1]")
            }
        case .c, .u:
            guard rate >= 0, rate.isFinite else {
                throw .invalidParameter(name: "center", value: rate, reason: "a defect rate must be non-negative")
            }
        default:
            throw .wrongChartType(expected: "p, np, c or u", actual: type.rawValue)
        }
        self.type = type
        self.rate = rate
        track = ShewhartTrack(rules: rules, clipLowerAtZero: true)
    }

    /// Feeds the next sample: `count` defectives (p, np) or defects (c, u) in `size` items or units
    /// (1 for a c chart).
    ///
    /// - Throws: `SPCError` naming the row (bad size, negative count, count over size).
    public mutating func add(count: Double, size: Double = 1) throws(SPCError) -> MonitorSignal {
        let row = track.nextIndex
        guard size.isFinite, size > 0 else { throw .invalidSampleSize(row: row, size: size) }
        guard count.isFinite, count >= 0 else { throw .invalidCount(row: row, count: count) }
        if type == .p || type == .np, count > size { throw .countExceedsSampleSize(row: row, count: count, size: size) }
        let line = AttributeChart.line(type, rate: rate, count: count, size: size)
        return track.add(line.statistic, center: line.center, sigma: line.sigma)
    }
}
