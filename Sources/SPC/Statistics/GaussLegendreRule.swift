#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The n-point Gauss–Legendre quadrature rule on an interval [a, b]: ∫ₐᵇ f(x) dx ≈ Σᵢ wᵢ f(xᵢ),
/// exact for polynomials of degree up to 2n − 1.
///
/// The nodes are the roots of the Legendre polynomial Pₙ, found by Newton's method from the
/// Chebyshev-like start cos(π(i − 1/4)/(n + 1/2)), with weights 2/((1 − x²)Pₙ′(x)²)
/// (Abramowitz & Stegun, Handbook of Mathematical Functions, 25.4.29; Press et al., Numerical
/// Recipes, 3rd ed., §4.6.1).
struct GaussLegendreRule: Sendable {
    /// The nodes xᵢ in [a, b], ascending.
    let nodes: [Double]
    /// The weights wᵢ, summing to b − a.
    let weights: [Double]

    init(count: Int, from lower: Double, to upper: Double) {
        var nodes = [Double](repeating: 0, count: count)
        var weights = [Double](repeating: 0, count: count)
        let half = (upper - lower) / 2
        let middle = (upper + lower) / 2
        let size = Double(count)
        for i in 0..<(count + 1) / 2 {
            var x = cos(Double.pi * (Double(i) + 0.75) / (size + 0.5))
            var derivative = 0.0
            for _ in 0..<100 {
                // Pₙ(x) by the three-term recurrence (j + 1)Pⱼ₊₁ = (2j + 1)xPⱼ − jPⱼ₋₁.
                var current = 1.0
                var previous = 0.0
                for j in 0..<count {
                    let next = ((2 * Double(j) + 1) * x * current - Double(j) * previous) / (Double(j) + 1)
                    previous = current
                    current = next
                }
                derivative = size * (x * current - previous) / (x * x - 1)
                let step = current / derivative
                x -= step
                if abs(step) <= 1e-15 { break }
            }
            let weight = 2 / ((1 - x * x) * derivative * derivative)
            nodes[i] = middle - half * x
            nodes[count - 1 - i] = middle + half * x
            weights[i] = half * weight
            weights[count - 1 - i] = half * weight
        }
        self.nodes = nodes
        self.weights = weights
    }
}
