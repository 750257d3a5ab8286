/// A two-sided confidence interval.
public struct ConfidenceInterval: Sendable, Equatable {
    /// Confidence level, e.g. 0.95.
    public var level: Double
    public var lower: Double
    public var upper: Double
}
