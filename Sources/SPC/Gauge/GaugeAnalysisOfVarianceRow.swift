/// One line of a gauge study's ANOVA table, as Minitab prints it: the model with the interaction, or
/// without it when it is pooled into the error.
public struct GaugeAnalysisOfVarianceRow: Sendable, Equatable {
    /// `part`, `operator`, `operator_by_part`, `repeatability` (the error) or `total`.
    public var source: String
    public var degreesOfFreedom: Int
    public var sumOfSquares: Double
    /// nil for the total.
    public var meanSquare: Double?
    /// The F ratio and its p-value: part and operator against the interaction (or the pooled error
    /// without it), the interaction against the error; nil for the error and the total.
    public var f: Double?
    public var p: Double?
}
