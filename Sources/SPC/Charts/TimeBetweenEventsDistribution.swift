/// The distribution a t chart fits to the times between events.
public enum TimeBetweenEventsDistribution: String, Sendable, CaseIterable, Codable {
    /// Exponential, λ̂ = 1/mean (events at a constant rate: a Poisson process).
    case exponential
    /// Two-parameter Weibull by maximum likelihood (a rate that rises or falls with time since the last event).
    case weibull
}
