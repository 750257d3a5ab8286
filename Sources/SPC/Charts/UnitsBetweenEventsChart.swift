/// The g chart of rare events: the number of units (cases, days, parts) between consecutive events,
/// one count per row, modelled as geometric.
///
/// Center ḡ (the phase I mean), σ = √(ḡ(ḡ + 1)), limits ḡ ± 3σ with the lower one clipped at 0
/// (Benneyan, "Number-between g-type statistical quality control charts for monitoring adverse
/// events", Health Care Management Science 4, 2001, pp. 305–318). A point below the center means
/// events came closer together; the run rules do not apply (the geometric distribution is skewed).
public enum UnitsBetweenEventsChart {
    /// A g chart of `counts`, each the number of units between two events (≥ 0). `options.standards.center`
    /// is a known ḡ.
    ///
    /// - Throws: `SPCError.invalidCount` naming a negative or non-finite row, `invalidParameter` for a
    ///   known σ or a non-positive known center, `degenerateSpread` when ḡ = 0.
    public static func analyze(_ counts: [Double], options: ChartOptions = ChartOptions()) throws(SPCError) -> ChartAnalysis {
        guard !counts.isEmpty else { throw .emptyData }
        if let row = counts.indices.first(where: { !(counts[$0].isFinite && counts[$0] >= 0) }) {
            throw .invalidCount(row: row, count: counts[row])
        }
        if let sigma = options.standards?.sigma {
            throw .invalidParameter(name: "sigma", value: sigma, reason: "the g chart takes only a center; the geometric model implies sigma")
        }
        try options.standards?.validate()
        if let center = options.standards?.center, center <= 0 {
            throw .invalidParameter(name: "center", value: center, reason: "the mean number of units between events must be positive")
        }
        let knownCenter = options.standards?.center
        let outcome = try PhaseOne.run(
            count: counts.count, options: options,
            estimate: { (included: [Bool]) throws(SPCError) -> Double in
                let mean = knownCenter ?? SampleStatistics(counts, included: included).mean
                guard mean > 0 else {
                    throw .degenerateSpread(reason: "every phase I count is 0 (ḡ = 0): events with no unit between them")
                }
                return mean
            },
            build: { mean, _ in
                let chart = ControlChart(
                    statistics: counts.map { Optional($0) }, center: .constant(mean), statisticSigma: .constant(sigma(mean: mean)),
                    clipLowerAtZero: true, rules: .none)
                return (chart, nil)
            })
        return ChartAnalysis(
            type: .g, primary: outcome.primary, secondary: nil, processCenter: outcome.parameters,
            sigma: sigma(mean: outcome.parameters), sigmaMethod: .geometric, phaseOne: outcome.window, excluded: outcome.excluded,
            smoothing: nil)
    }

    /// √(ḡ(ḡ + 1)), the standard deviation of a geometric count with mean ḡ.
    static func sigma(mean: Double) -> Double {
        (mean * (mean + 1)).squareRoot()
    }
}
