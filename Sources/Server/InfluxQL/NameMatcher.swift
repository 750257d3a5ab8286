/// `= name`, `IN (...)`, `=~ /re/`, `!~ /re/` applied to names; nil accepts all. Regular
/// expressions match anywhere in the name, as in InfluxDB.
struct NameMatcher {
    private let filter: InfluxQLNameFilter?
    private let regex: Regex<AnyRegexOutput>?

    init(_ filter: InfluxQLNameFilter?) throws(InfluxQLError) {
        self.filter = filter
        switch filter {
        case .matches(let pattern), .notMatches(let pattern): regex = try Self.compile(pattern)
        default: regex = nil
        }
    }

    static func compile(_ pattern: String) throws(InfluxQLError) -> Regex<AnyRegexOutput> {
        do {
            return try Regex(pattern)
        } catch {
            throw .invalid("invalid regular expression /\(pattern)/: \(error)")
        }
    }

    func accepts(_ name: String) -> Bool {
        switch filter {
        case nil: true
        case .equals(let names): names.contains(name)
        case .matches: regex.map { name.contains($0) } ?? false
        case .notMatches: regex.map { !name.contains($0) } ?? true
        }
    }
}
