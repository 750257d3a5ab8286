/// Brent's method for a root of a continuous function on a bracketing interval: bisection,
/// secant and inverse quadratic interpolation (Brent, Algorithms for Minimization without
/// Derivatives, 1973, ch. 4; Press et al., Numerical Recipes, 3rd ed., §9.3).
enum BrentRootFinder {
    /// A root of `function` in [lower, upper], where the function's values at the ends differ in
    /// sign; nil when they do not. Stops when the bracket is narrower than `tolerance` (absolute)
    /// plus 4ε relative.
    static func root(
        in lower: Double, _ upper: Double, tolerance: Double = 1e-13, _ function: (Double) -> Double
    ) -> Double? {
        var a = lower
        var b = upper
        var fa = function(a)
        var fb = function(b)
        if fa == 0 { return a }
        if fb == 0 { return b }
        guard fa.isFinite, fb.isFinite, (fa < 0) != (fb < 0) else { return nil }
        var c = a
        var fc = fa
        var d = b - a
        var e = d
        for _ in 0..<200 {
            if (fb < 0) == (fc < 0) {
                c = a
                fc = fa
                d = b - a
                e = d
            }
            if abs(fc) < abs(fb) {
                a = b
                b = c
                c = a
                fa = fb
                fb = fc
                fc = fa
            }
            let bound = 2 * Double.ulpOfOne * abs(b) + 0.5 * tolerance
            let middle = 0.5 * (c - b)
            if abs(middle) <= bound || fb == 0 { return b }
            if abs(e) >= bound, abs(fa) > abs(fb) {
                let s = fb / fa
                var p: Double
                var q: Double
                if a == c {
                    p = 2 * middle * s
                    q = 1 - s
                } else {
                    let r = fb / fc
                    let t = fa / fc
                    p = s * (2 * middle * t * (t - r) - (b - a) * (r - 1))
                    q = (t - 1) * (r - 1) * (s - 1)
                }
                if p > 0 { q = -q } else { p = -p }
                if 2 * p < min(3 * middle * q - abs(bound * q), abs(e * q)) {
                    e = d
                    d = p / q
                } else {
                    d = middle
                    e = d
                }
            } else {
                d = middle
                e = d
            }
            a = b
            fa = fb
            b += abs(d) > bound ? d : (middle > 0 ? bound : -bound)
            fb = function(b)
        }
        return b
    }
}
