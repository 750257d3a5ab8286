import Historian

/// The tag conditions of a `WHERE`, compiled once and applied to series. A tag a series lacks
/// reads as the empty string and regular expressions match anywhere in the value, as in InfluxDB.
struct InfluxQLTagFilter {
    private let conditions: [(condition: InfluxQLSelect.TagCondition, regex: Regex<AnyRegexOutput>?)]

    /// - Throws: ``InfluxQLError/invalid(_:)`` for a regular expression that does not compile.
    init(_ conditions: [InfluxQLSelect.TagCondition]) throws(InfluxQLError) {
        var compiled: [(InfluxQLSelect.TagCondition, Regex<AnyRegexOutput>?)] = []
        for condition in conditions {
            switch condition.operator {
            case .matches, .notMatches: compiled.append((condition, try NameMatcher.compile(condition.value)))
            case .equals, .notEquals: compiled.append((condition, nil))
            }
        }
        self.conditions = compiled
    }

    func accepts(_ series: Series) -> Bool {
        conditions.allSatisfy { condition, regex in
            let value = series.key.tag(condition.key) ?? ""
            switch condition.operator {
            case .equals: return value == condition.value
            case .notEquals: return value != condition.value
            case .matches: return regex.map { value.contains($0) } ?? false
            case .notMatches: return regex.map { !value.contains($0) } ?? true
            }
        }
    }
}
