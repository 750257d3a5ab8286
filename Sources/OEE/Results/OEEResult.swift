/// OEE, its factors, TEEP, the loss breakdown and the ISO 22400-2 indicators of a set of figures.
///
/// Definitions (S. Nakajima, "Introduction to TPM", Productivity Press, 1988; ISO 22400-2:2014 availability,
/// effectiveness, quality ratio and OEE index):
/// - availability = run time / planned production time (nil when planned time is 0);
/// - performance = ideal cycle time x total / run time (nil when run time is 0);
/// - quality = good / total (nil when the total is 0);
/// - OEE = ideal cycle time x good / planned production time (fully productive time over planned
///   time), 0 when planned time is positive and nothing good was made;
/// - OEE index = A x P x Q (nil when a factor is nil). It equals OEE for one product; when products
///   with different ideal cycle times have different reject rates the two differ, because
///   P x Q = (ideal x total / run) x (good / total) weighs rejects by the average ideal cycle time;
/// - TEEP = ideal cycle time x good / calendar time (nil when calendar time is 0). TEEP is not an
///   ISO 22400-2 indicator.
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
    /// Availability x performance x quality.
    public let oeeIndex: Double?
    /// Ideal cycle time x good / calendar time (not an ISO 22400-2 indicator).
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
        if let availability, let performance, let quality {
            oeeIndex = availability * performance * quality
        } else {
            oeeIndex = nil
        }
        teep = ratio(figures.idealTimeOfGood, figures.calendarTime)
        losses = LossBreakdown(figures: figures)
        iso22400 = ISO22400Indicators(figures: figures)
    }
}
