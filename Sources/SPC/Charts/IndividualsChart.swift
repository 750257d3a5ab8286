/// Individuals and moving-range (I-MR) chart, moving ranges of span 2.
///
/// MRᵢ = |xᵢ − xᵢ₋₁| for i ≥ 1 (undefined at row 0). σ = MR̄/d2(2) by default, where MR̄ averages
/// the moving ranges whose two rows are both in phase I; or σ = s/c4(N), the sample standard
/// deviation of the N phase I values made unbiased (Montgomery 7th ed. §6.3.1; qcc `sd.xbar.one`
/// "SD"). With `dropOutOfControl`, only the individuals chart decides which rows are dropped. Individuals limits x̄ ± 3σ; MR chart
/// center d2(2)σ = MR̄, limits 0 and (d2(2) + 3d3(2))σ = D4(2)·MR̄ ≈ 3.267·MR̄
/// (Montgomery, Introduction to Statistical Quality Control, 7th ed., §6.4).
public enum IndividualsChart {
    /// An I-MR chart. Sigma methods: mr (default), sd, or a known σ.
    ///
    /// - Throws: `SPCError` naming the row at fault.
    public static func analyze(_ values: [Double], options: ChartOptions = ChartOptions()) throws(SPCError) -> ChartAnalysis {
        try validate(values)
        try options.standards?.validate()
        let method: SigmaMethod = options.standards?.sigma != nil ? .known : (options.sigmaMethod ?? .mr)
        let constants = try ControlChartConstants(n: 2)
        // Built with map: an implicit [Double] to [Double?] conversion casts element by element.
        let individuals = values.map { Optional($0) }
        let movingRanges: [Double?] = values.indices.map { $0 == 0 ? nil : abs(values[$0] - values[$0 - 1]) }
        let knownCenter = options.standards?.center
        let knownSigma = options.standards?.sigma
        let outcome = try PhaseOne.run(
            count: values.count, options: options, dropUsesSecondary: false,
            estimate: { (included: [Bool]) throws(SPCError) -> LocationAndScale in
                let center = knownCenter ?? SampleStatistics(values, included: included).mean
                let sigma: Double
                if let knownSigma {
                    sigma = knownSigma
                } else {
                    sigma = try estimateSigma(values, included: included, method: method, d2: constants.d2)
                }
                guard sigma > 0, sigma.isFinite else {
                    throw .degenerateSpread(reason: "the phase I values give σ = \(sigma) (all values equal, or fewer than 2?)")
                }
                return LocationAndScale(center: center, sigma: sigma)
            },
            build: { parameters, withRules in
                let rules = withRules ? options.rules : .none
                let primary = ControlChart(
                    statistics: individuals, center: .constant(parameters.center),
                    statisticSigma: .constant(parameters.sigma), clipLowerAtZero: false, rules: rules)
                let secondary = ControlChart(
                    statistics: movingRanges, center: .constant(constants.d2 * parameters.sigma),
                    statisticSigma: .constant(constants.d3 * parameters.sigma), clipLowerAtZero: true,
                    rules: rules.dispersionChartSubset)
                return (primary, secondary)
            })
        return ChartAnalysis(
            type: .individuals, primary: outcome.primary, secondary: outcome.secondary,
            processCenter: outcome.parameters.center, sigma: outcome.parameters.sigma, sigmaMethod: method,
            phaseOne: outcome.window, excluded: outcome.excluded, smoothing: nil)
    }

    static func validate(_ values: [Double]) throws(SPCError) {
        guard !values.isEmpty else { throw .emptyData }
        if let row = values.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteValue(row: row) }
    }

    /// σ of individual values from the rows marked in `included`: MR̄/d2(2) or the sample SD.
    static func estimateSigma(_ values: [Double], included: [Bool], method: SigmaMethod, d2: Double) throws(SPCError) -> Double {
        switch method {
        case .mr:
            var total = 0.0
            var count = 0
            for row in values.indices.dropFirst() where included[row] && included[row - 1] {
                total += abs(values[row] - values[row - 1])
                count += 1
            }
            return count > 0 ? total / Double(count) / d2 : .nan
        case .sd:
            let kept = SampleStatistics(values, included: included)
            guard kept.count >= 2 else { return .nan }
            return kept.standardDeviation / ControlChartConstants.c4(kept.count)
        case .rbar, .sbar, .known, .binomial, .poisson, .geometric, .exponential, .weibull:
            throw .unsupportedSigmaMethod(method: method.rawValue, reason: "individual values take mr or sd")
        }
    }
}

/// A process mean and standard deviation.
struct LocationAndScale {
    var center: Double
    var sigma: Double
}
