#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b) and its complement.
///
/// Evaluated by the continued fraction of Abramowitz & Stegun 26.5.8 with the modified Lentz
/// algorithm (Press et al., *Numerical Recipes*, 3rd ed., §6.4), on the side of the mean where it
/// converges fast; the other tail is one minus it. Relative error about 1e-14 in the tail that is
/// computed directly.
enum IncompleteBeta {
    /// I_x(a, b) (`lower`) and 1 − I_x(a, b) (`upper`) for 0 ≤ x ≤ 1, a > 0, b > 0.
    static func regularized(x: Double, a: Double, b: Double) -> (lower: Double, upper: Double) {
        if x <= 0 { return (0, 1) }
        if x >= 1 { return (1, 0) }
        let logFront = a * log(x) + b * log1p(-x) - logBeta(a, b)
        if x < (a + 1) / (a + b + 2) {
            let lower = exp(logFront) * continuedFraction(x: x, a: a, b: b) / a
            return (lower, 1 - lower)
        }
        let upper = exp(logFront) * continuedFraction(x: 1 - x, a: b, b: a) / b
        return (1 - upper, upper)
    }

    /// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b).
    static func logBeta(_ a: Double, _ b: Double) -> Double {
        lgamma(a) + lgamma(b) - lgamma(a + b)
    }

    /// The continued fraction of A&S 26.5.8, evaluated by the modified Lentz algorithm.
    private static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        for m in 1...100_000 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            result *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            result *= step
            if abs(step - 1) < 1e-16 { break }
        }
        return result
    }
}
