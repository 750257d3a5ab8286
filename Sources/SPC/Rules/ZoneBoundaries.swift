/// The zone boundaries c ± σ, c ± 2σ, c ± 3σ of one point of a chart.
///
/// Points are compared with these values directly (not through z = (x − c)/σ), so that a point equal
/// to a reported limit c + 3σ is exactly "on" it and never beyond it.
public struct ZoneBoundaries: Sendable, Equatable {
    /// The center line c.
    public var center: Double
    /// c + σ, c + 2σ, c + 3σ.
    public var upper1: Double
    public var upper2: Double
    public var upper3: Double
    /// c − σ, c − 2σ, c − 3σ.
    public var lower1: Double
    public var lower2: Double
    public var lower3: Double

    /// Boundaries for a statistic with center `center` and standard deviation `sigma`.
    @inlinable
    public init(center: Double, sigma: Double) {
        // + 0.0 turns a -0.0 center into +0.0, which the branch-free comparisons of RunRuleState need.
        let center = center + 0.0
        self.center = center
        upper1 = center + sigma
        upper2 = center + 2 * sigma
        upper3 = center + 3 * sigma
        lower1 = center - sigma
        lower2 = center - 2 * sigma
        lower3 = center - 3 * sigma
    }
}
