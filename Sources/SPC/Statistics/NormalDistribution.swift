#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard normal distribution N(0, 1).
public enum NormalDistribution {
    /// The density φ(x) = exp(-x²/2) / √(2π).
    public static func density(_ x: Double) -> Double {
        exp(-0.5 * x * x) / (2.0 * Double.pi).squareRoot()
    }

    /// The distribution function Φ(x) = erfc(-x/√2) / 2.
    ///
    /// Written with `erfc` so that both tails keep full relative precision
    /// (Abramowitz & Stegun, Handbook of Mathematical Functions, 26.2.29 and 7.1.2).
    public static func cumulative(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// The quantile Φ⁻¹(p) for 0 < p < 1; -∞ for p = 0, +∞ for p = 1, NaN outside [0, 1].
    ///
    /// Starts from the rational approximation of Abramowitz & Stegun 26.2.23 (error below 4.5e-4)
    /// and refines it by Newton steps on `cumulative` until the step is below 1e-15 relative.
    public static func quantile(_ p: Double) -> Double {
        guard p > 0, p < 1 else {
            if p == 0 { return -.infinity }
            if p == 1 { return .infinity }
            return .nan
        }
        let tail = min(p, 1 - p)
        let t = (-2.0 * log(tail)).squareRoot()
        let numerator = 2.515517 + t * (0.802853 + t * 0.010328)
        let denominator = 1.0 + t * (1.432788 + t * (0.189269 + t * 0.001308))
        var x = t - numerator / denominator
        if p < 0.5 { x = -x }
        for _ in 0..<50 {
            let density = density(x)
            guard density > 0 else { break }
            // Compare in the smaller tail so that the residual keeps its relative precision.
            let residual = p < 0.5 ? cumulative(x) - p : (1 - p) - cumulative(-x)
            let step = residual / density
            x -= step
            if abs(step) <= 1e-15 * max(1.0, abs(x)) { break }
        }
        return x
    }
}
