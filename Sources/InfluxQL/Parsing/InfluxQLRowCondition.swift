import Historian

/// The part of a `WHERE` tested on each row: conditions on field values (`"temp" > 70`,
/// `"state" = 3`, `"ok" = true`) and the tag conditions joined to them by AND and OR. A field a
/// row lacks fails every comparison, as in InfluxDB.
package indirect enum InfluxQLRowCondition: Equatable, Sendable {
    case field(String, Comparison, Operand)
    case tag(InfluxQLSelect.TagCondition)
    /// A condition written like a tag's (`'text'`, `/re/`) on a string field of that name.
    case text(InfluxQLSelect.TagCondition)
    case all([InfluxQLRowCondition])
    case any([InfluxQLRowCondition])

    /// How a field's value is compared with the operand.
    package enum Comparison: String, Equatable, Sendable {
        case equals = "=", notEquals = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    }

    /// What a field's value is compared with.
    package enum Operand: Equatable, Sendable {
        case number(Double)
        case boolean(Bool)
    }

    /// The fields the condition reads.
    var fields: Set<String> {
        switch self {
        case .field(let name, _, _): [name]
        case .text(let condition): [condition.key]
        case .tag: []
        case .all(let parts), .any(let parts): parts.reduce(into: Set<String>()) { $0.formUnion($1.fields) }
        }
    }

    /// The keys its tag conditions name.
    var tagKeys: Set<String> {
        switch self {
        case .field, .text: []
        case .tag(let condition): [condition.key]
        case .all(let parts), .any(let parts): parts.reduce(into: Set<String>()) { $0.formUnion($1.tagKeys) }
        }
    }

    /// Whether a row with these tag and field values satisfies the condition; `matches` tests a
    /// tag condition against a text, the tag's value or a string field's (regular expressions are
    /// compiled by the caller), `tag` gives a tag's value.
    func accepts(field value: (String) -> SampleValue?, tag: (String) -> String, matches: (InfluxQLSelect.TagCondition, String) -> Bool) -> Bool {
        switch self {
        case .field(let name, let comparison, let operand):
            guard let value = value(name) else { return false }
            return Self.compare(value, comparison, operand)
        case .tag(let condition): return matches(condition, tag(condition.key))
        case .text(let condition):
            guard case .string(let text)? = value(condition.key) else { return false }
            return matches(condition, text)
        case .all(let parts): return parts.allSatisfy { $0.accepts(field: value, tag: tag, matches: matches) }
        case .any(let parts): return parts.contains { $0.accepts(field: value, tag: tag, matches: matches) }
        }
    }

    /// The condition with its tag conditions on `fields` (names that are fields and not tags of
    /// the measurement) read as conditions on those string fields.
    func reading(textOf fields: Set<String>) -> InfluxQLRowCondition {
        switch self {
        case .tag(let condition) where fields.contains(condition.key): .text(condition)
        case .field, .tag, .text: self
        case .all(let parts): .all(parts.map { $0.reading(textOf: fields) })
        case .any(let parts): .any(parts.map { $0.reading(textOf: fields) })
        }
    }

    /// The tag conditions of `predicate` as a row condition.
    init(_ predicate: InfluxQLTagPredicate) {
        switch predicate {
        case .condition(let condition): self = .tag(condition)
        case .all(let parts): self = .all(parts.map(InfluxQLRowCondition.init))
        case .any(let parts): self = .any(parts.map(InfluxQLRowCondition.init))
        }
    }

    private static func compare(_ value: SampleValue, _ comparison: Comparison, _ operand: Operand) -> Bool {
        switch (value, operand) {
        case (.boolean(let flag), .boolean(let wanted)):
            switch comparison {
            case .equals: return flag == wanted
            case .notEquals: return flag != wanted
            default: return false
            }
        case (.boolean, _), (_, .boolean), (.string, _): return false
        case (.float(let number), .number(let wanted)): return compare(number, comparison, wanted)
        case (.integer(let number), .number(let wanted)): return compare(Double(number), comparison, wanted)
        case (.unsigned(let number), .number(let wanted)): return compare(Double(number), comparison, wanted)
        }
    }

    private static func compare(_ number: Double, _ comparison: Comparison, _ wanted: Double) -> Bool {
        switch comparison {
        case .equals: number == wanted
        case .notEquals: number != wanted
        case .less: number < wanted
        case .lessOrEqual: number <= wanted
        case .greater: number > wanted
        case .greaterOrEqual: number >= wanted
        }
    }
}
