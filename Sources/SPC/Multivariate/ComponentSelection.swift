/// How many principal components a ``PCAChart`` keeps.
public enum ComponentSelection: Sendable, Equatable {
    /// Exactly this many components.
    case count(Int)
    /// The fewest components whose phase I correlation-matrix eigenvalues reach this fraction
    /// (0 < fraction ≤ 1) of their sum.
    case varianceFraction(Double)
}
