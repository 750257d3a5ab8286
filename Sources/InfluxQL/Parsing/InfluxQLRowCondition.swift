import Historian

/// The part of a `WHERE` tested on each row: conditions on field values (`"temp" > 70`,
/// `"state" = 3`, `"ok" = true`) and the tag conditions joined to them by AND and OR. A field a
/// row lacks fails every comparison, as in InfluxDB.
package indirect enum InfluxQLRowCondition: Equatable, Sendable {
    case field(String, Comparison, Operand)
    case tag(InfluxQLSelect.TagCondition)
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
        case .tag: []
        case .all(let parts), .any(let parts): parts.reduce(into: Set<String>()) { $0.formUnion($1.fields) }
        }
    }

    /// Whether a row with these tag and field values satisfies the condition; `tagMatches` tests
    /// one tag condition (regular expressions are compiled by the caller).
    func accepts(field value: (String) -> SampleValue?, tagMatches: (InfluxQLSelect.TagCondition) -> Bool) -> Bool {
        switch self {
        case .field(let name, let comparison, let operand):
            guard let value = value(name) else { return false }
            return Self.compare(value, comparison, operand)
        case .tag(let condition): return tagMatches(condition)
        case .all(let parts): return parts.allSatisfy { $0.accepts(field: value, tagMatches: tagMatches) }
        case .any(let parts): return parts.contains { $0.accepts(field: value, tagMatches: tagMatches) }
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
