/// Snedecor's F distribution with `numerator` and `denominator` degrees of freedom.
///
/// P(F ≤ f) = I_{d₁f/(d₁f + d₂)}(d₁/2, d₂/2) (Abramowitz & Stegun 26.6.2), with the regularized
/// incomplete beta function of ``IncompleteBeta``.
struct FDistribution: Sendable {
    let numerator: Double
    let denominator: Double

    /// P(F ≤ f); 0 for f ≤ 0.
    func cumulative(_ f: Double) -> Double {
        guard f > 0 else { return 0 }
        let x = numerator * f / (numerator * f + denominator)
        return IncompleteBeta.regularized(x: x, a: numerator / 2, b: denominator / 2).lower
    }

    /// P(F > f), the p-value of an F test, computed without cancellation in the upper tail.
    func upperTail(_ f: Double) -> Double {
        guard f > 0 else { return 1 }
        // 1 − I_x(a, b) = I_{1−x}(b, a) with 1 − x = d₂/(d₁f + d₂), exact in floating point.
        let complement = denominator / (numerator * f + denominator)
        return IncompleteBeta.regularized(x: complement, a: denominator / 2, b: numerator / 2).lower
    }

    /// The quantile F_p for 0 ≤ p < 1; NaN otherwise. From the beta quantile: if X ~ Beta(d₁/2, d₂/2)
    /// then d₂X / (d₁(1 − X)) ~ F(d₁, d₂) (Abramowitz & Stegun 26.6.2 and 26.5.27).
    func quantile(_ p: Double) -> Double {
        guard p < 1 else { return .nan }
        let beta = BetaDistribution.quantileAndComplement(p, a: numerator / 2, b: denominator / 2)
        return denominator * beta.quantile / (numerator * beta.complement)
    }
}
