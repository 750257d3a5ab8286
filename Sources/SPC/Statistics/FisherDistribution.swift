/// Snedecor's F distribution F(d1, d2) with d1 and d2 degrees of freedom.
public enum FisherDistribution {
    /// The quantile F_p(d1, d2) for 0 ≤ p < 1 and positive degrees of freedom; NaN otherwise.
    ///
    /// From the beta quantile: if X ~ Beta(d1/2, d2/2) then d2·X / (d1·(1 − X)) ~ F(d1, d2)
    /// (Abramowitz & Stegun 26.6.2 and 26.5.27).
    public static func quantile(_ p: Double, numeratorDegrees d1: Double, denominatorDegrees d2: Double) -> Double {
        guard p < 1 else { return .nan }
        let beta = BetaDistribution.quantileAndComplement(p, a: d1 / 2, b: d2 / 2)
        return d2 * beta.quantile / (d1 * beta.complement)
    }
}
