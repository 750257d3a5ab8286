/// Parts per million outside the specification, below the LSL and above the USL.
public struct PartsPerMillion: Sendable, Equatable {
    /// PPM below the LSL (0 without a LSL).
    public var below: Double
    /// PPM above the USL (0 without a USL).
    public var above: Double

    /// below + above.
    public var total: Double { below + above }

    public init(below: Double, above: Double) {
        self.below = below
        self.above = above
    }

    /// Expected PPM of a normal process N(mean, sigma²): 10⁶·Φ((LSL − μ)/σ) and 10⁶·Φ((μ − USL)/σ)
    /// (Montgomery, Introduction to Statistical Quality Control, 7th ed., §8.3.2 and Table 8.2).
    static func expected(mean: Double, sigma: Double, specification: SpecificationLimits) -> PartsPerMillion {
        let below = specification.lower.map { 1e6 * NormalDistribution.cumulative(($0 - mean) / sigma) } ?? 0
        let above = specification.upper.map { 1e6 * NormalDistribution.cumulative((mean - $0) / sigma) } ?? 0
        return PartsPerMillion(below: below, above: above)
    }
}
