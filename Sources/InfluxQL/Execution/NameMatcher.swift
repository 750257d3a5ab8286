import RegularExpression

/// `= name`, `IN (...)`, `=~ /re/`, `!~ /re/` applied to names; nil accepts all. Regular
/// expressions (RE2 syntax, matched in linear time) match anywhere in the name, as in InfluxDB.
struct NameMatcher {
    private let filter: InfluxQLNameFilter?
    private let regex: RegularExpression?

    init(_ filter: InfluxQLNameFilter?) throws(InfluxQLError) {
        self.filter = filter
        switch filter {
        case .matches(let pattern), .notMatches(let pattern): regex = try Self.compile(pattern)
        default: regex = nil
        }
    }

    static func compile(_ pattern: String) throws(InfluxQLError) -> RegularExpression {
        do {
            return try RegularExpression(pattern)
        } catch {
            throw .invalid("invalid regular expression: \(error)")
        }
    }

    func accepts(_ name: String) -> Bool {
        switch filter {
        case nil: true
        case .equals(let names): names.contains(name)
        case .matches: regex.map { $0.matchesPart(of: name) } ?? false
        case .notMatches: regex.map { !$0.matchesPart(of: name) } ?? true
        }
    }
}
