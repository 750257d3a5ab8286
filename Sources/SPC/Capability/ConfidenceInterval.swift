/// A two-sided confidence interval.
public struct ConfidenceInterval: Sendable, Equatable {
    /// Confidence level, e.g. 0.95.
    public var level: Double
    /// Lower bound.
    public var lower: Double
    /// Upper bound.
    public var upper: Double
}
