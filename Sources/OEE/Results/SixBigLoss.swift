/// The six big losses of TPM (S. Nakajima, "Introduction to TPM", Productivity Press, 1988).
public enum SixBigLoss: String, CaseIterable, Hashable, Sendable {
    /// Breakdowns: availability loss.
    case equipmentFailure = "equipment_failure"
    /// Setup and adjustment: availability loss.
    case setupAndAdjustment = "setup_and_adjustment"
    /// Idling and minor stops: small stops (performance loss), plus stop reasons mapped here.
    case idlingAndMinorStops = "idling_and_minor_stops"
    /// Reduced speed: the speed part of the performance loss.
    case reducedSpeed = "reduced_speed"
    /// Process defects: ideal cycle time x rejects (quality loss).
    case processDefects = "process_defects"
    /// Reduced yield (start-up rejects): not told apart from other rejects here, always 0.
    case reducedYield = "reduced_yield"
}
