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
    static let keywords: Set<String> = [
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
        if case .regex = current.kind { throw .unsupported("a regular expression after FROM here; name one measurement") }
        var name = try identifier()
        while skip(symbol: ".") { name = try identifier() }
        return name
    }

    /// A measurement of SELECT's FROM: a name (`"db"."rp"."m"` is read as `m`), or `/re/`.
    private mutating func source() throws(InfluxQLError) -> InfluxQLSelect.Source {
        if case .regex(let pattern) = current.kind {
            position += 1
            return .pattern(pattern)
        }
        return .name(try measurementName())
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
        if current.isKeyword("drop"), next.isKeyword("series") {
            position += 2
            return try deletion(requiresSource: true)
        }
        if skip(keyword: "delete") { return try deletion(requiresSource: false) }
        if current.isKeyword("drop") || current.isKeyword("alter") || current.isKeyword("grant") || current.isKeyword("revoke")
            || current.isKeyword("kill")
        {
            throw .unsupported("\(current.text.uppercased()) statements other than DROP SERIES; histd's admin API is /api/v1/admin")
        }
        throw unexpected("SELECT, SHOW, CREATE DATABASE, DROP SERIES or DELETE")
    }

    /// `DROP SERIES [FROM m] [WHERE tags]` and `DELETE [FROM m] [WHERE tags and time]`, after their
    /// keywords; InfluxDB asks for FROM or WHERE (DROP SERIES: no time bounds).
    private mutating func deletion(requiresSource dropSeries: Bool) throws(InfluxQLError) -> InfluxQLStatement {
        let measurement = skip(keyword: "from") ? try measurementName() : nil
        var conditions = InfluxQLSelect(columns: [], measurement: measurement ?? "")
        let keyword = current
        if skip(keyword: "where") { try condition(into: &conditions) }
        guard measurement != nil || keyword.isKeyword("where") else { throw unexpected("FROM or WHERE") }
        if conditions.rowCondition != nil { throw .invalid("fields not supported in WHERE clause during deletion") }
        if dropSeries, conditions.from != nil || conditions.to != nil {
            throw .invalid("DROP SERIES doesn't support time in WHERE clause")
        }
        return .delete(measurement: measurement, where: conditions.tagPredicate, from: conditions.from, to: conditions.to)
    }

    private mutating func show() throws(InfluxQLError) -> InfluxQLStatement {
        if skip(keyword: "databases") { return .showDatabases }
        if skip(keyword: "retention") {
            try expect(keyword: "policies")
            return try onDatabase(.showRetentionPolicies)
        }
        if skip(keyword: "measurements") {
            let database = try databaseClause()
            var filter: InfluxQLNameFilter?
            if skip(keyword: "with") {
                try expect(keyword: "measurement")
                filter = try nameFilter()
            }
            let predicate = try tagConditions()
            let limit = try limitClause()
            return try onDatabase(.showMeasurements(filter, where: predicate, limit: limit, offset: try offsetClause()), database)
        }
        if skip(keyword: "series") {
            let database = try databaseClause()
            let measurement = skip(keyword: "from") ? try measurementName() : nil
            let predicate = try tagConditions()
            let limit = try limitClause()
            return try onDatabase(.showSeries(measurement: measurement, where: predicate, limit: limit, offset: try offsetClause()), database)
        }
        if skip(keyword: "tag") {
            if skip(keyword: "keys") {
                let database = try databaseClause()
                let measurement = skip(keyword: "from") ? try measurementName() : nil
                let predicate = try tagConditions()
                let limit = try limitClause()
                return try onDatabase(.showTagKeys(measurement: measurement, where: predicate, limit: limit, offset: try offsetClause()), database)
            }
            try expect(keyword: "values")
            let cardinality = current.isKeyword("cardinality") || (current.isKeyword("exact") && next.isKeyword("cardinality"))
            if cardinality { position += current.isKeyword("exact") ? 2 : 1 }
            let database = try databaseClause()
            let measurement = skip(keyword: "from") ? try measurementName() : nil
            try expect(keyword: "with")
            try expect(keyword: "key")
            let keys = try nameFilter()
            // Grafana narrows the values by the tags already chosen; time bounds do not apply here.
            let predicate = try tagConditions()
            let limit = try limitClause()
            let offset = try offsetClause()
            if cardinality { return try onDatabase(.showTagValuesCardinality(measurement: measurement, keys: keys, where: predicate), database) }
            return try onDatabase(.showTagValues(measurement: measurement, keys: keys, where: predicate, limit: limit, offset: offset), database)
        }
        if skip(keyword: "field") {
            try expect(keyword: "keys")
            let database = try databaseClause()
            let measurement = skip(keyword: "from") ? try measurementName() : nil
            let limit = try limitClause()
            return try onDatabase(.showFieldKeys(measurement: measurement, limit: limit, offset: try offsetClause()), database)
        }
        throw unexpected("DATABASES, MEASUREMENTS, SERIES, TAG KEYS, TAG VALUES, FIELD KEYS or RETENTION POLICIES")
    }

    /// `ON db`, if written.
    private mutating func databaseClause() throws(InfluxQLError) -> String? {
        skip(keyword: "on") ? try identifier() : nil
    }

    /// `statement` run on `database` (read here when nil and written next) instead of the `db` parameter.
    private mutating func onDatabase(_ statement: InfluxQLStatement, _ database: String? = nil) throws(InfluxQLError) -> InfluxQLStatement {
        guard let name = database != nil ? database : try databaseClause() else { return statement }
        return .onDatabase(name, statement)
    }

    /// `WHERE` with tag conditions only (SHOW statements; time bounds do not apply to them).
    private mutating func tagConditions() throws(InfluxQLError) -> InfluxQLTagPredicate? {
        guard skip(keyword: "where") else { return nil }
        var conditions = InfluxQLSelect(columns: [], measurement: "")
        try condition(into: &conditions)
        if conditions.rowCondition != nil { throw .unsupported("conditions on field values in SHOW statements") }
        return conditions.tagPredicate
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

    private mutating func offsetClause() throws(InfluxQLError) -> Int {
        skip(keyword: "offset") ? try integer() : 0
    }

    // MARK: SELECT

    private mutating func select() throws(InfluxQLError) -> InfluxQLSelect {
        var items = [try selectItem()]
        while skip(symbol: ",") { items.append(try selectItem()) }
        try expect(keyword: "from")
        var sources = [try source()]
        while skip(symbol: ",") { sources.append(try source()) }
        var statement: InfluxQLSelect
        if sources.count == 1, case .name(let name) = sources[0] {
            statement = InfluxQLSelect(columns: [], measurement: name)
        } else {
            statement = InfluxQLSelect(columns: [], measurement: "")
            statement.sources = sources
        }
        Self.place(items, into: &statement)
        try Self.checkColumns(of: statement)
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
        statement.offset = try offsetClause()
        if skip(keyword: "slimit") { statement.seriesLimit = try integer() }
        if skip(keyword: "soffset") { statement.seriesOffset = try integer() }
        if skip(keyword: "tz") { statement.timeZone = try timeZone() }
        if let column = statement.columns.first(where: { $0.transform != nil && $0.function != nil }), statement.interval == nil {
            throw .invalid("\(column.name)() needs GROUP BY time()")
        }
        if let column = statement.columns.first(where: { $0.transform != nil && $0.function == nil }), statement.interval != nil {
            throw .invalid("aggregate function required inside the call to \(column.name)")
        }
        if current.isKeyword("into") { throw .unsupported("INTO") }
        return statement
    }

    /// `('Area/City')` after `tz`.
    private mutating func timeZone() throws(InfluxQLError) -> InfluxQLTimeZone {
        try expect(symbol: "(")
        guard case .string(let name) = current.kind else { throw unexpected("a time zone name such as 'Europe/Berlin'") }
        guard let zone = InfluxQLTimeZone(name) else { throw .syntax("unable to find time zone \(name)") }
        position += 1
        try expect(symbol: ")")
        return zone
    }

    /// A SELECT item as parsed: a column, a number, or arithmetic on them.
    private indirect enum Item {
        case column(InfluxQLSelect.Column)
        case number(Double, isInteger: Bool)
        case binary(InfluxQLArithmetic.Operator, Item, Item)
    }

    /// The statement's columns and, when an item computes, its outputs: the items' columns in order,
    /// each output naming them by index.
    private static func place(_ items: [(item: Item, alias: String?)], into statement: inout InfluxQLSelect) {
        var computes = false
        for entry in items {
            if case .column = entry.item { continue }
            computes = true
        }
        guard computes else {
            statement.columns = items.compactMap { entry in
                guard case .column(var column) = entry.item else { return nil }
                if let alias = entry.alias { column.name = alias }
                return column
            }
            return
        }
        var columns: [InfluxQLSelect.Column] = []
        func expression(_ item: Item, _ names: inout [String]) -> InfluxQLArithmetic.Expression {
            switch item {
            case .column(let column):
                columns.append(column)
                names.append(column.name)
                return .column(columns.count - 1)
            case .number(let value, let isInteger): return .number(value, isInteger: isInteger)
            case .binary(let operation, let left, let right): return .binary(operation, expression(left, &names), expression(right, &names))
            }
        }
        statement.outputs = items.map { entry in
            var names: [String] = []
            let tree = expression(entry.item, &names)
            return InfluxQLArithmetic(name: entry.alias ?? names.joined(separator: "_"), expression: tree)
        }
        statement.columns = columns
    }

    /// What InfluxDB refuses to combine, and what histd does not.
    private static func checkColumns(of statement: InfluxQLSelect) throws(InfluxQLError) {
        let columns = statement.columns
        if let column = columns.first(where: \.isMultiRow), columns.count > 1 || statement.outputs != nil {
            // top() and bottom() show fields and tags of their samples beside them, as InfluxDB does.
            if column.function == .distinct {
                throw .invalid("aggregate function distinct() cannot be combined with other functions or fields")
            }
            let others = columns.filter { $0 != column }
            guard statement.outputs == nil, !others.contains(where: { $0.function != nil || $0.transform != nil || $0.field == "*" }) else {
                throw .unsupported("\(column.name)() together with other functions, * or arithmetic; name the fields and tags to show beside it")
            }
            return
        }
        let rawTransforms = columns.filter { $0.function == nil && $0.transform != nil }.count
        if rawTransforms > 0, rawTransforms < columns.count {
            throw .invalid("mixing aggregate and non-aggregate queries is not supported")
        }
        if statement.isAggregate, columns.contains(where: { $0.function == nil }) {
            throw .invalid("mixing aggregate and non-aggregate queries is not supported")
        }
        if statement.outputs != nil, columns.contains(where: { $0.field == "*" }) {
            throw .unsupported("arithmetic on *; name the fields")
        }
    }

    private mutating func selectItem() throws(InfluxQLError) -> (item: Item, alias: String?) {
        let item = try additive()
        return (item, skip(keyword: "as") ? try identifier() : nil)
    }

    private mutating func additive() throws(InfluxQLError) -> Item {
        var item = try multiplicative()
        while current.isSymbol("+") || current.isSymbol("-") {
            let operation: InfluxQLArithmetic.Operator = advance().isSymbol("+") ? .add : .subtract
            item = .binary(operation, item, try multiplicative())
        }
        return item
    }

    private mutating func multiplicative() throws(InfluxQLError) -> Item {
        var item = try factor()
        while current.isSymbol("*") || current.isSymbol("/") {
            let operation: InfluxQLArithmetic.Operator = advance().isSymbol("*") ? .multiply : .divide
            item = .binary(operation, item, try factor())
        }
        return item
    }

    private mutating func factor() throws(InfluxQLError) -> Item {
        let negative = current.isSymbol("-") && { if case .number = next.kind { true } else { false } }()
        if negative { position += 1 }
        if case .number(let text) = current.kind, let value = Double(text) {
            position += 1
            return .number(negative ? -value : value, isInteger: !text.contains("."))
        }
        let opening = current
        guard skip(symbol: "(") else { return .column(try column()) }
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= Self.maximumNesting else {
            throw .syntax("parentheses nested deeper than \(Self.maximumNesting) levels at offset \(opening.offset)")
        }
        let inner = try additive()
        try expect(symbol: ")")
        return inner
    }

    private mutating func column() throws(InfluxQLError) -> InfluxQLSelect.Column {
        if skip(symbol: "*") { return .init(aggregate: nil, field: "*", name: "*") }
        if skip(keyword: "distinct") {
            // `distinct(v)`, and `DISTINCT v` as InfluxQL also writes it.
            guard skip(symbol: "(") else { return .init(function: .distinct, field: try reference(), name: "distinct") }
            return try call("distinct")
        }
        let isCall = next.isSymbol("(")
        let name = isCall ? try identifier() : try reference()
        guard isCall else { return .init(aggregate: nil, field: name, name: name) }
        position += 1
        return Self.transforms.contains(name.lowercased()) ? try transformed(name.lowercased()) : try call(name)
    }

    /// `mean(v)`, `percentile(v, 95)`, `top(v, tag, 3)`, after the function's name and opening parenthesis.
    private mutating func call(_ name: String) throws(InfluxQLError) -> InfluxQLSelect.Column {
        let lowercased = name.lowercased()
        var function: InfluxQLSelect.Function
        switch lowercased {
        case "spread": function = .spread
        case "median": function = .median
        case "mode": function = .mode
        case "distinct": function = .distinct
        case "percentile": function = .percentile(0)
        case "integral": function = .integral(unit: 1_000_000_000)
        case "top", "bottom": function = .top(largest: lowercased == "top", count: 0, tags: [])
        case "count" where current.isKeyword("distinct") && next.isSymbol("("):
            position += 2
            let field = try reference()
            try expect(symbol: ")")
            try expect(symbol: ")")
            return .init(function: .countDistinct, field: field, name: "count")
        default:
            guard let aggregate = Self.functions[lowercased] else {
                let known = (Array(Self.functions.keys) + Array(Self.transforms) + Self.sampleFunctions).sorted()
                throw .unsupported("the function \(name)(); histd runs \(known.joined(separator: ", "))")
            }
            function = .aggregate(aggregate)
        }
        if current.isSymbol("*") { throw .unsupported("\(name)(*); name the field") }
        let field = try reference()
        switch function {
        case .percentile:
            try expect(symbol: ",")
            guard case .number(let text) = current.kind, let percentage = Double(text), percentage >= 0, percentage <= 100 else {
                throw unexpected("a percentage from 0 to 100")
            }
            position += 1
            function = .percentile(percentage)
        case .integral:
            if skip(symbol: ",") { function = .integral(unit: try positiveDuration()) }
        case .top(let largest, _, _):
            var tags: [String] = []
            try expect(symbol: ",")
            while case .identifier = current.kind {
                tags.append(try reference())
                try expect(symbol: ",")
            }
            let count = try integer()
            guard count > 0 else { throw .invalid("limit (\(count)) in \(lowercased) function must be at least 1") }
            function = .top(largest: largest, count: count, tags: tags)
        default:
            break
        }
        try expect(symbol: ")")
        return .init(function: function, field: field, name: lowercased)
    }

    private mutating func positiveDuration() throws(InfluxQLError) -> Int64 {
        guard case .duration(let text) = current.kind, let nanoseconds = Self.nanoseconds(text), nanoseconds > 0 else {
            throw unexpected("a duration such as 1s")
        }
        position += 1
        return nanoseconds
    }

    /// `derivative(mean(v) [, 1s])`, `cumulative_sum(v)`, `moving_average(v, 3)` and the like,
    /// after the opening parenthesis: of an aggregate per interval, or of raw values.
    private mutating func transformed(_ name: String) throws(InfluxQLError) -> InfluxQLSelect.Column {
        var column: InfluxQLSelect.Column
        if next.isSymbol("(") {
            let inner = try identifier()
            position += 1
            column = try call(inner)
            if column.isMultiRow || column.function == .countDistinct || column.needsSamples {
                throw .unsupported("\(name)() of \(column.name)()")
            }
        } else {
            column = .init(aggregate: nil, field: try reference(), name: name)
        }
        let transform: InfluxQLSelect.Transform
        switch name {
        case "derivative", "non_negative_derivative":
            // Raw values change per second unless told; aggregates per interval.
            let unit = skip(symbol: ",") ? try positiveDuration() : column.function == nil ? 1_000_000_000 : nil
            transform = .derivative(unit: unit, nonNegative: name == "non_negative_derivative")
        case "difference", "non_negative_difference": transform = .difference(nonNegative: name == "non_negative_difference")
        case "cumulative_sum": transform = .cumulativeSum
        case "moving_average":
            try expect(symbol: ",")
            let count = try integer()
            guard count > 1 else { throw .invalid("moving_average window must be greater than 1") }
            transform = .movingAverage(count: count)
        default:
            transform = .elapsed(unit: skip(symbol: ",") ? try positiveDuration() : 1)
        }
        try expect(symbol: ")")
        column.name = name
        column.transform = transform
        return column
    }

    private static let transforms: Set<String> = [
        "derivative", "non_negative_derivative", "difference", "non_negative_difference", "cumulative_sum", "moving_average", "elapsed",
    ]

    /// Functions histd computes from decoded samples.
    private static let sampleFunctions = ["median", "percentile", "spread", "mode", "distinct", "integral", "top", "bottom"]

    /// InfluxQL's functions that are Historian aggregates.
    private static let functions: [String: Aggregate] = [
        "mean": .mean, "sum": .sum, "count": .count, "min": .min, "max": .max, "first": .first, "last": .last, "stddev": .stddev,
    ]

    /// A WHERE as parsed: time bounds, tag conditions and conditions on field values joined by AND and OR.
    private indirect enum Condition {
        case time(symbol: String, time: Int64)
        case tag(InfluxQLSelect.TagCondition)
        case field(String, InfluxQLRowCondition.Comparison, InfluxQLRowCondition.Operand)
        case all([Condition])
        case any([Condition])
    }

    /// WHERE: time bounds are intersected wherever they stand, also inside OR, and taken out of the
    /// condition, as InfluxDB 1.x does; the conjuncts that hold only tag conditions select series,
    /// the others are tested on each row.
    private mutating func condition(into statement: inout InfluxQLSelect) throws(InfluxQLError) {
        var times: [(symbol: String, time: Int64)] = []
        let rest = Self.withoutTime(try disjunction(), &times)
        for bound in times { try self.bound(&statement, bound.symbol, bound.time) }
        guard let rest else { return }
        var conjuncts: [Condition] = []
        func flatten(_ condition: Condition) {
            if case .all(let parts) = condition { parts.forEach(flatten) } else { conjuncts.append(condition) }
        }
        flatten(rest)
        var predicates: [InfluxQLTagPredicate] = statement.tagPredicate.map { [$0] } ?? []
        var rowConditions: [InfluxQLRowCondition] = []
        for conjunct in conjuncts {
            if let predicate = Self.tagPredicate(conjunct) {
                predicates.append(predicate)
            } else {
                rowConditions.append(Self.rowCondition(conjunct))
            }
        }
        statement.tagPredicate = predicates.isEmpty ? nil : predicates.count == 1 ? predicates[0] : .all(predicates)
        if !rowConditions.isEmpty { statement.rowCondition = rowConditions.count == 1 ? rowConditions[0] : .all(rowConditions) }
    }

    /// `condition` without its time comparisons, which are added to `times`; nil when nothing is left.
    private static func withoutTime(_ condition: Condition, _ times: inout [(symbol: String, time: Int64)]) -> Condition? {
        switch condition {
        case .time(let symbol, let time):
            times.append((symbol, time))
            return nil
        case .tag, .field:
            return condition
        case .all(let parts), .any(let parts):
            let kept = parts.compactMap { withoutTime($0, &times) }
            guard kept.count > 1 else { return kept.first }
            if case .all = condition { return .all(kept) }
            return .any(kept)
        }
    }

    /// The condition as tag conditions; nil when it tests a field.
    private static func tagPredicate(_ condition: Condition) -> InfluxQLTagPredicate? {
        switch condition {
        case .time, .field: return nil
        case .tag(let tag): return .condition(tag)
        case .all(let parts):
            let converted = parts.compactMap(tagPredicate)
            return converted.count == parts.count ? .all(converted) : nil
        case .any(let parts):
            let converted = parts.compactMap(tagPredicate)
            return converted.count == parts.count ? .any(converted) : nil
        }
    }

    /// The condition as tested on rows (time comparisons were taken out before: they read as true).
    private static func rowCondition(_ condition: Condition) -> InfluxQLRowCondition {
        switch condition {
        case .time: .all([])
        case .tag(let tag): .tag(tag)
        case .field(let name, let comparison, let operand): .field(name, comparison, operand)
        case .all(let parts): .all(parts.map(rowCondition))
        case .any(let parts): .any(parts.map(rowCondition))
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
            break
        }
        guard let comparison = InfluxQLRowCondition.Comparison(rawValue: symbol) else {
            throw .unsupported("the condition \(key) \(symbol) \(current.text): regular expressions compare tags")
        }
        let negative = skip(symbol: "-")
        switch current.kind {
        case .number(let text):
            guard let value = Double(text) else { throw unexpected("a number") }
            position += 1
            return .field(key, comparison, .number(negative ? -value : value))
        case .identifier(let word, quoted: false) where !negative && ["true", "false"].contains(word.lowercased()):
            position += 1
            return .field(key, comparison, .boolean(word.lowercased() == "true"))
        default:
            throw .unsupported(
                "the condition \(key) \(symbol) \(current.text): histd compares tags with 'value' or /regex/, fields with numbers and booleans")
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
            if skip(symbol: ",") {
                // InfluxDB takes the offset modulo the interval, a negative one too.
                let negative = skip(symbol: "-")
                guard case .duration(let text) = current.kind, let offset = Self.nanoseconds(text) else { throw unexpected("a duration such as 15m") }
                position += 1
                let remainder = (negative ? -offset : offset) % interval
                statement.intervalOffset = remainder < 0 ? remainder + interval : remainder
            }
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
        } else if skip(keyword: "linear") {
            fill = .linear
        } else {
            let negative = skip(symbol: "-")
            guard case .number(let text) = current.kind, let value = Double(text) else {
                throw unexpected("null, none, previous, linear or a number")
            }
            position += 1
            fill = .number(negative ? -value : value)
        }
        try expect(symbol: ")")
        return fill
    }
}
