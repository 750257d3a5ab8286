/// What a rule's violation on a live chart means to the people watching it.
public enum RuleSeverity: String, Sendable, Codable, CaseIterable {
    /// Evaluated but never reported.
    case ignore
    /// Reported as an episode to look at.
    case warning
    /// Reported as an episode to act on (the default).
    case alarm
}
