#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The beta distribution Beta(a, b) on [0, 1], a > 0, b > 0.
public enum BetaDistribution {
    /// The distribution function I_x(a, b) (``IncompleteBeta``).
    public static func cumulative(_ x: Double, a: Double, b: Double) -> Double {
        IncompleteBeta.regularized(x: x, a: a, b: b).lower
    }

    /// The quantile: the x with I_x(a, b) = p, for 0 < p < 1; 0 for p = 0, 1 for p = 1, NaN for a
    /// p outside [0, 1] or a parameter that is not positive.
    ///
    /// Newton steps on I_x(a, b) kept inside a bisection bracket, until the step is below 1e-15
    /// relative (Press et al., *Numerical Recipes*, 3rd ed., §6.14).
    public static func quantile(_ p: Double, a: Double, b: Double) -> Double {
        quantileAndComplement(p, a: a, b: b).quantile
    }

    /// The quantile x and 1 − x, each to full relative precision: above the median the solver
    /// works on 1 − x (the quantile 1 − p of Beta(b, a)), so x/(1 − x) keeps its digits near 1.
    static func quantileAndComplement(_ p: Double, a: Double, b: Double) -> (quantile: Double, complement: Double) {
        guard p >= 0, p <= 1, a > 0, b > 0, a.isFinite, b.isFinite else { return (.nan, .nan) }
        if p == 0 { return (0, 1) }
        if p == 1 { return (1, 0) }
        if p > 0.5 {
            let mirrored = lowerTailQuantile(1 - p, a: b, b: a)
            return (1 - mirrored, mirrored)
        }
        let x = lowerTailQuantile(p, a: a, b: b)
        return (x, 1 - x)
    }

    /// The x with I_x(a, b) = p, p ≤ 0.5, where I_x is computed with its own relative precision.
    private static func lowerTailQuantile(_ p: Double, a: Double, b: Double) -> Double {
        var low = 0.0
        var high = 1.0
        var x = min(max(a / (a + b), 1e-300), 1 - 1e-16)
        let logNormalizer = IncompleteBeta.logBeta(a, b)
        for _ in 0..<1_000 {
            let residual = IncompleteBeta.regularized(x: x, a: a, b: b).lower - p
            if residual == 0 { return x }
            if residual > 0 { high = x } else { low = x }
            let density = exp((a - 1) * log(x) + (b - 1) * log1p(-x) - logNormalizer)
            var next = x - residual / density
            if !(next > low && next < high) || !density.isFinite || density == 0 {
                // Bisect geometrically near 0 so that tiny quantiles are reached in few steps.
                next = low > 0 ? (low * high).squareRoot() : high / 1_024
                if next >= high { next = 0.5 * (low + high) }
            }
            if abs(next - x) <= 1e-15 * x || high - low <= 1e-15 * high {
                return next
            }
            x = next
        }
        return x
    }
}
