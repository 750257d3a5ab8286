#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The average run length (ARL) of a two-sided tabular CUSUM chart, and the decision interval that
/// gives a wanted in-control ARL.
///
/// The chart of N(μ, 1) observations (shift μ in sigma units) is Cᵢ⁺ = max(0, Cᵢ₋₁⁺ + xᵢ − k) and
/// Cᵢ⁻ = max(0, Cᵢ₋₁⁻ − xᵢ − k) from the head start C₀ = s = f·h, signalling when either exceeds h (k, h
/// and s in sigma units; f the fraction of h, as the chart's `--head-start` and Lucas & Crosier's 50 %
/// FIR; Montgomery, Introduction to Statistical Quality Control, 7th ed., §9.1). Each
/// one-sided ARL solves the integral equation 𝓛(s) = 1 + 𝓛(0)Φ(k − s − μ) + ∫₀ʰ 𝓛(y) φ(y − s + k − μ) dy
/// (Page, Biometrika 41, 1954), solved by the Nyström method with Gauss–Legendre quadrature of at least
/// 150 nodes (as Knoth's R package `spc`, `xcusum.arl(k, h, mu, hs, sided = "two")`); the two sides
/// combine as 𝓛 = (𝓛⁺(s)𝓛⁻(0) + 𝓛⁻(s)𝓛⁺(0) − 𝓛⁺(0)𝓛⁻(0))/(𝓛⁺(0) + 𝓛⁻(0)) (Lucas & Crosier,
/// Technometrics 24(3), 1982; 1/𝓛 = 1/𝓛⁺ + 1/𝓛⁻ without a head start). Relative accuracy better
/// than 1e-8.
public enum CUSUMAverageRunLength {
    /// The ARL from the head start `headStart`·h (0: zero state).
    ///
    /// - Parameters:
    ///   - k: the reference value, ≥ 0, in sigma units.
    ///   - h: the decision interval, > 0, in sigma units.
    ///   - headStart: C₀/h for both sides (fast initial response), in [0, 1).
    ///   - shift: the mean shift μ in sigma units (0: in control).
    /// - Throws: `SPCError.invalidParameter` naming a parameter out of its domain, or h when the ARL is
    ///   too large to compute (above 10¹²).
    public static func arl(k: Double, h: Double, headStart: Double = 0, shift: Double) throws(SPCError) -> Double {
        try validate(k: k, headStart: headStart, shift: shift)
        guard h > 0, h <= 50 else { throw .invalidParameter(name: "h", value: h, reason: "must be in (0, 50]") }
        guard let arl = runLength(k: k, h: h, headStart: headStart * h, shift: shift), arl <= 1e12 else {
            throw .invalidParameter(name: "h", value: h, reason: "the ARL is too large to compute (above 1e12)")
        }
        return arl
    }

    /// The decision interval h whose in-control (μ = 0) ARL from the head start `headStart`·h is
    /// `inControlARL` (Knoth's `xcusum.crit` for a head start of 0).
    ///
    /// - Throws: `SPCError.invalidParameter` for k outside [0, 10], a head start outside [0, 1) or an ARL
    ///   outside (1, 10¹²].
    public static func decisionInterval(k: Double, inControlARL: Double, headStart: Double = 0) throws(SPCError) -> Double {
        try validate(k: k, headStart: headStart, shift: 0)
        guard inControlARL > 1, inControlARL <= 1e12 else {
            throw .invalidParameter(name: "arl0", value: inControlARL, reason: "must be above 1 and at most 1e12")
        }
        let target = log(inControlARL)
        let difference = { (h: Double) -> Double in
            guard let arl = runLength(k: k, h: h, headStart: headStart * h, shift: 0) else { return .infinity }
            return log(arl) - target
        }
        var upper = 1.0
        while difference(upper) < 0 {
            upper *= 2
            guard upper <= 50 else {
                throw .invalidParameter(name: "arl0", value: inControlARL, reason: "no decision interval up to 50 gives this ARL")
            }
        }
        guard let h = BrentRootFinder.root(in: 1e-6, upper, tolerance: 1e-13, difference) else {
            throw .invalidParameter(name: "arl0", value: inControlARL, reason: "no decision interval gives this ARL")
        }
        return h
    }

    private static func validate(k: Double, headStart: Double, shift: Double) throws(SPCError) {
        guard k >= 0, k <= 10 else { throw .invalidParameter(name: "k", value: k, reason: "must be in [0, 10]") }
        guard headStart >= 0, headStart < 1 else {
            throw .invalidParameter(name: "head-start", value: headStart, reason: "must be in [0, 1) (a fraction of h)")
        }
        guard shift.isFinite else { throw .invalidParameter(name: "shift", value: shift, reason: "must be a finite number") }
    }

    /// The two-sided ARL from C₀ = `headStart` (in sigma units); nil when a system is singular or an ARL
    /// not finite.
    static func runLength(k: Double, h: Double, headStart: Double, shift: Double) -> Double? {
        guard let upper = oneSided(k: k, h: h, headStart: headStart, shift: shift),
            let lower = oneSided(k: k, h: h, headStart: headStart, shift: -shift)
        else { return nil }
        let arl =
            (upper.fromHeadStart * lower.fromZero + lower.fromHeadStart * upper.fromZero - upper.fromZero * lower.fromZero)
            / (upper.fromZero + lower.fromZero)
        return arl.isFinite && arl >= 1 ? arl : nil
    }

    /// The one-sided upper CUSUM's ARL from 0 and from the head start.
    static func oneSided(k: Double, h: Double, headStart: Double, shift: Double) -> (fromZero: Double, fromHeadStart: Double)? {
        let count = min(600, max(150, Int(12 * h)))
        let rule = GaussLegendreRule(count: count, from: 0, to: h)
        // Unknowns: 𝓛 at the nodes, then 𝓛(0) (the atom of the reflected statistic at zero).
        let size = count + 1
        let starts = rule.nodes + [0]
        var matrix = [Double](repeating: 0, count: size * size)
        for (i, s) in starts.enumerated() {
            for j in 0..<count {
                matrix[i * size + j] = -rule.weights[j] * NormalDistribution.density(rule.nodes[j] - s + k - shift)
            }
            matrix[i * size + count] -= NormalDistribution.cumulative(k - s - shift)
            matrix[i * size + i] += 1
        }
        guard let solution = LinearSystem.solve(matrix, [Double](repeating: 1, count: size)) else { return nil }
        var fromHeadStart = 1 + solution[count] * NormalDistribution.cumulative(k - headStart - shift)
        for j in 0..<count {
            fromHeadStart += rule.weights[j] * NormalDistribution.density(rule.nodes[j] - headStart + k - shift) * solution[j]
        }
        guard solution[count].isFinite, fromHeadStart.isFinite else { return nil }
        return (solution[count], fromHeadStart)
    }
}
