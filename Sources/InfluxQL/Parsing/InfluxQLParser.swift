import Historian
import Time

/// Parses the InfluxQL statements histd runs; `now` is the time `now()` stands for (ns).
package struct InfluxQLParser {
    /// Parentheses nested deeper than this are refused: the parser recurses once per level, and
    /// tens of thousands of levels overflowed its stack.
    static let maximumNesting = 100

    private let tokens: [InfluxQLToken]
    private var position = 0
    private var nesting = 0
    private let now: Int64

    /// The statements of `query`, separated by `;`.
    /// - Throws: ``InfluxQLError/syntax(_:)`` naming the offending token and its offset;
    ///   ``InfluxQLError/unsupported(_:)`` for InfluxQL that histd does not run.
    package static func parse(_ query: String, now: Int64) throws(InfluxQLError) -> [InfluxQLStatement] {
        var parser = InfluxQLParser(tokens: try InfluxQLLexer.tokens(query), now: now)
        var statements: [InfluxQLStatement] = []
        while true {
            while parser.skip(symbol: ";") {}
            if parser.current.kind == .end { break }
            statements.append(try parser.statement())
            if parser.current.kind != .end, !parser.current.isSymbol(";") {
                throw parser.unexpected("';' or the end of the query")
            }
        }
        guard !statements.isEmpty else { throw .syntax("empty query") }
        return statements
    }

    private init(tokens: [InfluxQLToken], now: Int64) {
        self.tokens = tokens
        self.now = now
    }

    private var current: InfluxQLToken { tokens[position] }

    /// The token after the current one (the end token at the end).
    private var next: InfluxQLToken { tokens[min(position + 1, tokens.count - 1)] }

    private mutating func advance() -> InfluxQLToken {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private mutating func skip(keyword: String) -> Bool {
        guard current.isKeyword(keyword) else { return false }
        position += 1
        return true
    }

    private mutating func skip(symbol: String) -> Bool {
        guard current.isSymbol(symbol) else { return false }
        position += 1
        return true
    }

    private mutating func expect(keyword: String) throws(InfluxQLError) {
        guard skip(keyword: keyword) else { throw unexpected(keyword.uppercased()) }
    }

    private mutating func expect(symbol: String) throws(InfluxQLError) {
        guard skip(symbol: symbol) else { throw unexpected("'\(symbol)'") }
    }

    private func unexpected(_ wanted: String) -> InfluxQLError {
        .syntax("found \(current.text), expected \(wanted) at offset \(current.offset)")
    }

    /// A name; InfluxQL's keywords are names only when double-quoted.
    private mutating func identifier() throws(InfluxQLError) -> String {
        if case .identifier(let text, let quoted) = current.kind, quoted || !Self.keywords.contains(text.uppercased()) {
            position += 1
            return text
        }
        throw unexpected("an identifier")
    }

    /// A name with an optional type cast (`"machine"::tag`, `"v"::field`), which Grafana writes;
    /// histd knows from its catalog which names are tags and fields.
    private mutating func reference() throws(InfluxQLError) -> String {
        let name = try identifier()
        if skip(symbol: "::") {
            guard case .identifier(let text, _) = current.kind else { throw unexpected("a type") }
            let type = text.lowercased()
            guard ["tag", "field", "float", "integer", "unsigned", "string", "boolean"].contains(type) else {
                throw .syntax("unknown type \(type) after '::'")
            }
            position += 1
        }
        return name
    }

    /// InfluxQL's reserved words (and AND, OR).
    private static let keywords: Set<String> = [
        "ALL", "ALTER", "AND", "ANY", "AS", "ASC", "BEGIN", "BY", "CREATE", "CONTINUOUS", "DATABASE", "DATABASES", "DEFAULT",
        "DELETE", "DESC", "DESTINATIONS", "DIAGNOSTICS", "DISTINCT", "DROP", "DURATION", "END", "EVERY", "EXPLAIN", "FIELD",
        "FOR", "FROM", "GRANT", "GRANTS", "GROUP", "GROUPS", "IN", "INF", "INSERT", "INTO", "KEY", "KEYS", "KILL", "LIMIT",
        "MEASUREMENT", "MEASUREMENTS", "NAME", "OFFSET", "ON", "OR", "ORDER", "PASSWORD", "POLICY", "POLICIES", "PRIVILEGES",
        "QUERIES", "QUERY", "READ", "REPLICATION", "RESAMPLE", "RETENTION", "REVOKE", "SELECT", "SERIES", "SET", "SHARD",
        "SHARDS", "SHOW", "SLIMIT", "SOFFSET", "STATS", "SUBSCRIPTION", "SUBSCRIPTIONS", "TAG", "TO", "USER", "USERS", "VALUES",
        "WHERE", "WITH", "WRITE",
    ]

    /// `name`, or the last part of `db.rp.name`.
    private mutating func measurementName() throws(InfluxQLError) -> String {
        if case .regex = current.kind { throw .unsupported("a regular expression after FROM; name one measurement") }
        var name = try identifier()
        while skip(symbol: ".") { name = try identifier() }
        return name
    }

    private mutating func integer() throws(InfluxQLError) -> Int {
        if case .number(let text) = current.kind, let value = Int(text), value >= 0 {
            position += 1
            return value
        }
        throw unexpected("a whole number")
    }

    private mutating func statement() throws(InfluxQLError) -> InfluxQLStatement {
        if skip(keyword: "select") { return .select(try select()) }
        if skip(keyword: "create") {
            try expect(keyword: "database")
            return .createDatabase(try identifier())
        }
        if skip(keyword: "show") { return try show() }
        if current.isKeyword("drop") || current.isKeyword("delete") || current.isKeyword("alter") || current.isKeyword("grant")
            || current.isKeyword("revoke") || current.isKeyword("kill")
        {
            throw .unsupported("\(current.text.uppercased()) statements; histd's admin API is /api/v1/admin")
        }
        throw unexpected("SELECT, SHOW or CREATE DATABASE")
    }

    private mutating func show() throws(InfluxQLError) -> InfluxQLStatement {
        if skip(keyword: "databases") { return .showDatabases }
        if skip(keyword: "retention") {
            try expect(keyword: "policies")
            try skipOnDatabase()
            return .showRetentionPolicies
        }
        if skip(keyword: "measurements") {
            try skipOnDatabase()
            var filter: InfluxQLNameFilter?
            if skip(keyword: "with") {
                try expect(keyword: "measurement")
                filter = try nameFilter()
            }
            return .showMeasurements(filter, limit: try limitClause())
        }
        if skip(keyword: "tag") {
            if skip(keyword: "keys") {
                try skipOnDatabase()
                let measurement = skip(keyword: "from") ? try measurementName() : nil
                _ = try limitClause()
                return .showTagKeys(measurement: measurement)
            }
            try expect(keyword: "values")
            try skipOnDatabase()
            let measurement = skip(keyword: "from") ? try measurementName() : nil
            try expect(keyword: "with")
            try expect(keyword: "key")
            let keys = try nameFilter()
            // Grafana narrows the values by the tags already chosen; time bounds do not apply here.
            var conditions = InfluxQLSelect(columns: [], measurement: measurement ?? "")
            if skip(keyword: "where") { try condition(into: &conditions) }
            _ = try limitClause()
            return .showTagValues(measurement: measurement, keys: keys, where: conditions.tagPredicate)
        }
        if skip(keyword: "field") {
            try expect(keyword: "keys")
            try skipOnDatabase()
            let measurement = skip(keyword: "from") ? try measurementName() : nil
            return .showFieldKeys(measurement: measurement)
        }
        throw unexpected("DATABASES, MEASUREMENTS, TAG KEYS, TAG VALUES, FIELD KEYS or RETENTION POLICIES")
    }

    /// `ON db`: the database comes from the `db` parameter; one named here is taken as said.
    private mutating func skipOnDatabase() throws(InfluxQLError) {
        if skip(keyword: "on") { _ = try identifier() }
    }

    private mutating func nameFilter() throws(InfluxQLError) -> InfluxQLNameFilter {
        if skip(symbol: "=") { return .equals([try identifier()]) }
        if skip(keyword: "in") {
            try expect(symbol: "(")
            var names = [try identifier()]
            while skip(symbol: ",") { names.append(try identifier()) }
            try expect(symbol: ")")
            return .equals(names)
        }
        let negated: Bool
        if skip(symbol: "=~") {
            negated = false
        } else if skip(symbol: "!~") {
            negated = true
        } else {
            throw unexpected("'=', IN, '=~' or '!~'")
        }
        guard case .regex(let pattern) = current.kind else { throw unexpected("a regular expression") }
        position += 1
        return negated ? .notMatches(pattern) : .matches(pattern)
    }

    private mutating func limitClause() throws(InfluxQLError) -> Int? {
        skip(keyword: "limit") ? try integer() : nil
    }

    // MARK: SELECT

    private mutating func select() throws(InfluxQLError) -> InfluxQLSelect {
        var columns = [try column()]
        while skip(symbol: ",") { columns.append(try column()) }
        try expect(keyword: "from")
        var statement = InfluxQLSelect(columns: columns, measurement: try measurementName())
        if statement.isAggregate, columns.contains(where: { $0.function == nil }) {
            throw .invalid("mixing aggregate and non-aggregate queries is not supported")
        }
        if skip(keyword: "where") { try condition(into: &statement) }
        if skip(keyword: "group") {
            try expect(keyword: "by")
            repeat { try groupBy(into: &statement) } while skip(symbol: ",")
        }
        if skip(keyword: "fill") { statement.fill = try fill() }
        if skip(keyword: "order") {
            try expect(keyword: "by")
            guard skip(keyword: "time") else { throw .unsupported("ORDER BY other than time") }
            if skip(keyword: "desc") { statement.descending = true } else { _ = skip(keyword: "asc") }
        }
        statement.limit = try limitClause()
        if statement.interval == nil, let column = statement.columns.first(where: { $0.transform != nil }) {
            throw .invalid("\(column.name)() needs GROUP BY time()")
        }
        for keyword in ["offset", "slimit", "soffset", "tz", "into"] where current.isKeyword(keyword) {
            throw .unsupported(keyword.uppercased())
        }
        return statement
    }

    private mutating func column() throws(InfluxQLError) -> InfluxQLSelect.Column {
        if skip(symbol: "*") { return .init(aggregate: nil, field: "*", name: "*") }
        let isCall = next.isSymbol("(")
        let name = isCall ? try identifier() : try reference()
        var column: InfluxQLSelect.Column
        if isCall, let transform = Self.transforms[name.lowercased()] {
            position += 1
            column = try transformed(transform, name: name.lowercased())
        } else if isCall {
            position += 1
            column = try call(name)
        } else {
            column = .init(aggregate: nil, field: name, name: name)
        }
        if skip(keyword: "as") { column.name = try identifier() }
        if ["+", "-", "*", "/"].contains(where: { current.isSymbol($0) }) { throw .unsupported("arithmetic on columns") }
        return column
    }

    /// `mean(v)`, `percentile(v, 95)`, after the function's name and opening parenthesis.
    private mutating func call(_ name: String) throws(InfluxQLError) -> InfluxQLSelect.Column {
        let function: InfluxQLSelect.Function
        switch name.lowercased() {
        case "spread": function = .spread
        case "median": function = .median
        case "percentile": function = .percentile(0)
        default:
            guard let aggregate = Self.functions[name.lowercased()] else {
                let known = (Array(Self.functions.keys) + Array(Self.transforms.keys) + ["median", "percentile", "spread"]).sorted()
                throw .unsupported("the function \(name)(); histd runs \(known.joined(separator: ", "))")
            }
            function = .aggregate(aggregate)
        }
        if current.isSymbol("*") { throw .unsupported("\(name)(*); name the field") }
        let field = try reference()
        var column = InfluxQLSelect.Column(function: function, field: field, name: name.lowercased())
        if case .percentile = function {
            try expect(symbol: ",")
            guard case .number(let text) = current.kind, let percentage = Double(text), percentage >= 0, percentage <= 100 else {
                throw unexpected("a percentage from 0 to 100")
            }
            position += 1
            column.function = .percentile(percentage)
        }
        try expect(symbol: ")")
        return column
    }

    /// `derivative(mean(v) [, 1s])` and the like, after the opening parenthesis.
    private mutating func transformed(_ kind: (derivative: Bool, nonNegative: Bool), name: String) throws(InfluxQLError) -> InfluxQLSelect.Column {
        let inner = try identifier()
        guard skip(symbol: "(") else {
            throw .unsupported("\(name)() of raw values; give it an aggregate: \(name)(mean(\"field\"))")
        }
        let innerColumn = try call(inner)
        var unit: Int64?
        if kind.derivative, skip(symbol: ",") {
            guard case .duration(let text) = current.kind, let nanoseconds = Self.nanoseconds(text), nanoseconds > 0 else {
                throw unexpected("a duration such as 1s")
            }
            position += 1
            unit = nanoseconds
        }
        try expect(symbol: ")")
        let transform: InfluxQLSelect.Transform =
            kind.derivative
            ? .derivative(unit: unit, nonNegative: kind.nonNegative) : .difference(nonNegative: kind.nonNegative)
        return .init(function: innerColumn.function, field: innerColumn.field, name: name, transform: transform)
    }

    private static let transforms: [String: (derivative: Bool, nonNegative: Bool)] = [
        "derivative": (true, false), "non_negative_derivative": (true, true),
        "difference": (false, false), "non_negative_difference": (false, true),
    ]

    /// InfluxQL's functions that are Historian aggregates.
    private static let functions: [String: Aggregate] = [
        "mean": .mean, "sum": .sum, "count": .count, "min": .min, "max": .max, "first": .first, "last": .last, "stddev": .stddev,
    ]

    /// A WHERE as parsed: time bounds and tag conditions joined by AND and OR.
    private indirect enum Condition {
        case time(symbol: String, time: Int64)
        case tag(InfluxQLSelect.TagCondition)
        case all([Condition])
        case any([Condition])
    }

    /// WHERE: tag conditions joined by AND and OR (AND binds tighter), and time bounds joined to
    /// the rest by AND only.
    private mutating func condition(into statement: inout InfluxQLSelect) throws(InfluxQLError) {
        var conjuncts: [Condition] = []
        func flatten(_ condition: Condition) {
            if case .all(let parts) = condition { parts.forEach(flatten) } else { conjuncts.append(condition) }
        }
        flatten(try disjunction())
        var predicates: [InfluxQLTagPredicate] = statement.tagPredicate.map { [$0] } ?? []
        for conjunct in conjuncts {
            if case .time(let symbol, let time) = conjunct {
                try bound(&statement, symbol, time)
            } else {
                predicates.append(try Self.predicate(conjunct))
            }
        }
        statement.tagPredicate = predicates.isEmpty ? nil : predicates.count == 1 ? predicates[0] : .all(predicates)
    }

    private static func predicate(_ condition: Condition) throws(InfluxQLError) -> InfluxQLTagPredicate {
        switch condition {
        case .time: throw .unsupported("time conditions joined by OR; join them to the rest with AND")
        case .tag(let tag): return .condition(tag)
        case .all(let parts): return .all(try parts.map { part throws(InfluxQLError) in try predicate(part) })
        case .any(let parts): return .any(try parts.map { part throws(InfluxQLError) in try predicate(part) })
        }
    }

    private mutating func disjunction() throws(InfluxQLError) -> Condition {
        var parts = [try conjunction()]
        while skip(keyword: "or") { parts.append(try conjunction()) }
        return parts.count == 1 ? parts[0] : .any(parts)
    }

    private mutating func conjunction() throws(InfluxQLError) -> Condition {
        var parts = [try primaryCondition()]
        while skip(keyword: "and") { parts.append(try primaryCondition()) }
        return parts.count == 1 ? parts[0] : .all(parts)
    }

    private mutating func primaryCondition() throws(InfluxQLError) -> Condition {
        let opening = current
        guard skip(symbol: "(") else { return try term() }
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= Self.maximumNesting else {
            throw .syntax("parentheses nested deeper than \(Self.maximumNesting) levels at offset \(opening.offset)")
        }
        let inner = try disjunction()
        try expect(symbol: ")")
        return inner
    }

    private func bound(_ statement: inout InfluxQLSelect, _ symbol: String, _ time: Int64) throws(InfluxQLError) {
        let after = time == .max ? time : time + 1
        switch symbol {
        case ">=": statement.from = max(statement.from ?? .min, time)
        case ">": statement.from = max(statement.from ?? .min, after)
        case "<": statement.to = min(statement.to ?? .max, time)
        case "<=": statement.to = min(statement.to ?? .max, after)
        case "=":
            statement.from = max(statement.from ?? .min, time)
            statement.to = min(statement.to ?? .max, after)
        default: throw .invalid("time can be compared with =, <, <=, > and >=, not \(symbol)")
        }
    }

    private mutating func term() throws(InfluxQLError) -> Condition {
        let key = try reference()
        guard case .symbol(let symbol) = current.kind, ["=", "!=", "<", "<=", ">", ">=", "=~", "!~"].contains(symbol) else {
            throw unexpected("a comparison")
        }
        position += 1
        if key.lowercased() == "time" { return .time(symbol: symbol, time: try timeExpression()) }
        switch (symbol, current.kind) {
        case ("=", .string(let value)), ("!=", .string(let value)):
            position += 1
            return .tag(.init(key: key, operator: symbol == "=" ? .equals : .notEquals, value: value))
        case ("=~", .regex(let pattern)), ("!~", .regex(let pattern)):
            position += 1
            return .tag(.init(key: key, operator: symbol == "=~" ? .matches : .notMatches, value: pattern))
        default:
            throw .unsupported("the condition \(key) \(symbol) \(current.text): histd filters on tags ('value' or /regex/) and time only")
        }
    }

    /// `now()`, `now() - 1h`, `'2024-01-01T00:00:00Z'`, `1704067200000ms` or nanoseconds; ns.
    private mutating func timeExpression() throws(InfluxQLError) -> Int64 {
        var time: Int64
        switch current.kind {
        case .identifier(let name, quoted: false) where name.lowercased() == "now":
            position += 1
            try expect(symbol: "(")
            try expect(symbol: ")")
            time = now
        case .string(let text):
            guard let parsed = RFC3339.parse(text) else { throw .invalid("'\(text)' \(RFC3339.failureReason(text))") }
            position += 1
            time = parsed
        case .number(let text):
            guard let parsed = Int64(text) else { throw .invalid("\(text) is not a time in nanoseconds") }
            position += 1
            time = parsed
        case .duration(let text):
            guard let parsed = Self.nanoseconds(text) else { throw .invalid("\(text) is out of range") }
            position += 1
            time = parsed
        default:
            throw unexpected("a time")
        }
        while current.isSymbol("+") || current.isSymbol("-") {
            let sign = advance()
            guard case .duration(let text) = current.kind, let offset = Self.nanoseconds(text) else { throw unexpected("a duration") }
            position += 1
            let (result, overflow) = sign.isSymbol("+") ? time.addingReportingOverflow(offset) : time.subtractingReportingOverflow(offset)
            guard !overflow else { throw .invalid("time out of range") }
            time = result
        }
        return time
    }

    /// `10s`, `1704067200000ms`: the count times the unit; InfluxQL also writes microseconds as `u`
    /// and `µ`, and a count of zero is a time (`0s`).
    static func nanoseconds(_ text: String) -> Int64? {
        let normalized = text.hasSuffix("u") || text.hasSuffix("µ") ? text + "s" : text
        if normalized.first == "0", normalized.drop { $0 == "0" }.allSatisfy(\.isLetter) { return 0 }
        return DurationText.nanoseconds(normalized)
    }

    private mutating func groupBy(into statement: inout InfluxQLSelect) throws(InfluxQLError) {
        if skip(symbol: "*") {
            statement.groupByTags = ["*"]
            return
        }
        if current.isKeyword("time"), next.isSymbol("(") {
            position += 2
            guard case .duration(let text) = current.kind, let interval = Self.nanoseconds(text), interval > 0 else {
                throw unexpected("a duration such as 10s")
            }
            position += 1
            if current.isSymbol(",") { throw .unsupported("an offset in GROUP BY time()") }
            try expect(symbol: ")")
            statement.interval = interval
            return
        }
        if case .regex = current.kind { throw .unsupported("a regular expression in GROUP BY") }
        statement.groupByTags.append(try reference())
    }

    private mutating func fill() throws(InfluxQLError) -> InfluxQLSelect.Fill {
        try expect(symbol: "(")
        let fill: InfluxQLSelect.Fill
        if skip(keyword: "null") {
            fill = .null
        } else if skip(keyword: "none") {
            fill = .none
        } else if skip(keyword: "previous") {
            fill = .previous
        } else if current.isKeyword("linear") {
            throw .unsupported("fill(linear); use /api/v1/query?mode=interpolate")
        } else {
            let negative = skip(symbol: "-")
            guard case .number(let text) = current.kind, let value = Double(text) else { throw unexpected("null, none, previous or a number") }
            position += 1
            fill = .number(negative ? -value : value)
        }
        try expect(symbol: ")")
        return fill
    }
}
