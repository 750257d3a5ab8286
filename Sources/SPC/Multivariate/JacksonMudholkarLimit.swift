#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The upper limit of the squared prediction error (SPE, Q) of a PCA model.
///
/// Jackson & Mudholkar, *Technometrics* 21(3), 1979, eq. 3.4: with θᵢ = Σ_{j>k} λⱼⁱ (i = 1, 2, 3)
/// over the discarded eigenvalues, h₀ = 1 − 2θ₁θ₃/(3θ₂²) and c = Φ⁻¹(1 − α),
/// Q_α = θ₁ [c √(2θ₂h₀²)/θ₁ + 1 + θ₂h₀(h₀ − 1)/θ₁²]^(1/h₀).
enum JacksonMudholkarLimit {
    /// Q_α for the discarded eigenvalues `residualEigenvalues` (negative rounding noise counts as 0);
    /// nil when they are all zero or the formula has no finite value.
    static func limit(residualEigenvalues: some Sequence<Double>, alpha: Double) -> Double? {
        var theta = (0.0, 0.0, 0.0)
        for eigenvalue in residualEigenvalues {
            let lambda = max(0, eigenvalue)
            theta.0 += lambda
            theta.1 += lambda * lambda
            theta.2 += lambda * lambda * lambda
        }
        guard theta.0 > 0, theta.1 > 0 else { return nil }
        let h0 = 1 - 2 * theta.0 * theta.2 / (3 * theta.1 * theta.1)
        let c = NormalDistribution.quantile(1 - alpha)
        let base = c * (2 * theta.1 * h0 * h0).squareRoot() / theta.0 + 1 + theta.1 * h0 * (h0 - 1) / (theta.0 * theta.0)
        let limit = theta.0 * pow(base, 1 / h0)
        guard h0 != 0, base > 0, limit.isFinite else { return nil }
        return limit
    }
}
