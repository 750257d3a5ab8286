/// How a control chart estimates its limits and which rules it evaluates.
public struct ChartOptions: Sendable, Equatable {
    /// Rows (0-based, half-open) that estimate the limits (phase I); nil means all rows. Rows outside
    /// the window are plotted against the frozen limits (phase II).
    public var phaseOne: Range<Int>?
    /// Whether to drop phase I points beyond the limits (on either chart of a pair) and re-estimate,
    /// repeatedly, until none is left (Montgomery 7th ed. §6.2.1, "trial control limits").
    /// Shewhart charts only.
    public var dropOutOfControl: Bool
    /// Known parameters that replace the phase I estimates.
    public var standards: KnownStandards?
    /// The σ estimator; nil picks the chart's default (rbar for X-bar/R, sbar for X-bar/S, mr for
    /// individuals, EWMA and CUSUM).
    public var sigmaMethod: SigmaMethod?
    /// The run rules to evaluate on Shewhart charts (R, S and MR charts get the first four of the set).
    public var rules: RunRuleSet

    public init(
        phaseOne: Range<Int>? = nil,
        dropOutOfControl: Bool = false,
        standards: KnownStandards? = nil,
        sigmaMethod: SigmaMethod? = nil,
        rules: RunRuleSet = .none
    ) {
        self.phaseOne = phaseOne
        self.dropOutOfControl = dropOutOfControl
        self.standards = standards
        self.sigmaMethod = sigmaMethod
        self.rules = rules
    }
}
