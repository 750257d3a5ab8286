#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The regularized incomplete beta function Iₓ(a, b) = B(x; a, b)/B(a, b).
///
/// Evaluated by the continued fraction of Abramowitz & Stegun 26.5.8 with the modified Lentz
/// algorithm, on x < (a + 1)/(a + b + 2) directly and otherwise through Iₓ(a, b) = 1 − I₁₋ₓ(b, a)
/// (Press et al., Numerical Recipes, 3rd ed., §6.4); relative accuracy about 1e-14.
enum IncompleteBetaFunction {
    /// Iₓ(a, b) for a, b > 0 and x in [0, 1].
    static func regularized(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        if x < (a + 1) / (a + b + 2) {
            return front(x, a: a, b: b) * continuedFraction(x, a: a, b: b) / a
        }
        return 1 - front(1 - x, a: b, b: a) * continuedFraction(1 - x, a: b, b: a) / b
    }

    /// xᵃ(1 − x)ᵇ/B(a, b).
    private static func front(_ x: Double, a: Double, b: Double) -> Double {
        exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x))
    }

    private static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var fraction = d
        for m in 1...10_000 {
            let step = Double(m)
            let evenTerm = step * (b - step) * x / ((a + 2 * step - 1) * (a + 2 * step))
            d = 1 + evenTerm * d
            if abs(d) < tiny { d = tiny }
            c = 1 + evenTerm / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            fraction *= d * c
            let oddTerm = -(a + step) * (a + b + step) * x / ((a + 2 * step) * (a + 2 * step + 1))
            d = 1 + oddTerm * d
            if abs(d) < tiny { d = tiny }
            c = 1 + oddTerm / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            fraction *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return fraction
    }
}
