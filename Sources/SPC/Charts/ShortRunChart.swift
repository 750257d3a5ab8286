/// Short-run Z-MR chart: many parts (products) on one process, each with too few values for its
/// own chart, standardized onto one chart.
///
/// Per part, the mean x̄ₚ of its phase I values and σₚ = MR̄ₚ/d2(2), MR̄ₚ averaging the moving ranges
/// between consecutive values of that part in row order (both in phase I); with
/// ``ShortRunSigma/constant`` the moving ranges of all parts are pooled into one σ. zᵢ = (xᵢ − x̄ₚ)/σₚ.
/// The Z chart has center 0 and limits ±3, and takes the run rules; the MR chart of consecutive zᵢ
/// (whatever their parts) has center d2(2) and limits 0 and D4(2)·d2(2) (Montgomery, Introduction to
/// Statistical Quality Control, 7th ed., §10.1 "Statistical process control for short production runs"; Minitab, "Methods and
/// formulas for Z-MR chart").
public enum ShortRunChart {
    /// A Z-MR chart of `values[i]` of part `parts[i]`. The sigma method is mr; no known standards.
    ///
    /// - Throws: `SPCError.nonFiniteValue` naming the row, `tooFewPartValues` naming a part with no
    ///   phase I value, or (by part) fewer than 2; `degenerateSpread` naming a part whose phase I
    ///   values are all equal (or all parts with a constant σ); `unsupportedOption` for known standards.
    public static func zmr(
        parts: [String], values: [Double], sigmaBy: ShortRunSigma = .part, options: ChartOptions = ChartOptions()
    ) throws(SPCError) -> ChartAnalysis {
        try IndividualsChart.validate(values)
        guard parts.count == values.count else {
            throw .invalidParameter(name: "parts", value: Double(parts.count), reason: "need one part per value (\(values.count))")
        }
        guard options.standards == nil else {
            throw .unsupportedOption(name: "center", reason: "the Z-MR chart estimates each part's mean and σ; it takes no known center or sigma")
        }
        if let method = options.sigmaMethod, method != .mr {
            throw .unsupportedSigmaMethod(method: method.rawValue, reason: "the Z-MR chart takes mr (moving ranges of each part)")
        }
        var order: [String] = []
        var rowsOfPart: [String: [Int]] = [:]
        var indexOfPart: [String: Int] = [:]
        var partIndex: [Int] = []
        partIndex.reserveCapacity(parts.count)
        for (row, part) in parts.enumerated() {
            if indexOfPart[part] == nil {
                indexOfPart[part] = order.count
                order.append(part)
            }
            rowsOfPart[part, default: []].append(row)
            partIndex.append(indexOfPart[part] ?? 0)
        }
        let d2 = try ControlChartConstants(n: 2).d2
        let d3 = try ControlChartConstants(n: 2).d3
        let outcome = try PhaseOne.run(
            count: values.count, options: options, dropUsesSecondary: false,
            estimate: { (included: [Bool]) throws(SPCError) -> [ShortRunEstimates.PartEstimate] in
                try estimate(values, order: order, rowsOfPart: rowsOfPart, included: included, sigmaBy: sigmaBy, d2: d2)
            },
            build: { estimates, withRules in
                let rules = withRules ? options.rules : .none
                let z = values.indices.map { row in
                    let estimate = estimates[partIndex[row]]
                    return (values[row] - estimate.mean) / estimate.sigma
                }
                let movingRanges: [Double?] = z.indices.map { $0 == 0 ? nil : abs(z[$0] - z[$0 - 1]) }
                let primary = ControlChart(
                    statistics: z.map { Optional($0) }, center: .constant(0), statisticSigma: .constant(1), clipLowerAtZero: false,
                    rules: rules)
                let secondary = ControlChart(
                    statistics: movingRanges, center: .constant(d2), statisticSigma: .constant(d3), clipLowerAtZero: true,
                    rules: rules.dispersionChartSubset)
                return (primary, secondary)
            })
        return ChartAnalysis(
            type: .zmr, primary: outcome.primary, secondary: outcome.secondary, processCenter: 0, sigma: 1, sigmaMethod: .mr,
            phaseOne: outcome.window, excluded: outcome.excluded, smoothing: nil,
            shortRun: ShortRunEstimates(sigmaBy: sigmaBy, parts: outcome.parameters))
    }

    /// Each part's mean and σ from its included rows, in `order`.
    static func estimate(
        _ values: [Double], order: [String], rowsOfPart: [String: [Int]], included: [Bool], sigmaBy: ShortRunSigma, d2: Double
    ) throws(SPCError) -> [ShortRunEstimates.PartEstimate] {
        var estimates: [ShortRunEstimates.PartEstimate] = []
        var pooledRanges = 0.0
        var pooledCount = 0
        for part in order {
            let rows = rowsOfPart[part] ?? []
            let kept = rows.filter { included[$0] }
            guard !kept.isEmpty else { throw .tooFewPartValues(part: part, count: 0, minimum: sigmaBy == .part ? 2 : 1) }
            var ranges = 0.0
            var count = 0
            for (previous, row) in zip(rows, rows.dropFirst()) where included[previous] && included[row] {
                ranges += abs(values[row] - values[previous])
                count += 1
            }
            pooledRanges += ranges
            pooledCount += count
            let mean = kept.reduce(0.0) { $0 + values[$1] } / Double(kept.count)
            var sigma = Double.nan
            if sigmaBy == .part {
                guard count > 0 else { throw .tooFewPartValues(part: part, count: kept.count, minimum: 2) }
                sigma = ranges / Double(count) / d2
                guard sigma > 0 else {
                    throw .degenerateSpread(reason: "part \(part): its phase I values do not vary (σ = 0); sigma by constant pools all parts")
                }
            }
            estimates.append(ShortRunEstimates.PartEstimate(part: part, count: kept.count, mean: mean, sigma: sigma))
        }
        if sigmaBy == .constant {
            guard pooledCount > 0 else {
                throw .degenerateSpread(reason: "no part has two consecutive phase I values, so no moving range gives σ")
            }
            let sigma = pooledRanges / Double(pooledCount) / d2
            guard sigma > 0 else { throw .degenerateSpread(reason: "no part's phase I values vary (σ = 0)") }
            for index in estimates.indices { estimates[index].sigma = sigma }
        }
        return estimates
    }
}
