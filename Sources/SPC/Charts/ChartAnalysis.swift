/// A computed Shewhart or EWMA chart: the main panel, the dispersion panel of a pair, and how the
/// limits were obtained.
public struct ChartAnalysis: Sendable, Equatable {
    /// The kind of chart.
    public var type: ChartType
    /// X-bar, individuals, p, np, c, u or EWMA panel.
    public var primary: ControlChart
    /// R, S or MR panel of the X-bar/R, X-bar/S and I-MR pairs.
    public var secondary: ControlChart?
    /// The process center used: μ for variables charts, p̄, c̄ or ū for attribute charts.
    public var processCenter: Double
    /// The process standard deviation: σ for variables charts, √(p̄(1−p̄)) for p and np, √c̄ or √ū
    /// for c and u (the standard deviation of one item or unit, as qcc reports it).
    public var sigma: Double
    /// How `sigma` was obtained.
    public var sigmaMethod: SigmaMethod
    /// The rows that estimated the limits.
    public var phaseOne: Range<Int>
    /// Phase I rows dropped as out of control before the final estimate (ascending).
    public var excluded: [Int]
    /// λ and L of an EWMA chart; nil for the other charts.
    public var smoothing: EWMASmoothing?
    /// Laney's σ_z, the spread of the standardized counts (MR̄(z)/d2(2)); nil for the other charts.
    public var laneySigmaZ: Double? = nil
    /// The distribution fitted to a t chart's phase I times; nil for the other charts.
    public var timeBetweenEvents: TimeBetweenEventsFit? = nil
    /// The per-part estimates of a Z-MR chart; nil for the other charts.
    public var shortRun: ShortRunEstimates? = nil
}
