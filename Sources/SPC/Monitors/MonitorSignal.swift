/// What one new point of a live chart shows.
public struct MonitorSignal: Sendable, Equatable {
    /// 0-based index of the point in the monitored stream.
    public var index: Int
    /// The plotted statistic.
    public var statistic: Double
    /// Center line at this point.
    public var center: Double
    /// Lower control limit at this point (clipped at 0 where the chart clips).
    public var lower: Double
    /// Upper control limit at this point.
    public var upper: Double
    /// Whether the statistic is strictly beyond a limit.
    public var isBeyond: Bool
    /// The run-rule violations that this point completes.
    public var violations: [RuleViolation]
}
