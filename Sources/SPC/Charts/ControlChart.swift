/// One panel of a control chart: plotted statistics, center line, limits, and what is out of control.
public struct ControlChart: Sendable, Equatable {
    /// The plotted statistic per row; nil where it is undefined (the first moving range).
    public var statistics: [Double?]
    /// The center line.
    public var center: LimitSeries
    /// The lower control limit center − 3σ_stat, clipped at 0 for R, S, MR and attribute charts.
    public var lower: LimitSeries
    /// The upper control limit center + 3σ_stat.
    public var upper: LimitSeries
    /// The standard deviation of the plotted statistic (σ/√n for X-bar, d3σ for R, ...).
    public var statisticSigma: LimitSeries
    /// Rows whose statistic is strictly beyond a limit.
    public var beyond: [Int]
    /// Run-rule violations, ordered by index and then by rule.
    public var violations: [RuleViolation]

    /// Builds a Shewhart panel: limits center ± 3σ_stat, `beyond` and the rule violations.
    ///
    /// - Parameters:
    ///   - statistics: plotted values, nil where undefined.
    ///   - center: center line per point.
    ///   - statisticSigma: σ of the plotted statistic per point.
    ///   - clipLowerAtZero: whether the lower limit is clipped at 0.
    ///   - rules: rules evaluated on the defined points.
    init(
        statistics: [Double?], center: LimitSeries, statisticSigma: LimitSeries,
        clipLowerAtZero: Bool, rules: RunRuleSet
    ) {
        let count = statistics.count
        func limitSeries(_ pick: (Double, Double) -> Double) -> LimitSeries {
            if case .constant(let c) = center, case .constant(let s) = statisticSigma {
                return .constant(pick(c, s))
            }
            return .perPoint((0..<count).map { pick(center[$0], statisticSigma[$0]) })
        }
        self.statistics = statistics
        self.center = center
        self.statisticSigma = statisticSigma
        self.upper = limitSeries { ShewhartTrack.limits(center: $0, sigma: $1, clipLowerAtZero: clipLowerAtZero).upper }
        self.lower = limitSeries { ShewhartTrack.limits(center: $0, sigma: $1, clipLowerAtZero: clipLowerAtZero).lower }
        let leadingUndefined = statistics.prefix { $0 == nil }.count
        let defined = statistics[leadingUndefined...].compactMap { $0 }
        if case .constant(let c) = center, case .constant(let s) = statisticSigma,
            case .constant(let low) = lower, case .constant(let high) = upper,
            defined.count == count - leadingUndefined
        {
            // Constant limits and no gap: the batch rule loop, which is the same state machine.
            beyond = defined.indices.filter { defined[$0] > high || defined[$0] < low }.map { $0 + leadingUndefined }
            violations = RunRuleEvaluator.evaluate(
                defined, zones: ZoneBoundaries(center: c, sigma: s), rules: rules, firstIndex: leadingUndefined)
            return
        }
        var beyond: [Int] = []
        var violations: [RuleViolation] = []
        var track: ShewhartTrack?
        for index in 0..<count {
            guard let value = statistics[index] else { continue }
            if track == nil {
                track = ShewhartTrack(rules: rules, clipLowerAtZero: clipLowerAtZero, firstIndex: index)
            }
            guard let signal = track?.add(value, center: center[index], sigma: statisticSigma[index]) else { continue }
            if signal.isBeyond { beyond.append(index) }
            violations.append(contentsOf: signal.violations)
        }
        self.beyond = beyond
        self.violations = violations
    }

    /// A panel whose limits are given (EWMA): `beyond` only, no rules.
    init(statistics: [Double], center: LimitSeries, statisticSigma: LimitSeries, lower: LimitSeries, upper: LimitSeries) {
        self.statistics = statistics.map { Optional($0) }
        self.center = center
        self.statisticSigma = statisticSigma
        self.lower = lower
        self.upper = upper
        self.beyond = statistics.indices.filter { statistics[$0] > upper[$0] || statistics[$0] < lower[$0] }
        self.violations = []
    }
}
