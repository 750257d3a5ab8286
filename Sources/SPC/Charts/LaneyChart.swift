/// Laney p′ and u′ charts: p and u charts whose limits are widened (or narrowed) by the variation
/// between samples that the binomial or Poisson model leaves out, as large samples show it
/// (over-dispersion makes plain p and u limits so narrow that most points alarm).
///
/// zᵢ = (pᵢ − p̄)/σ_pᵢ with σ_pᵢ = √(p̄(1 − p̄)/nᵢ) (p′) or √(ū/nᵢ) (u′); σ_z = MR̄(z)/d2(2) over
/// the moving ranges of consecutive phase I rows; limits p̄ ± 3·σ_pᵢ·σ_z per row, the lower one
/// clipped at 0 (Laney, "Improved control charts for attributes", Quality Engineering 14(4),
/// 2002, pp. 531–537). σ_z = 1 gives the p or u chart back.
public enum LaneyChart {
    /// A Laney p′ chart of `defectives[i]` out of `sizes[i]`. `options.standards.center` is a known p;
    /// σ_z is always estimated from phase I.
    ///
    /// - Throws: `SPCError` naming the row at fault (negative count, size ≤ 0, count over size), or
    ///   `degenerateSpread` when p̄ is 0 or 1, phase I has no two consecutive rows, or every z is equal.
    public static func p(defectives: [Double], sizes: [Double], options: ChartOptions = ChartOptions()) throws(SPCError) -> ChartAnalysis {
        try AttributeChart.validateProportions(defectives: defectives, sizes: sizes)
        return try analyze(.laneyP, counts: defectives, sizes: sizes, options: options)
    }

    /// A Laney u′ chart of `defects[i]` found in `units[i]` inspection units. `options.standards.center`
    /// is a known u; σ_z is always estimated from phase I.
    ///
    /// - Throws: `SPCError` naming the row at fault, or `degenerateSpread` as ``p(defectives:sizes:options:)``.
    public static func u(defects: [Double], units: [Double], options: ChartOptions = ChartOptions()) throws(SPCError) -> ChartAnalysis {
        try AttributeChart.validateCounts(defects, sizes: units)
        return try analyze(.laneyU, counts: defects, sizes: units, options: options)
    }

    struct Parameters {
        var rate: Double
        var sigmaZ: Double
    }

    static func analyze(_ type: ChartType, counts: [Double], sizes: [Double], options: ChartOptions) throws(SPCError) -> ChartAnalysis {
        let isBinomial = type == .laneyP
        let attributeType: ChartType = isBinomial ? .p : .u
        if let sigma = options.standards?.sigma {
            throw .invalidParameter(name: "sigma", value: sigma, reason: "Laney charts take only a center; σ_z is estimated from phase I")
        }
        try options.standards?.validate()
        if let center = options.standards?.center {
            let valid = isBinomial ? (center > 0 && center < 1) : center > 0
            guard valid else {
                throw .invalidParameter(
                    name: "center", value: center,
                    reason: isBinomial
                        ? "a fraction defective must be in (0, 1) for a Laney chart" : "a defect rate must be positive for a Laney chart")
            }
        }
        let knownCenter = options.standards?.center
        let d2 = try ControlChartConstants(n: 2).d2
        let outcome = try PhaseOne.run(
            count: counts.count, options: options, dropUsesSecondary: false,
            estimate: { (included: [Bool]) throws(SPCError) -> Parameters in
                let rate = knownCenter ?? AttributeChart.pooledRate(counts: counts, sizes: sizes, included: included)
                guard rate > 0, !isBinomial || rate < 1 else {
                    throw .degenerateSpread(reason: "the phase I rate is \(rate): standardized counts need a rate strictly inside its range")
                }
                var total = 0.0
                var ranges = 0
                var previous: Double?
                for row in counts.indices {
                    let line = AttributeChart.line(attributeType, rate: rate, count: counts[row], size: sizes[row])
                    let z = (line.statistic - line.center) / line.sigma
                    if included[row], row > 0, included[row - 1], let previous {
                        total += abs(z - previous)
                        ranges += 1
                    }
                    previous = z
                }
                guard ranges > 0 else {
                    throw .degenerateSpread(reason: "σ_z needs two consecutive phase I rows")
                }
                let sigmaZ = total / Double(ranges) / d2
                guard sigmaZ > 0 else {
                    throw .degenerateSpread(reason: "every phase I row gives the same standardized count (σ_z = 0)")
                }
                return Parameters(rate: rate, sigmaZ: sigmaZ)
            },
            build: { parameters, withRules in
                let lines = zip(counts, sizes).map { AttributeChart.line(attributeType, rate: parameters.rate, count: $0, size: $1) }
                let chart = ControlChart(
                    statistics: lines.map { Optional($0.statistic) }, center: .constant(parameters.rate),
                    statisticSigma: .collapsing(lines.map { $0.sigma * parameters.sigmaZ }), clipLowerAtZero: true,
                    rules: withRules ? options.rules : .none)
                return (chart, nil)
            })
        let rate = outcome.parameters.rate
        return ChartAnalysis(
            type: type, primary: outcome.primary, secondary: nil, processCenter: rate,
            sigma: isBinomial ? (rate * (1 - rate)).squareRoot() : rate.squareRoot(),
            sigmaMethod: isBinomial ? .binomial : .poisson, phaseOne: outcome.window, excluded: outcome.excluded,
            smoothing: nil, laneySigmaZ: outcome.parameters.sigmaZ)
    }
}
