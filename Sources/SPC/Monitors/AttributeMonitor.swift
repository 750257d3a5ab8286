/// A live p, np, c or u chart with a frozen rate, or a Laney p' or u' chart with a frozen rate and
/// σ_z, fed one sample at a time.
///
/// Each update equals the batch `AttributeChart` with `KnownStandards(center:)` (`LaneyChart` with
/// the same rate and σ_z) at the same index.
public struct AttributeMonitor: Sendable, Codable {
    /// p, np, c, u, laney-p or laney-u.
    public let type: ChartType
    /// Frozen p (p, np, laney-p), c (c) or u (u, laney-u).
    public let rate: Double
    /// Frozen σ_z of a Laney chart (each point's binomial or Poisson σ is multiplied by it); nil for
    /// the other charts (and in states saved before Laney charts ran live).
    public let sigmaZ: Double?

    private var track: ShewhartTrack

    /// - Parameters:
    ///   - sigmaZ: σ_z of a Laney p' or u' chart (Laney 2002, as ``LaneyChart``); ignored by the others.
    /// - Throws: `SPCError.wrongChartType` for a type that is not an attribute chart,
    ///   `SPCError.invalidParameter` for a rate out of its domain or a Laney σ_z ≤ 0.
    public init(type: ChartType, rate: Double, sigmaZ: Double = 1, rules: RunRuleSet = .none) throws(SPCError) {
        switch type {
        case .laneyP, .laneyU:
            let valid = type == .laneyP ? rate > 0 && rate < 1 : rate > 0 && rate.isFinite
            guard valid else { throw .invalidParameter(name: "center", value: rate, reason: "a Laney chart needs a rate strictly inside its range") }
            guard sigmaZ.isFinite, sigmaZ > 0 else {
                throw .invalidParameter(name: "sigma_z", value: sigmaZ, reason: "σ_z of a Laney chart must be positive")
            }
        case .p, .np:
            guard rate >= 0, rate <= 1 else {
                throw .invalidParameter(name: "center", value: rate, reason: "a fraction defective must be in [0, 1]")
            }
        case .c, .u:
            guard rate >= 0, rate.isFinite else {
                throw .invalidParameter(name: "center", value: rate, reason: "a defect rate must be non-negative")
            }
        default:
            throw .wrongChartType(expected: "p, np, c, u, laney-p or laney-u", actual: type.rawValue)
        }
        self.type = type
        self.rate = rate
        self.sigmaZ = type == .laneyP || type == .laneyU ? sigmaZ : nil
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
        if type == .p || type == .np || type == .laneyP, count > size { throw .countExceedsSampleSize(row: row, count: count, size: size) }
        switch type {
        case .laneyP, .laneyU:
            let line = AttributeChart.line(type == .laneyP ? .p : .u, rate: rate, count: count, size: size)
            return track.add(line.statistic, center: line.center, sigma: line.sigma * (sigmaZ ?? 1))
        default:
            let line = AttributeChart.line(type, rate: rate, count: count, size: size)
            return track.add(line.statistic, center: line.center, sigma: line.sigma)
        }
    }
}
