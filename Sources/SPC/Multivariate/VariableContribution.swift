/// One variable's share of a multivariate statistic at one point.
public struct VariableContribution: Sendable, Equatable {
    /// The variable's name.
    public var variable: String
    /// Its term: (xⱼ − x̄ⱼ)²/sⱼⱼ for T² (times n for subgroups), the squared residual for SPE.
    public var value: Double
}
