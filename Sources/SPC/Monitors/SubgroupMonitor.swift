/// A live X-bar/R or X-bar/S chart with frozen μ and σ, fed one subgroup at a time (sizes may vary).
///
/// Each update equals the batch `SubgroupChart` with `KnownStandards(center:sigma:)` at the same index.
public struct SubgroupMonitor: Sendable, Codable {
    /// Process mean μ.
    public let center: Double
    /// Process standard deviation σ.
    public let sigma: Double
    /// true for X-bar/R, false for X-bar/S.
    public let usesRange: Bool

    private var means: ShewhartTrack
    private var dispersions: ShewhartTrack
    private var constantsCache = SubgroupConstants()

    /// The outcome of one subgroup on both panels.
    public struct Update: Sendable, Equatable {
        /// The subgroup mean on the X-bar chart.
        public var mean: MonitorSignal
        /// The subgroup range (R chart) or standard deviation (S chart).
        public var dispersion: MonitorSignal
    }

    /// - Parameters:
    ///   - center: frozen μ.
    ///   - sigma: frozen σ.
    ///   - usesRange: true for an R panel, false for an S panel.
    ///   - rules: rules of the X-bar panel; the R or S panel gets the first four of the set.
    /// - Throws: `SPCError.invalidParameter` for a non-finite center or σ ≤ 0.
    public init(center: Double, sigma: Double, usesRange: Bool, rules: RunRuleSet = .none) throws(SPCError) {
        try KnownStandards(center: center, sigma: sigma).validate()
        self.center = center
        self.sigma = sigma
        self.usesRange = usesRange
        means = ShewhartTrack(rules: rules, clipLowerAtZero: false)
        dispersions = ShewhartTrack(rules: rules.dispersionChartSubset, clipLowerAtZero: true)
    }

    /// Feeds the next subgroup.
    ///
    /// - Throws: `SPCError` naming the subgroup (row) at fault.
    public mutating func add(subgroup: [Double]) throws(SPCError) -> Update {
        let row = means.nextIndex
        let constants = try constantsCache.constants(for: subgroup, row: row, usesRange: usesRange)
        let statistics = SampleStatistics(subgroup)
        let mean = means.add(statistics.mean, center: center, sigma: SubgroupChart.meanSigma(sigma, size: subgroup.count))
        let line = SubgroupChart.dispersionLine(sigma, constants: constants, usesRange: usesRange)
        let dispersion = dispersions.add(
            usesRange ? statistics.range : statistics.standardDeviation, center: line.center, sigma: line.sigma)
        return Update(mean: mean, dispersion: dispersion)
    }
}
