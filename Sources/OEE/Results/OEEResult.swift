/// OEE, its factors, TEEP, the loss breakdown and the ISO 22400-2 indicators of a set of figures.
///
/// Definitions (S. Nakajima, "Introduction to TPM", Productivity Press, 1988; ISO 22400-2:2014 availability,
/// effectiveness, quality ratio and OEE index):
/// - availability = run time / planned production time (nil when planned time is 0);
/// - performance = ideal cycle time x total / run time (nil when run time is 0);
/// - quality = good / total (nil when the total is 0);
/// - OEE = ideal cycle time x good / planned production time, which equals A x P x Q whenever all
///   three are defined, and is 0 when planned time is positive and nothing good was made;
/// - TEEP = ideal cycle time x good / calendar time (nil when calendar time is 0).
public struct OEEResult: Equatable, Sendable {
    /// The sums the result is computed from.
    public let figures: OEEFigures
    /// Run time / planned production time.
    public let availability: Double?
    /// Ideal cycle time x total / run time.
    public let performance: Double?
    /// Good / total.
    public let quality: Double?
    /// Ideal cycle time x good / planned production time.
    public let oee: Double?
    /// Ideal cycle time x good / calendar time.
    public let teep: Double?
    /// Where the planned production time went.
    public let losses: LossBreakdown
    /// ISO 22400-2 indicators.
    public let iso22400: ISO22400Indicators

    /// Computes the result of `figures`.
    public init(figures: OEEFigures) {
        self.figures = figures
        availability = ratio(figures.runTime, figures.plannedProductionTime)
        performance = ratio(figures.idealTimeOfTotal, figures.runTime)
        quality = ratio(figures.good, figures.total)
        oee = ratio(figures.idealTimeOfGood, figures.plannedProductionTime)
        teep = ratio(figures.idealTimeOfGood, figures.calendarTime)
        losses = LossBreakdown(figures: figures)
        iso22400 = ISO22400Indicators(figures: figures)
    }
}
