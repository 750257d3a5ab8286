/// A live I-MR chart with frozen limits, fed one value at a time.
///
/// Each update equals the batch `IndividualsChart` on the same stream with
/// `KnownStandards(center:sigma:)` at the same index: same limits, same beyond, same violations.
public struct IndividualsMonitor: Sendable, Codable {
    /// Process mean μ.
    public let center: Double
    /// Process standard deviation σ.
    public let sigma: Double

    private let constants: ControlChartConstants
    private var individuals: ShewhartTrack
    private var movingRanges: ShewhartTrack
    private var previous: Double?

    /// The outcome of one value: the individuals point, and the moving-range point from the second
    /// value on.
    public struct Update: Sendable, Equatable {
        /// The value on the individuals chart.
        public var individual: MonitorSignal
        /// |x − previous x| on the moving-range chart; nil for the first value.
        public var movingRange: MonitorSignal?
    }

    /// - Parameters:
    ///   - center: frozen μ (from phase I or a standard).
    ///   - sigma: frozen σ.
    ///   - rules: rules of the individuals chart; the MR chart gets the first four of the set.
    /// - Throws: `SPCError.invalidParameter` for a non-finite center or σ ≤ 0.
    public init(center: Double, sigma: Double, rules: RunRuleSet = .none) throws(SPCError) {
        try KnownStandards(center: center, sigma: sigma).validate()
        self.center = center
        self.sigma = sigma
        constants = try ControlChartConstants(n: 2)
        individuals = ShewhartTrack(rules: rules, clipLowerAtZero: false)
        movingRanges = ShewhartTrack(rules: rules.dispersionChartSubset, clipLowerAtZero: true, firstIndex: 1)
    }

    /// Feeds the next value.
    ///
    /// - Throws: `SPCError.nonFiniteValue` naming the row.
    public mutating func add(_ value: Double) throws(SPCError) -> Update {
        guard value.isFinite else { throw .nonFiniteValue(row: individuals.nextIndex) }
        let individual = individuals.add(value, center: center, sigma: sigma)
        var movingRange: MonitorSignal?
        if let previous {
            movingRange = movingRanges.add(abs(value - previous), center: constants.d2 * sigma, sigma: constants.d3 * sigma)
        }
        previous = value
        return Update(individual: individual, movingRange: movingRange)
    }
}
