/// One Shewhart panel evaluated point by point: limits center ± 3σ_stat, beyond, run rules.
/// Both the batch `ControlChart` and the live monitors use it, so they agree bit for bit.
struct ShewhartTrack: Sendable, Codable {
    private var rules: RunRuleState
    private let clipLowerAtZero: Bool

    init(rules: RunRuleSet, clipLowerAtZero: Bool, firstIndex: Int = 0) {
        self.rules = RunRuleState(rules: rules, firstIndex: firstIndex)
        self.clipLowerAtZero = clipLowerAtZero
    }

    var nextIndex: Int { rules.nextIndex }

    static func limits(center: Double, sigma: Double, clipLowerAtZero: Bool) -> (lower: Double, upper: Double) {
        let zones = ZoneBoundaries(center: center, sigma: sigma)
        return (clipLowerAtZero ? max(0, zones.lower3) : zones.lower3, zones.upper3)
    }

    mutating func add(_ value: Double, center: Double, sigma: Double) -> MonitorSignal {
        let index = rules.nextIndex
        let (lower, upper) = Self.limits(center: center, sigma: sigma, clipLowerAtZero: clipLowerAtZero)
        var violations: [RuleViolation] = []
        rules.evaluate(value, zones: ZoneBoundaries(center: center, sigma: sigma), into: &violations)
        return MonitorSignal(
            index: index, statistic: value, center: center, lower: lower, upper: upper,
            isBeyond: value > upper || value < lower, violations: violations)
    }
}
