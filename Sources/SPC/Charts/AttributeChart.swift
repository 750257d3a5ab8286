/// Attribute charts: p and np (defectives in samples of size nᵢ), c (defects), u (defects per unit).
///
/// - p: p̄ = ΣDᵢ/Σnᵢ, limits p̄ ± 3√(p̄(1 − p̄)/nᵢ) (Montgomery, Introduction to Statistical
///   Quality Control, 7th ed., §7.2.1, §7.2.2 for variable sample size);
/// - np: center nᵢp̄, limits nᵢp̄ ± 3√(nᵢp̄(1 − p̄)) (§7.2.1);
/// - c: limits c̄ ± 3√c̄ (§7.3.1);
/// - u: ū = Σcᵢ/Σnᵢ, limits ū ± 3√(ū/nᵢ) (§7.3.1).
/// Lower limits clip at 0. The upper limit of a p chart is not clipped at 1.
public enum AttributeChart {
    /// A p chart of `defectives[i]` out of `sizes[i]`. `standards.center` is a known p.
    ///
    /// - Throws: `SPCError` naming the row at fault (negative count, size ≤ 0, count over size).
    public static func p(defectives: [Double], sizes: [Double], options: ChartOptions = ChartOptions()) throws(SPCError) -> ChartAnalysis {
        try validateProportions(defectives: defectives, sizes: sizes)
        return try analyze(.p, counts: defectives, sizes: sizes, options: options)
    }

    /// An np chart of `defectives[i]` out of `sizes[i]`. `standards.center` is a known p.
    ///
    /// - Throws: `SPCError` naming the row at fault.
    public static func np(defectives: [Double], sizes: [Double], options: ChartOptions = ChartOptions()) throws(SPCError) -> ChartAnalysis {
        try validateProportions(defectives: defectives, sizes: sizes)
        return try analyze(.np, counts: defectives, sizes: sizes, options: options)
    }

    /// A c chart of defect counts (one inspection unit per row). `standards.center` is a known c.
    ///
    /// - Throws: `SPCError` naming the row at fault.
    public static func c(defects: [Double], options: ChartOptions = ChartOptions()) throws(SPCError) -> ChartAnalysis {
        let sizes = [Double](repeating: 1, count: defects.count)
        try validateCounts(defects, sizes: sizes)
        return try analyze(.c, counts: defects, sizes: sizes, options: options)
    }

    /// A u chart of `defects[i]` found in `units[i]` inspection units. `standards.center` is a known u.
    ///
    /// - Throws: `SPCError` naming the row at fault.
    public static func u(defects: [Double], units: [Double], options: ChartOptions = ChartOptions()) throws(SPCError) -> ChartAnalysis {
        try validateCounts(defects, sizes: units)
        return try analyze(.u, counts: defects, sizes: units, options: options)
    }

    static func validateCounts(_ counts: [Double], sizes: [Double]) throws(SPCError) {
        guard !counts.isEmpty else { throw .emptyData }
        guard counts.count == sizes.count else {
            throw .invalidParameter(name: "sizes", value: Double(sizes.count), reason: "need one size per count (\(counts.count))")
        }
        for row in counts.indices {
            guard sizes[row].isFinite, sizes[row] > 0 else { throw .invalidSampleSize(row: row, size: sizes[row]) }
            guard counts[row].isFinite, counts[row] >= 0 else { throw .invalidCount(row: row, count: counts[row]) }
        }
    }

    static func validateProportions(defectives: [Double], sizes: [Double]) throws(SPCError) {
        try validateCounts(defectives, sizes: sizes)
        if let row = defectives.indices.first(where: { defectives[$0] > sizes[$0] }) {
            throw .countExceedsSampleSize(row: row, count: defectives[row], size: sizes[row])
        }
    }

    static func analyze(_ type: ChartType, counts: [Double], sizes: [Double], options: ChartOptions) throws(SPCError) -> ChartAnalysis {
        if let sigma = options.standards?.sigma {
            throw .invalidParameter(name: "sigma", value: sigma, reason: "attribute charts take only a center; the model implies sigma")
        }
        try options.standards?.validate()
        let isBinomial = type == .p || type == .np
        if let center = options.standards?.center {
            let valid = isBinomial ? (center >= 0 && center <= 1) : (center >= 0 && center.isFinite)
            guard valid else {
                throw .invalidParameter(
                    name: "center", value: center,
                    reason: isBinomial ? "a fraction defective must be in [0, 1]" : "a defect rate must be non-negative")
            }
        }
        let knownCenter = options.standards?.center
        let outcome = try PhaseOne.run(
            count: counts.count, options: options,
            estimate: { (included: [Bool]) throws(SPCError) -> Double in
                if let knownCenter { return knownCenter }
                return Self.pooledRate(counts: counts, sizes: sizes, included: included)
            },
            build: { rate, withRules in
                let rules = withRules ? options.rules : .none
                let lines = zip(counts, sizes).map { line(type, rate: rate, count: $0, size: $1) }
                let statistics = lines.map { Optional($0.statistic) }
                let center: LimitSeries = .collapsing(lines.map(\.center))
                let sigma: LimitSeries = .collapsing(lines.map(\.sigma))
                let chart = ControlChart(
                    statistics: statistics, center: center, statisticSigma: sigma, clipLowerAtZero: true, rules: rules)
                return (chart, nil)
            })
        let rate = outcome.parameters
        return ChartAnalysis(
            type: type, primary: outcome.primary, secondary: nil, processCenter: rate,
            sigma: isBinomial ? (rate * (1 - rate)).squareRoot() : rate.squareRoot(),
            sigmaMethod: isBinomial ? .binomial : .poisson, phaseOne: outcome.window, excluded: outcome.excluded,
            smoothing: nil)
    }

    /// The plotted statistic, center and σ of one row: p = D/n with p̄ and √(p̄(1 − p̄)/n); np = D with
    /// np̄ and √(np̄(1 − p̄)); c or u = count/units with ū and √(ū/n).
    static func line(_ type: ChartType, rate: Double, count: Double, size: Double) -> (statistic: Double, center: Double, sigma: Double) {
        switch type {
        case .np:
            return (count, size * rate, (size * rate * (1 - rate)).squareRoot())
        case .p:
            return (count / size, rate, (rate * (1 - rate) / size).squareRoot())
        default:
            return (count / size, rate, (rate / size).squareRoot())
        }
    }

    /// Σcountsᵢ/Σsizesᵢ over the included rows: p̄ (or ū) of the p, u and Laney charts.
    static func pooledRate(counts: [Double], sizes: [Double], included: [Bool]) -> Double {
        var countTotal = 0.0
        var sizeTotal = 0.0
        for row in counts.indices where included[row] {
            countTotal += counts[row]
            sizeTotal += sizes[row]
        }
        return countTotal / sizeTotal
    }
}
