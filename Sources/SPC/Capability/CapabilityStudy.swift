/// Batch capability studies of individual values or of subgroups.
public enum CapabilityStudy {
    /// A study of individual values; σw = MR̄/d2(2) (moving ranges of span 2).
    ///
    /// - Parameters:
    ///   - values: the measurements, in time order (the moving ranges depend on it).
    ///   - specification: LSL, USL, target.
    ///   - confidenceLevel: level of the Cpk interval.
    /// - Throws: `SPCError` naming the row at fault, or a degenerate spread.
    public static func individuals(
        _ values: [Double], specification: SpecificationLimits, confidenceLevel: Double = 0.95
    ) throws(SPCError) -> ProcessCapability {
        try IndividualsChart.validate(values)
        guard values.count >= 2 else { throw .emptyData }
        let included = [Bool](repeating: true, count: values.count)
        let sigmaWithin = try IndividualsChart.estimateSigma(
            values, included: included, method: .mr, d2: ControlChartConstants(n: 2).d2)
        return try ProcessCapability(
            moments: moments(values, specification: specification), sigmaWithin: sigmaWithin, method: .mr,
            specification: specification, confidenceLevel: confidenceLevel,
            normality: values.count >= 3 ? try? AndersonDarlingTest(values) : nil)
    }

    /// A study of subgroups; σw from R̄/d2 (`.rbar`, default) or s̄/c4 (`.sbar`), averaged over the
    /// subgroups as in `SigmaMethod`.
    ///
    /// - Throws: `SPCError` naming the subgroup (row) at fault, or a degenerate spread.
    public static func subgroups(
        _ subgroups: [[Double]], specification: SpecificationLimits, sigmaMethod: SigmaMethod = .rbar,
        confidenceLevel: Double = 0.95
    ) throws(SPCError) -> ProcessCapability {
        guard sigmaMethod == .rbar || sigmaMethod == .sbar else {
            throw .unsupportedSigmaMethod(method: sigmaMethod.rawValue, reason: "subgroup capability takes rbar or sbar")
        }
        let summaries = try SubgroupChart.summarize(subgroups, needsRangeConstants: sigmaMethod == .rbar)
        let included = [Bool](repeating: true, count: subgroups.count)
        let sigmaWithin = try SubgroupChart.estimateSigma(summaries, subgroups: subgroups, included: included, method: sigmaMethod)
        let values = subgroups.flatMap { $0 }
        return try ProcessCapability(
            moments: moments(values, specification: specification), sigmaWithin: sigmaWithin, method: sigmaMethod,
            specification: specification, confidenceLevel: confidenceLevel,
            normality: values.count >= 3 ? try? AndersonDarlingTest(values) : nil)
    }

    /// Two-pass moments and observed counts.
    static func moments(_ values: [Double], specification: SpecificationLimits) -> CapabilityMoments {
        let statistics = SampleStatistics(values)
        var moments = CapabilityMoments()
        moments.count = values.count
        moments.mean = statistics.mean
        moments.sumOfSquaredDeviations = statistics.sumOfSquaredDeviations
        if let lower = specification.lower { moments.belowLower = values.count { $0 < lower } }
        if let upper = specification.upper { moments.aboveUpper = values.count { $0 > upper } }
        return moments
    }
}
