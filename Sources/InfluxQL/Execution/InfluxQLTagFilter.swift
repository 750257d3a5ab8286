import Historian
import Query
import RegularExpression

/// The tag part of a `WHERE` as the query layer's ``SeriesPredicate``: a tag a series lacks reads
/// as the empty string and regular expressions match anywhere in the value, as in InfluxDB.
enum InfluxQLTagFilter {
    /// The predicate of `predicate`, nil for none.
    /// - Throws: ``InfluxQLError/invalid(_:)`` for a regular expression that does not compile.
    static func predicate(_ predicate: InfluxQLTagPredicate?) throws(InfluxQLError) -> SeriesPredicate? {
        try predicate.map { predicate throws(InfluxQLError) in try convert(predicate) }
    }

    private static func convert(_ predicate: InfluxQLTagPredicate) throws(InfluxQLError) -> SeriesPredicate {
        switch predicate {
        case .condition(let condition):
            let test: SeriesPredicate
            switch condition.operator {
            case .equals, .notEquals: test = .tag(condition.key, .equals(condition.value))
            case .matches, .notMatches: test = .tag(condition.key, .matchesPart(try NameMatcher.compile(condition.value)))
            }
            return condition.operator == .notEquals || condition.operator == .notMatches ? .not(test) : test
        case .all(let parts): return .all(try parts.map { part throws(InfluxQLError) in try convert(part) })
        case .any(let parts): return .any(try parts.map { part throws(InfluxQLError) in try convert(part) })
        }
    }
}
