import Historian
import RegularExpression

/// A ``InfluxQLRowCondition`` ready to test rows: its regular expressions compiled once. A tag a
/// series lacks reads as the empty string, and regular expressions match anywhere, as in InfluxDB.
struct InfluxQLRowTest {
    private let condition: InfluxQLRowCondition
    private let patterns: [String: RegularExpression]

    /// - Throws: ``InfluxQLError/invalid(_:)`` for a regular expression that does not compile.
    init(_ condition: InfluxQLRowCondition) throws(InfluxQLError) {
        var patterns: [String: RegularExpression] = [:]
        func collect(_ condition: InfluxQLRowCondition) throws(InfluxQLError) {
            switch condition {
            case .field: break
            case .tag(let tag), .text(let tag):
                if tag.operator == .matches || tag.operator == .notMatches, patterns[tag.value] == nil {
                    patterns[tag.value] = try NameMatcher.compile(tag.value)
                }
            case .all(let parts), .any(let parts):
                for part in parts { try collect(part) }
            }
        }
        try collect(condition)
        self.condition = condition
        self.patterns = patterns
    }

    /// Whether the row of a series with `tags` whose fields have the values `value` gives passes.
    func accepts(tags: [SeriesKey.Tag], field value: (String) -> SampleValue?) -> Bool {
        condition.accepts(field: value, tag: { key in tags.first { $0.key == key }?.value ?? "" }) { tag, actual in
            switch tag.operator {
            case .equals: return actual == tag.value
            case .notEquals: return actual != tag.value
            case .matches: return patterns[tag.value]?.matchesPart(of: actual) ?? false
            case .notMatches: return !(patterns[tag.value]?.matchesPart(of: actual) ?? false)
            }
        }
    }
}
