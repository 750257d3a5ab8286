/// The t chart of rare events: the time between consecutive events, one positive time per row,
/// against the probability limits of a distribution fitted to phase I.
///
/// Exponential (default): λ̂ = 1/mean; or a two-parameter Weibull by maximum likelihood. Center the
/// fitted median, LCL and UCL the fitted 0.00135 and 0.99865 quantiles, the tail areas of 3σ
/// Shewhart limits (Montgomery, Introduction to Statistical Quality Control, 7th ed., §7.3, "Dealing with low defect levels";
/// Minitab, "Methods and formulas for T chart"). The points are the times themselves, on their
/// original scale, as Minitab plots them: a point below the LCL means events came unusually soon.
/// The run rules do not apply (the zones of a normal chart do not fit a skewed distribution).
public enum TimeBetweenEventsChart {
    /// Tail probability of each limit, that of 3σ normal limits: Φ(−3) ≈ 0.00135.
    public static let tailProbability = 0.00135

    /// A t chart of `times` (each > 0). No known standards; `dropOutOfControl` refits without the
    /// phase I points beyond the limits.
    ///
    /// - Throws: `SPCError.nonPositiveTime` naming the row of a time ≤ 0 or not finite,
    ///   `unsupportedOption` for known standards, `degenerateSpread` for a Weibull fit of fewer than 2
    ///   different phase I times.
    public static func analyze(
        _ times: [Double], distribution: TimeBetweenEventsDistribution = .exponential, options: ChartOptions = ChartOptions()
    ) throws(SPCError) -> ChartAnalysis {
        guard !times.isEmpty else { throw .emptyData }
        if let row = times.indices.first(where: { !(times[$0].isFinite && times[$0] > 0) }) {
            throw .nonPositiveTime(row: row, time: times[row])
        }
        guard options.standards == nil else {
            throw .unsupportedOption(name: "center", reason: "the t chart fits its distribution to phase I; it takes no known center or sigma")
        }
        let outcome = try PhaseOne.run(
            count: times.count, options: options,
            estimate: { (included: [Bool]) throws(SPCError) -> TimeBetweenEventsFit in
                try TimeBetweenEventsFit(distribution, times: times.indices.filter { included[$0] }.map { times[$0] })
            },
            build: { fit, _ in
                let chart = ControlChart(
                    statistics: times, center: .constant(fit.quantile(0.5)), statisticSigma: .constant(fit.standardDeviation),
                    lower: .constant(fit.quantile(tailProbability)), upper: .constant(fit.quantile(1 - tailProbability)))
                return (chart, nil)
            })
        let fit = outcome.parameters
        return ChartAnalysis(
            type: .t, primary: outcome.primary, secondary: nil, processCenter: fit.quantile(0.5), sigma: fit.standardDeviation,
            sigmaMethod: distribution == .exponential ? .exponential : .weibull, phaseOne: outcome.window, excluded: outcome.excluded,
            smoothing: nil, timeBetweenEvents: fit)
    }
}
