#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A two-parameter distribution fitted by maximum likelihood.
///
/// - normal: μ = x̄ and σ = √(Σ(xᵢ − x̄)²/n);
/// - lognormal: the same on ln xᵢ (`meanlog`, `sdlog`, as R's dlnorm);
/// - Weibull F(x) = 1 − exp(−(x/η)^β): the shape β solves Σxᵢ^β ln xᵢ/Σxᵢ^β − 1/β − (1/n)Σ ln xᵢ = 0
///   (Cohen, Technometrics 7(4), 1965), found by Brent's method to 1e-13, and η = (Σxᵢ^β/n)^{1/β}.
public struct FittedDistribution: Sendable, Equatable {
    public let type: CapabilityDistribution
    /// μ (normal), meanlog (lognormal) or the shape β (Weibull).
    public let first: Double
    /// σ (normal), sdlog (lognormal) or the scale η (Weibull).
    public let second: Double

    /// Fits `type` to `values`.
    ///
    /// - Throws: `SPCError.emptyData` for fewer than 3 values, `SPCError.nonFiniteValue` or
    ///   `SPCError.nonPositiveValue` (lognormal and Weibull) naming the row, `SPCError.degenerateSpread`
    ///   when all values are equal.
    public init(_ type: CapabilityDistribution, fittedTo values: [Double]) throws(SPCError) {
        guard values.count >= 3 else { throw .emptyData }
        for (row, value) in values.enumerated() {
            guard value.isFinite else { throw .nonFiniteValue(row: row) }
            if type != .normal, value <= 0 {
                throw .nonPositiveValue(row: row, value: value, reason: "a \(type.rawValue) fit takes positive values")
            }
        }
        let size = Double(values.count)
        self.type = type
        switch type {
        case .normal, .lognormal:
            let statistics = SampleStatistics(type == .normal ? values : values.map { log($0) })
            guard statistics.sumOfSquaredDeviations > 0 else { throw .degenerateSpread(reason: "all values are equal") }
            first = statistics.mean
            second = (statistics.sumOfSquaredDeviations / size).squareRoot()
        case .weibull:
            // On uᵢ = ln(xᵢ/max x) ≤ 0 the powers e^{βuᵢ} stay in (0, 1] for any β; the equation is unchanged.
            let maximum = values.max() ?? 1
            let logarithms = values.map { log($0 / maximum) }
            let meanLogarithm = logarithms.reduce(0, +) / size
            guard logarithms.contains(where: { $0 != 0 }) else { throw .degenerateSpread(reason: "all values are equal") }
            let score = { (shape: Double) -> Double in
                var weighted = 0.0
                var total = 0.0
                for u in logarithms {
                    let power = exp(shape * u)
                    weighted += power * u
                    total += power
                }
                return weighted / total - 1 / shape - meanLogarithm
            }
            var upper = 1.0
            while score(upper) < 0, upper < 1e6 { upper *= 2 }
            guard let shape = BrentRootFinder.root(in: 1e-6, upper, tolerance: 1e-13, score) else {
                throw .degenerateSpread(reason: "no Weibull shape fits these values")
            }
            let meanPower = logarithms.reduce(0) { $0 + exp(shape * $1) } / size
            first = shape
            second = maximum * pow(meanPower, 1 / shape)
        }
    }

    /// ln F(x).
    func logCumulative(_ x: Double) -> Double {
        switch type {
        case .normal: return log(NormalDistribution.cumulative((x - first) / second))
        case .lognormal: return x > 0 ? log(NormalDistribution.cumulative((log(x) - first) / second)) : -.infinity
        case .weibull: return x > 0 ? log(-expm1(-pow(x / second, first))) : -.infinity
        }
    }

    /// ln(1 − F(x)), computed without cancellation in the upper tail.
    func logSurvival(_ x: Double) -> Double {
        switch type {
        case .normal: return log(NormalDistribution.cumulative((first - x) / second))
        case .lognormal: return x > 0 ? log(NormalDistribution.cumulative((first - log(x)) / second)) : 0
        case .weibull: return x > 0 ? -pow(x / second, first) : 0
        }
    }

    /// The quantile X_p for 0 < p < 1.
    func quantile(_ p: Double) -> Double {
        switch type {
        case .normal: return first + second * NormalDistribution.quantile(p)
        case .lognormal: return exp(first + second * NormalDistribution.quantile(p))
        case .weibull: return second * pow(-log1p(-p), 1 / first)
        }
    }

    /// The Anderson-Darling statistic of the fit, A² = −n − (1/n)Σ(2i − 1)[ln F(x₍ᵢ₎) + ln(1 − F(x₍ₙ₊₁₋ᵢ₎))]
    /// on the sorted values (Anderson & Darling, JASA 49, 1954; Stephens, JASA 69, 1974).
    func andersonDarling(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let n = sorted.count
        var sum = 0.0
        for i in 0..<n {
            sum += Double(2 * i + 1) * (logCumulative(sorted[i]) + logSurvival(sorted[n - 1 - i]))
        }
        return -Double(n) - sum / Double(n)
    }
}
