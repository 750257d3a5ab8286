import Historian
import RegularExpression

/// The tag part of a `WHERE`, with its regular expressions compiled once, applied to series. A tag
/// a series lacks reads as the empty string and regular expressions match anywhere in the value,
/// as in InfluxDB.
struct InfluxQLTagFilter {
    private indirect enum Node {
        case equals(key: String, value: String, negated: Bool)
        case matches(key: String, regex: RegularExpression, negated: Bool)
        case all([Node])
        case any([Node])
    }

    private let root: Node?

    /// - Throws: ``InfluxQLError/invalid(_:)`` for a regular expression that does not compile.
    init(_ predicate: InfluxQLTagPredicate?) throws(InfluxQLError) {
        root = try predicate.map { predicate throws(InfluxQLError) in try Self.compile(predicate) }
    }

    private static func compile(_ predicate: InfluxQLTagPredicate) throws(InfluxQLError) -> Node {
        switch predicate {
        case .condition(let condition):
            switch condition.operator {
            case .equals, .notEquals:
                return .equals(key: condition.key, value: condition.value, negated: condition.operator == .notEquals)
            case .matches, .notMatches:
                return .matches(key: condition.key, regex: try NameMatcher.compile(condition.value), negated: condition.operator == .notMatches)
            }
        case .all(let parts): return .all(try parts.map { part throws(InfluxQLError) in try compile(part) })
        case .any(let parts): return .any(try parts.map { part throws(InfluxQLError) in try compile(part) })
        }
    }

    func accepts(_ series: Series) -> Bool {
        root.map { Self.evaluate($0, series) } ?? true
    }

    private static func evaluate(_ node: Node, _ series: Series) -> Bool {
        switch node {
        case .equals(let key, let value, let negated): return (series.key.tag(key) ?? "" == value) != negated
        case .matches(let key, let regex, let negated): return regex.matchesPart(of: series.key.tag(key) ?? "") != negated
        case .all(let parts): return parts.allSatisfy { evaluate($0, series) }
        case .any(let parts): return parts.contains { evaluate($0, series) }
        }
    }
}
