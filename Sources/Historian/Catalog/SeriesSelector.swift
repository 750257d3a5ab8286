import RegularExpression

/// Chooses series by measurement, tag conditions and optionally field.
public struct SeriesSelector: Sendable {
    /// A condition on one tag.
    public enum TagCondition: Sendable {
        /// The tag equals the value.
        case equals(String)
        /// The whole tag value matches a regular expression (RE2 syntax, matched in linear time; see
        /// `RegularExpression`); a missing tag never matches.
        case matches(String)
    }

    /// The measurement, matched exactly.
    public var measurement: String
    /// Conditions that must all hold.
    public var tags: [(key: String, condition: TagCondition)]
    /// The field, or nil for every field.
    public var field: String?
    private let compiled: [Int: RegularExpression]

    /// Creates a selector. Throws ``QueryError/invalidRegex`` when a `.matches` pattern does not compile.
    public init(measurement: String, tags: [(key: String, condition: TagCondition)] = [], field: String? = nil) throws(QueryError) {
        self.measurement = measurement
        self.tags = tags
        self.field = field
        var compiled: [Int: RegularExpression] = [:]
        for (index, tag) in tags.enumerated() {
            if case .matches(let pattern) = tag.condition {
                do {
                    compiled[index] = try RegularExpression(pattern)
                } catch {
                    throw .invalidRegex(pattern: pattern, reason: error.reason + " at offset \(error.offset)")
                }
            }
        }
        self.compiled = compiled
    }

    /// Whether `key` is selected. Costs at most ``RegularExpression/maximumProgramSize`` steps per
    /// character of each matched tag value.
    func matches(_ key: SeriesKey) -> Bool {
        guard key.measurement == measurement, field == nil || key.field == field else { return false }
        for (index, tag) in tags.enumerated() {
            guard let value = key.tag(tag.key) else { return false }
            switch tag.condition {
            case .equals(let expected):
                if value != expected { return false }
            case .matches:
                guard let pattern = compiled[index], pattern.matchesWhole(value) else { return false }
            }
        }
        return true
    }
}
