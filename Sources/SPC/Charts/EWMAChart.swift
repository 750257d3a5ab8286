#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Exponentially weighted moving average chart of individual values, with exact per-point limits.
///
/// z₀ = μ₀, zᵢ = λxᵢ + (1 − λ)zᵢ₋₁; limits μ₀ ± Lσ√(λ/(2 − λ)·[1 − (1 − λ)^{2i}]) for the i-th
/// point (i from 1), which tend to μ₀ ± Lσ√(λ/(2 − λ)) (Montgomery, Introduction to Statistical
/// Quality Control, 7th ed., §9.2.1). Run rules do not apply (the zᵢ are
/// autocorrelated); `violations` is empty and `beyond` lists the signals.
public enum EWMAChart {
    /// An EWMA chart. μ₀ and σ come from `options.standards` or from the phase I rows (mean, and mr
    /// or sd). `dropOutOfControl` is not supported.
    ///
    /// - Parameters:
    ///   - values: one observation per row.
    ///   - lambda: the weight λ, 0 < λ ≤ 1.
    ///   - width: the limit width L in σ of z, L > 0.
    ///   - options: phase I, standards, sigma method.
    /// - Throws: `SPCError` naming the row or parameter at fault.
    public static func analyze(_ values: [Double], lambda: Double, width: Double, options: ChartOptions = ChartOptions()) throws(SPCError)
        -> ChartAnalysis
    {
        guard lambda > 0, lambda <= 1 else {
            throw .invalidParameter(name: "lambda", value: lambda, reason: "must be in (0, 1]")
        }
        guard width > 0, width.isFinite else {
            throw .invalidParameter(name: "L", value: width, reason: "must be a positive finite number")
        }
        let estimate = try SmoothedChartEstimate(values, options: options)
        let parameters = estimate.parameters
        var smoothed: [Double] = []
        smoothed.reserveCapacity(values.count)
        var sigmas: [Double] = []
        sigmas.reserveCapacity(values.count)
        var z = parameters.center
        for (offset, value) in values.enumerated() {
            z = smooth(value, previous: z, lambda: lambda)
            smoothed.append(z)
            sigmas.append(statisticSigma(parameters.sigma, lambda: lambda, point: offset + 1))
        }
        let center = parameters.center
        let chart = ControlChart(
            statistics: smoothed, center: .constant(center), statisticSigma: .perPoint(sigmas),
            lower: .perPoint(sigmas.map { center - width * $0 }), upper: .perPoint(sigmas.map { center + width * $0 }))
        return ChartAnalysis(
            type: .ewma, primary: chart, secondary: nil, processCenter: center, sigma: parameters.sigma,
            sigmaMethod: estimate.method, phaseOne: estimate.window, excluded: [],
            smoothing: EWMASmoothing(lambda: lambda, width: width))
    }
}

extension EWMAChart {
    /// zᵢ = λxᵢ + (1 − λ)zᵢ₋₁.
    static func smooth(_ value: Double, previous: Double, lambda: Double) -> Double {
        lambda * value + (1 - lambda) * previous
    }

    /// σ of zᵢ for the i-th point (from 1): σ√(λ/(2 − λ)·[1 − (1 − λ)^{2i}]).
    static func statisticSigma(_ sigma: Double, lambda: Double, point: Int) -> Double {
        sigma * (lambda / (2 - lambda) * (1 - pow(1 - lambda, 2 * Double(point)))).squareRoot()
    }
}

/// μ₀ and σ of an EWMA or CUSUM chart: known, or estimated from the phase I rows.
struct SmoothedChartEstimate {
    var parameters: LocationAndScale
    var method: SigmaMethod
    var window: Range<Int>

    init(_ values: [Double], options: ChartOptions) throws(SPCError) {
        try IndividualsChart.validate(values)
        try options.standards?.validate()
        guard !options.dropOutOfControl else {
            throw .invalidParameter(name: "drop-out-of-control", value: 1, reason: "only Shewhart charts drop phase I points")
        }
        window = try PhaseOne.window(options.phaseOne, count: values.count)
        method = options.standards?.sigma != nil ? .known : (options.sigmaMethod ?? .mr)
        var included = [Bool](repeating: false, count: values.count)
        for row in window { included[row] = true }
        let center = options.standards?.center ?? SampleStatistics(values[window]).mean
        let sigma: Double
        if let known = options.standards?.sigma {
            sigma = known
        } else {
            sigma = try IndividualsChart.estimateSigma(values, included: included, method: method, d2: ControlChartConstants(n: 2).d2)
        }
        guard sigma > 0, sigma.isFinite else {
            throw .degenerateSpread(reason: "the phase I values give σ = \(sigma) (all values equal, or fewer than 2?)")
        }
        parameters = LocationAndScale(center: center, sigma: sigma)
    }
}
