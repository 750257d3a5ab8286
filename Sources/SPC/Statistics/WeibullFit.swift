#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A two-parameter Weibull distribution, F(x) = 1 − exp(−(x/scale)^shape) for x ≥ 0, fitted by
/// maximum likelihood.
struct WeibullFit: Sendable, Equatable {
    /// The shape k > 0.
    var shape: Double
    /// The scale η > 0, in the unit of the data.
    var scale: Double

    /// The maximum-likelihood fit of positive, finite `values` that are not all equal.
    ///
    /// The shape solves the profile equation Σxᵏ ln x / Σxᵏ − 1/k − mean(ln x) = 0, whose left side
    /// increases with k; the scale is then (Σxᵏ/n)^(1/k) (Johnson, Kotz and Balakrishnan, Continuous
    /// Univariate Distributions, vol. 1, 2nd ed., §21.4.1). The values are divided by their maximum
    /// first so that xᵏ cannot overflow; the shape does not depend on the unit.
    ///
    /// - Throws: `SPCError.degenerateSpread` when fewer than 2 values or all equal (no finite maximum).
    static func maximumLikelihood(_ values: [Double]) throws(SPCError) -> WeibullFit {
        guard values.count >= 2, let largest = values.max(), let smallest = values.min(), smallest < largest else {
            throw .degenerateSpread(reason: "a Weibull fit needs at least 2 different values")
        }
        let logs = values.map { log($0 / largest) }
        let meanLog = logs.reduce(0, +) / Double(logs.count)
        // Profile score and its derivative in k: with wᵢ = yᵢᵏ, A = Σw ln y / Σw, the score is
        // A − 1/k − mean(ln y) and its derivative Σw ln²y / Σw − A² + 1/k².
        func score(_ shape: Double) -> (value: Double, slope: Double) {
            var weights = 0.0
            var first = 0.0
            var second = 0.0
            for logValue in logs {
                let weight = exp(shape * logValue)
                weights += weight
                first += weight * logValue
                second += weight * logValue * logValue
            }
            let average = first / weights
            return (average - 1 / shape - meanLog, second / weights - average * average + 1 / (shape * shape))
        }
        var low = 1.0
        var high = 1.0
        while score(low).value > 0 { low /= 2 }
        while score(high).value < 0 { high *= 2 }
        var shape = 0.5 * (low + high)
        for _ in 0..<200 {
            let (value, slope) = score(shape)
            if value > 0 { high = shape } else { low = shape }
            var next = shape - value / slope
            // Newton steps, kept inside the bracket; bisection where Newton would leave it.
            if !(next > low && next < high) { next = 0.5 * (low + high) }
            if abs(next - shape) <= 1e-15 * shape { shape = next; break }
            shape = next
        }
        let meanPower = logs.reduce(0.0) { $0 + exp(shape * $1) } / Double(logs.count)
        return WeibullFit(shape: shape, scale: largest * pow(meanPower, 1 / shape))
    }

    /// The quantile η(−ln(1 − p))^(1/k), 0 < p < 1.
    func quantile(_ probability: Double) -> Double {
        scale * pow(-log1p(-probability), 1 / shape)
    }

    /// The standard deviation η√(Γ(1 + 2/k) − Γ(1 + 1/k)²).
    var standardDeviation: Double {
        let first = tgamma(1 + 1 / shape)
        return scale * max(0, tgamma(1 + 2 / shape) - first * first).squareRoot()
    }
}
