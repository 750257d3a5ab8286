#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The average run length (ARL) of a two-sided EWMA chart with its asymptotic limits, and the
/// limit multiple that gives a wanted in-control ARL.
///
/// The chart of N(μ, 1) observations (shift μ in sigma units) is zᵢ = (1 − λ)zᵢ₋₁ + λxᵢ from z₀ = 0,
/// signalling when |zᵢ| > h with h = L·√(λ/(2 − λ)). The zero-state ARL solves the integral equation
/// 𝓛(z) = 1 + (1/λ)∫₋ₕʰ 𝓛(y) φ((y − (1 − λ)z)/λ − μ) dy (Crowder, Technometrics 29(4), 1987;
/// Lucas & Saccucci, Technometrics 32(1), 1990), solved by the Nyström method with Gauss–Legendre
/// quadrature of at least 200 nodes, more for small λ (the method of Knoth's R package `spc`,
/// `xewma.arl(l, c, mu, sided = "two")`); relative accuracy better than 1e-8.
public enum EWMAAverageRunLength {
    /// The zero-state ARL.
    ///
    /// - Parameters:
    ///   - lambda: the smoothing constant λ, in (0, 1].
    ///   - limitMultiple: L, the width of the limits in asymptotic sigmas of z, > 0.
    ///   - shift: the mean shift μ in sigma units of the observations (0: in control).
    /// - Throws: `SPCError.invalidParameter` naming a parameter out of its domain, or the ARL when it
    ///   is too large to compute (above 10¹²).
    public static func arl(lambda: Double, limitMultiple: Double, shift: Double) throws(SPCError) -> Double {
        try validate(lambda: lambda, shift: shift)
        guard limitMultiple > 0, limitMultiple.isFinite else {
            throw .invalidParameter(name: "L", value: limitMultiple, reason: "must be a positive finite number")
        }
        guard let arl = runLength(lambda: lambda, limitMultiple: limitMultiple, shift: shift), arl <= 1e12 else {
            throw .invalidParameter(name: "L", value: limitMultiple, reason: "the ARL is too large to compute (above 1e12)")
        }
        return arl
    }

    /// The limit multiple L whose in-control (μ = 0) ARL is `inControlARL` (Knoth's `xewma.crit`).
    ///
    /// - Throws: `SPCError.invalidParameter` for λ outside (0, 1] or an ARL outside (1, 10¹²].
    public static func limitMultiple(lambda: Double, inControlARL: Double) throws(SPCError) -> Double {
        try validate(lambda: lambda, shift: 0)
        guard inControlARL > 1, inControlARL <= 1e12 else {
            throw .invalidParameter(name: "arl0", value: inControlARL, reason: "must be above 1 and at most 1e12")
        }
        let target = log(inControlARL)
        let difference = { (multiple: Double) -> Double in
            guard let arl = runLength(lambda: lambda, limitMultiple: multiple, shift: 0) else { return .infinity }
            return log(arl) - target
        }
        var upper = 1.0
        while difference(upper) < 0 {
            upper *= 2
            guard upper < 64 else {
                throw .invalidParameter(name: "arl0", value: inControlARL, reason: "no limit multiple up to 64 gives this ARL")
            }
        }
        guard let multiple = BrentRootFinder.root(in: 1e-6, upper, tolerance: 1e-13, difference) else {
            throw .invalidParameter(name: "arl0", value: inControlARL, reason: "no limit multiple gives this ARL")
        }
        return multiple
    }

    private static func validate(lambda: Double, shift: Double) throws(SPCError) {
        // Below 0.005 the kernel is so narrow against the limits that the quadrature would need
        // thousands of nodes.
        guard lambda >= 0.005, lambda <= 1 else {
            throw .invalidParameter(name: "lambda", value: lambda, reason: "must be in [0.005, 1]")
        }
        guard shift.isFinite else {
            throw .invalidParameter(name: "shift", value: shift, reason: "must be a finite number")
        }
    }

    /// The Nyström solution at z = 0; nil when the system is singular or the ARL not finite.
    static func runLength(lambda: Double, limitMultiple: Double, shift: Double) -> Double? {
        let half = limitMultiple * (lambda / (2 - lambda)).squareRoot()
        // Nodes per kernel width: the limits span 2h/λ standard deviations of the kernel.
        let widths = 2 * half / lambda
        let count = min(800, max(200, Int(6 * widths)))
        let rule = GaussLegendreRule(count: count, from: -half, to: half)
        let kernel = { (from: Double, to: Double) -> Double in
            NormalDistribution.density((to - (1 - lambda) * from) / lambda - shift) / lambda
        }
        var matrix = [Double](repeating: 0, count: count * count)
        for i in 0..<count {
            for j in 0..<count {
                matrix[i * count + j] = (i == j ? 1 : 0) - rule.weights[j] * kernel(rule.nodes[i], rule.nodes[j])
            }
        }
        guard let solution = LinearSystem.solve(matrix, [Double](repeating: 1, count: count)) else { return nil }
        var arl = 1.0
        for j in 0..<count { arl += rule.weights[j] * kernel(0, rule.nodes[j]) * solution[j] }
        return arl.isFinite && arl >= 1 ? arl : nil
    }
}
