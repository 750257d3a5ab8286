/// X-bar/R and X-bar/S charts of subgroups, whose sizes may vary (limits are then per point).
///
/// Center x̿ = Σnᵢx̄ᵢ/Σnᵢ. X-bar limits x̿ ± 3σ/√nᵢ; R chart center d2(nᵢ)σ, limits d2σ ± 3d3σ;
/// S chart center c4(nᵢ)σ, limits c4σ ± 3σ√(1 − c4²); lower limits clip at 0. With equal sizes and
/// σ = R̄/d2 (or s̄/c4) these are the familiar x̿ ± A2R̄, D3R̄, D4R̄ (x̿ ± A3s̄, B3s̄, B4s̄)
/// (Montgomery, Introduction to Statistical Quality Control, 7th ed., §6.2.1, §6.3.1,
/// §6.3.2 for variable sample size; qcc `stats.xbar`, `sd.xbar`).
public enum SubgroupChart {
    /// An X-bar/R chart. Each subgroup needs 2 to `ControlChartConstants.maximumRangeSubgroupSize`
    /// values. Sigma methods: rbar (default), sbar, sd, or a known σ.
    ///
    /// - Throws: `SPCError` naming the subgroup (row) at fault.
    public static func xbarR(_ subgroups: [[Double]], options: ChartOptions = ChartOptions()) throws(SPCError) -> ChartAnalysis {
        try analyze(subgroups, usesRange: true, options: options)
    }

    /// An X-bar/S chart. Each subgroup needs at least 2 values. Sigma methods: sbar (default), rbar,
    /// sd, or a known σ.
    ///
    /// - Throws: `SPCError` naming the subgroup (row) at fault.
    public static func xbarS(_ subgroups: [[Double]], options: ChartOptions = ChartOptions()) throws(SPCError) -> ChartAnalysis {
        try analyze(subgroups, usesRange: false, options: options)
    }

    struct Summary {
        var size: Int
        var mean: Double
        var range: Double
        var standardDeviation: Double
        var constants: ControlChartConstants
    }

    /// Validates the subgroups and computes their statistics and constants.
    static func summarize(_ subgroups: [[Double]], needsRangeConstants: Bool) throws(SPCError) -> [Summary] {
        guard !subgroups.isEmpty else { throw .emptyData }
        var summaries: [Summary] = []
        summaries.reserveCapacity(subgroups.count)
        var constantsCache = SubgroupConstants()
        for (row, subgroup) in subgroups.enumerated() {
            let constants = try constantsCache.constants(for: subgroup, row: row, usesRange: needsRangeConstants)
            let statistics = SampleStatistics(subgroup)
            summaries.append(
                Summary(
                    size: subgroup.count, mean: statistics.mean, range: statistics.range,
                    standardDeviation: statistics.standardDeviation, constants: constants))
        }
        return summaries
    }

    /// Estimates σ from the included subgroups with `method`.
    static func estimateSigma(
        _ summaries: [Summary], subgroups: [[Double]], included: [Bool], method: SigmaMethod
    ) throws(SPCError) -> Double {
        var total = 0.0
        var count = 0
        switch method {
        case .rbar:
            for (row, summary) in summaries.enumerated() where included[row] {
                guard summary.size <= ControlChartConstants.maximumRangeSubgroupSize else {
                    throw .subgroupTooLarge(row: row, size: summary.size, maximum: ControlChartConstants.maximumRangeSubgroupSize)
                }
                total += summary.range / summary.constants.d2
                count += 1
            }
            return total / Double(count)
        case .sbar:
            for (row, summary) in summaries.enumerated() where included[row] {
                total += summary.standardDeviation / summary.constants.c4
                count += 1
            }
            return total / Double(count)
        case .sd:
            let values = subgroups.indices.filter { included[$0] }.flatMap { subgroups[$0] }
            return SampleStatistics(values).standardDeviation / ControlChartConstants.c4(values.count)
        case .mr, .known, .binomial, .poisson, .geometric, .exponential, .weibull:
            throw .unsupportedSigmaMethod(method: method.rawValue, reason: "subgroup charts take rbar, sbar or sd")
        }
    }

    struct Parameters {
        var center: Double
        var sigma: Double
    }

    static func analyze(_ subgroups: [[Double]], usesRange: Bool, options: ChartOptions) throws(SPCError) -> ChartAnalysis {
        let summaries = try summarize(subgroups, needsRangeConstants: usesRange)
        let method: SigmaMethod = options.standards?.sigma != nil ? .known : (options.sigmaMethod ?? (usesRange ? .rbar : .sbar))
        let knownCenter = options.standards?.center
        let knownSigma = options.standards?.sigma
        try options.standards?.validate()
        let outcome = try PhaseOne.run(
            count: summaries.count, options: options,
            estimate: { (included: [Bool]) throws(SPCError) -> Parameters in
                var weighted = 0.0
                var size = 0
                for (row, summary) in summaries.enumerated() where included[row] {
                    weighted += Double(summary.size) * summary.mean
                    size += summary.size
                }
                let center = knownCenter ?? weighted / Double(size)
                let sigma: Double
                if let knownSigma {
                    sigma = knownSigma
                } else {
                    sigma = try estimateSigma(summaries, subgroups: subgroups, included: included, method: method)
                }
                guard sigma > 0, sigma.isFinite else {
                    throw .degenerateSpread(reason: "the phase I subgroups give σ = \(sigma) (all values equal?)")
                }
                return Parameters(center: center, sigma: sigma)
            },
            build: { parameters, withRules in
                build(summaries, parameters: parameters, usesRange: usesRange, rules: withRules ? options.rules : .none)
            })
        return ChartAnalysis(
            type: usesRange ? .xbarR : .xbarS, primary: outcome.primary, secondary: outcome.secondary,
            processCenter: outcome.parameters.center, sigma: outcome.parameters.sigma, sigmaMethod: method,
            phaseOne: outcome.window, excluded: outcome.excluded, smoothing: nil)
    }

    static func build(_ summaries: [Summary], parameters: Parameters, usesRange: Bool, rules: RunRuleSet) -> (ControlChart, ControlChart) {
        let sigma = parameters.sigma
        let primary = ControlChart(
            statistics: summaries.map { Optional($0.mean) }, center: .constant(parameters.center),
            statisticSigma: .collapsing(summaries.map { meanSigma(sigma, size: $0.size) }),
            clipLowerAtZero: false, rules: rules)
        let dispersion = summaries.map { dispersionLine(sigma, constants: $0.constants, usesRange: usesRange) }
        let secondary = ControlChart(
            statistics: summaries.map { Optional(usesRange ? $0.range : $0.standardDeviation) },
            center: .collapsing(dispersion.map(\.center)), statisticSigma: .collapsing(dispersion.map(\.sigma)),
            clipLowerAtZero: true, rules: rules.dispersionChartSubset)
        return (primary, secondary)
    }

    /// σ of a subgroup mean: σ/√n.
    static func meanSigma(_ sigma: Double, size: Int) -> Double {
        sigma / Double(size).squareRoot()
    }

    /// Center and σ of R (d2σ, d3σ) or of s (c4σ, σ√(1 − c4²)).
    static func dispersionLine(_ sigma: Double, constants: ControlChartConstants, usesRange: Bool) -> (center: Double, sigma: Double) {
        usesRange
            ? (constants.d2 * sigma, constants.d3 * sigma)
            : (constants.c4 * sigma, (1 - constants.c4 * constants.c4).squareRoot() * sigma)
    }
}
