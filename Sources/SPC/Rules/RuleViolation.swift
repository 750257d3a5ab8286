/// One firing of a run rule.
public struct RuleViolation: Sendable, Hashable, Codable {
    /// The rule that fired.
    public var rule: RunRule
    /// The 0-based index of the point that completes the pattern.
    public var index: Int
    /// The 0-based indices, ascending, of the points that form the pattern: the whole run for run
    /// and trend rules, the points beyond for the k-of-m rules (they include `index`).
    public var points: [Int]

    public init(rule: RunRule, index: Int, points: [Int]) {
        self.rule = rule
        self.index = index
        self.points = points
    }
}
