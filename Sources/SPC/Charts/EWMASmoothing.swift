/// The parameters of an EWMA chart.
public struct EWMASmoothing: Sendable, Equatable {
    /// Weight λ of the newest value, 0 < λ ≤ 1.
    public var lambda: Double
    /// Limit width L in σ of the EWMA statistic.
    public var width: Double
}
