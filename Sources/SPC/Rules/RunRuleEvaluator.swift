/// Batch evaluation of run rules over a whole chart.
public enum RunRuleEvaluator {
    /// The violations of `rules` over `values` with the same zones for every point, ordered by index
    /// and then by rule.
    ///
    /// - Parameters:
    ///   - values: the plotted statistics (finite), point 0 first.
    ///   - zones: the zone boundaries shared by every point.
    ///   - rules: the rules to evaluate.
    ///   - firstIndex: the index of `values[0]` in the reported violations.
    public static func evaluate(
        _ values: [Double], zones: ZoneBoundaries, rules: RunRuleSet, firstIndex: Int = 0
    ) -> [RuleViolation] {
        var violations: [RuleViolation] = []
        guard !rules.isEmpty else { return violations }
        var state = RunRuleState(rules: rules, firstIndex: firstIndex)
        values.withUnsafeBufferPointer { buffer in
            state.evaluate(buffer, zones: zones, into: &violations)
        }
        return violations
    }

    /// The violations of `rules` over `values` with per-point zones (`zones[i]` for `values[i]`).
    public static func evaluate(
        _ values: [Double], zones: [ZoneBoundaries], rules: RunRuleSet, firstIndex: Int = 0
    ) -> [RuleViolation] {
        var violations: [RuleViolation] = []
        guard !rules.isEmpty else { return violations }
        var state = RunRuleState(rules: rules, firstIndex: firstIndex)
        for (value, zone) in zip(values, zones) {
            state.evaluate(value, zones: zone, into: &violations)
        }
        return violations
    }
}
