/// Brent's method for the minimum of a function of one variable on an interval: golden-section
/// search with parabolic interpolation (Brent, Algorithms for Minimization without Derivatives,
/// 1973, ch. 5; the algorithm of R's `optimize` and of Press et al., Numerical Recipes, 3rd ed.,
/// §10.3).
enum BrentMinimizer {
    /// The x in [lower, upper] where `function` is smallest (a local minimum for a function that
    /// is not unimodal there), to within `tolerance` plus √ε relative.
    static func minimum(
        in lower: Double, _ upper: Double, tolerance: Double = 1e-10, _ function: (Double) -> Double
    ) -> Double {
        let golden = 0.381966011250105151795
        let epsilon = Double.ulpOfOne.squareRoot()
        var a = lower
        var b = upper
        var v = a + golden * (b - a)
        var w = v
        var x = v
        var fx = function(x)
        var fv = fx
        var fw = fx
        var d = 0.0
        var e = 0.0
        for _ in 0..<500 {
            let middle = 0.5 * (a + b)
            let tolerance1 = epsilon * abs(x) + tolerance / 3
            let tolerance2 = 2 * tolerance1
            if abs(x - middle) <= tolerance2 - 0.5 * (b - a) { break }
            var useGolden = true
            if abs(e) > tolerance1 {
                var r = (x - w) * (fx - fv)
                var q = (x - v) * (fx - fw)
                var p = (x - v) * q - (x - w) * r
                q = 2 * (q - r)
                if q > 0 { p = -p } else { q = -q }
                r = e
                e = d
                if abs(p) < abs(0.5 * q * r), p > q * (a - x), p < q * (b - x) {
                    d = p / q
                    let u = x + d
                    if u - a < tolerance2 || b - u < tolerance2 { d = x < middle ? tolerance1 : -tolerance1 }
                    useGolden = false
                }
            }
            if useGolden {
                e = (x < middle ? b : a) - x
                d = golden * e
            }
            let u = abs(d) >= tolerance1 ? x + d : x + (d > 0 ? tolerance1 : -tolerance1)
            let fu = function(u)
            if fu <= fx {
                if u < x { b = x } else { a = x }
                v = w
                fv = fw
                w = x
                fw = fx
                x = u
                fx = fu
            } else {
                if u < x { a = u } else { b = u }
                if fu <= fw || w == x {
                    v = w
                    fv = fw
                    w = u
                    fw = fu
                } else if fu <= fv || v == x || v == w {
                    v = u
                    fv = fu
                }
            }
        }
        return x
    }
}
