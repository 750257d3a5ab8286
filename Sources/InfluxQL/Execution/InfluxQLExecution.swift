import Historian
import Query

/// Runs parsed InfluxQL statements against the storage engine: per statement the series of its
/// answer, or the error InfluxDB 1.x would report in that statement's result.
///
/// Databases are the values of the database tag (`database_tag`, default `db`): with a database
/// given, only its series are seen, and that tag is not shown among the tags.
package struct InfluxQLExecution {
    let historian: Historian
    let databaseTag: String
    /// The `db` parameter (or the database a statement names with `ON`).
    var database: String?
    /// The databases the request may see (its token's); nil for all.
    let allowedDatabases: Set<String>?
    /// The points (values) the statements of one request may still return together: each
    /// statement runs with what the earlier ones left, so many statements cannot multiply the limit.
    var maximumPoints: Int
    let now: Int64

    /// The server's points limit, for messages (``maximumPoints`` is what is left of it).
    var requestPointLimit: Int { limitOfRequest ?? maximumPoints }
    var limitOfRequest: Int? = nil

    /// - Parameters:
    ///   - databaseTag: the tag whose values are the databases (`database_tag`, default `db`).
    ///   - database: the `db` parameter; only its series are seen, and that tag is not shown.
    ///   - maximumPoints: the points all statements of the request may return together.
    ///   - now: the current time, nanoseconds.
    ///   - allowedDatabases: the databases the request's token may see (nil: all): the others do
    ///     not exist for it, in `SHOW DATABASES` as in every statement.
    package init(historian: Historian, databaseTag: String, database: String?, allowedDatabases: Set<String>? = nil, maximumPoints: Int, now: Int64) {
        self.historian = historian
        self.databaseTag = databaseTag
        self.database = database
        self.allowedDatabases = allowedDatabases
        self.maximumPoints = maximumPoints
        self.now = now
    }

    /// The result of each statement, in order.
    /// - Throws: storage failures (answered 500); every InfluxQL problem is reported in its statement.
    package func run(_ statements: [InfluxQLStatement]) throws -> [StatementResult] {
        var remaining = self
        remaining.limitOfRequest = maximumPoints
        var results: [StatementResult] = []
        for statement in statements {
            do {
                guard remaining.maximumPoints > 0 else {
                    throw InfluxQLError.invalid(
                        "the statements of this request together would return more points than the server's limit of \(maximumPoints); send fewer statements per request"
                    )
                }
                let series = try remaining.answer(statement)
                remaining.maximumPoints -= series.reduce(0) { $0 + $1.pointCount }
                results.append(.series(series))
            } catch let error as InfluxQLError {
                results.append(.error(error.message))
            } catch HistorianError.query(let error) where error != .cancelled {
                results.append(.error(error.description))
            }
        }
        return results
    }

    /// What one statement answers.
    package enum StatementResult {
        /// The series of the answer (none for a statement that returns nothing).
        case series([ResultSeries])
        /// Why the statement did not run.
        case error(String)
    }

    /// One series of an answer.
    package struct ResultSeries {
        package enum Rows {
            case values([[ResultValue]])
            /// A raw SELECT's rows, written straight from the engine's columns in this order.
            case raw(InfluxQLRawRows, order: [Int])
        }

        /// nil for an answer without a name (`SHOW SERIES`).
        package var name: String?
        package var tags: [SeriesKey.Tag]?
        package var columns: [String]
        package var rows: Rows
        /// The zone of `tz()`, whose offset RFC 3339 times are written with; nil for UTC.
        package var timeZone: InfluxQLTimeZone? = nil

        /// The values it holds besides the time column, as the points limit counts them.
        var pointCount: Int {
            let perRow = max(1, columns.count - 1)
            switch rows {
            case .values(let rows): return rows.count * perRow
            case .raw(let rows, _): return rows.count * perRow
            }
        }
    }

    package enum ResultValue {
        case time(Int64)
        case value(SampleValue)
        case number(Double)
        case count(Int)
        case null

        static func text(_ text: String) -> ResultValue { .value(.string(text)) }

        /// The value as a number: nil for null, times, strings and booleans.
        var number: Double? {
            switch self {
            case .number(let number): number
            case .count(let count): Double(count)
            case .value(.float(let number)): number
            case .value(.integer(let number)): Double(number)
            case .value(.unsigned(let number)): Double(number)
            case .value, .time, .null: nil
            }
        }
    }

    private func answer(_ statement: InfluxQLStatement) throws -> [ResultSeries] {
        switch statement {
        case .createDatabase:
            return []
        case .showDatabases:
            let names = Set(historian.allSeries.compactMap { $0.key.tag(databaseTag) }).filter { allowedDatabases?.contains($0) ?? true }.sorted()
            return [ResultSeries(name: "databases", columns: ["name"], rows: .values(names.map { [.text($0)] }))]
        case .showRetentionPolicies:
            return [
                ResultSeries(
                    name: "", columns: ["name", "duration", "shardGroupDuration", "replicaN", "default"],
                    rows: .values([[.text("autogen"), .text("0s"), .text("168h0m0s"), .count(1), .value(.boolean(true))]]))
            ]
        case .showMeasurements(let filter, let conditions, let limit, let offset):
            let matcher = try NameMatcher(filter)
            let predicate = try InfluxQLTagFilter.predicate(conditions)
            let names = Set(visibleSeries(SeriesSelection(measurement: nil, predicate: predicate)).map(\.key.measurement)).filter {
                matcher.accepts($0)
            }
            .sorted()
            let shown = names.dropFirst(offset).prefix(limit ?? .max)
            return shown.isEmpty ? [] : [ResultSeries(name: "measurements", columns: ["name"], rows: .values(shown.map { [.text($0)] }))]
        case .showSeries(let measurement, let conditions, let limit, let offset):
            let predicate = try InfluxQLTagFilter.predicate(conditions)
            // One key per measurement and tag set: histd's series are one per field.
            let keys = Set(
                visibleSeries(SeriesSelection(measurement: measurement, predicate: predicate)).map { series in
                    ([series.key.measurement] + series.key.tags.filter { $0.key != databaseTag }.map { "\($0.key)=\($0.value)" }).joined(
                        separator: ",")
                }
            ).sorted()
            let shown = keys.dropFirst(offset).prefix(limit ?? .max)
            return shown.isEmpty ? [] : [ResultSeries(name: nil, columns: ["key"], rows: .values(shown.map { [.text($0)] }))]
        case .showTagKeys(let measurement, let conditions, let limit, let offset):
            let predicate = try InfluxQLTagFilter.predicate(conditions)
            return byMeasurement(measurement, predicate: predicate, columns: ["tagKey"], limit: limit, offset: offset) { series in
                Set(series.flatMap { $0.key.tags.map(\.key) }).subtracting([databaseTag]).sorted().map { [.text($0)] }
            }
        case .showTagValues(let measurement, let keys, let conditions, let limit, let offset):
            let matcher = try NameMatcher(keys)
            let predicate = try InfluxQLTagFilter.predicate(conditions)
            return byMeasurement(measurement, predicate: predicate, columns: ["key", "value"], limit: limit, offset: offset) { series in
                let pairs = Set(series.flatMap { $0.key.tags.filter { $0.key != databaseTag && matcher.accepts($0.key) } })
                return pairs.sorted { ($0.key, $0.value) < ($1.key, $1.value) }.map { [.text($0.key), .text($0.value)] }
            }
        case .showTagValuesCardinality(let measurement, let keys, let conditions):
            let matcher = try NameMatcher(keys)
            let predicate = try InfluxQLTagFilter.predicate(conditions)
            return byMeasurement(measurement, predicate: predicate, columns: ["count"]) { series in
                let pairs = Set(series.flatMap { $0.key.tags.filter { $0.key != databaseTag && matcher.accepts($0.key) } })
                return pairs.isEmpty ? [] : [[.count(pairs.count)]]
            }
        case .showFieldKeys(let measurement, let limit, let offset):
            return byMeasurement(measurement, predicate: nil, columns: ["fieldKey", "fieldType"], limit: limit, offset: offset) { series in
                // A field written with different types (a directory older than the per-measurement
                // type check) is listed once per type, as InfluxDB lists it across shards.
                var kinds: [String: Set<String>] = [:]
                for item in series { kinds[item.key.field, default: []].insert(item.kind.description) }
                return kinds.keys.sorted().flatMap { field in (kinds[field] ?? []).sorted().map { [.text(field), .text($0)] } }
            }
        case .select(let select) where select.sources.isEmpty:
            return try InfluxQLSelection(execution: self, statement: readingStringFields(select)).run()
        case .select(let select):
            let names = try measurements(of: select.sources)
            let common = expandingWildcards(select, across: names)
            // Each measurement runs with the points the ones before it left.
            var remaining = self
            var answer: [ResultSeries] = []
            for name in names {
                guard remaining.maximumPoints > 0 else {
                    throw InfluxQLError.invalid(
                        "the query would return more points than the server's limit of \(requestPointLimit); name fewer measurements or narrow the time range"
                    )
                }
                var one = common
                one.measurement = name
                one.sources = []
                let series = try InfluxQLSelection(execution: remaining, statement: readingStringFields(one)).run()
                remaining.maximumPoints -= series.reduce(0) { $0 + $1.pointCount }
                answer += series
            }
            return answer
        case .delete(let measurement, let conditions, let from, let to):
            // As InfluxDB: a delete names its database, so that it never reaches into all of them.
            guard database != nil else { throw InfluxQLError.invalid("database not found: ") }
            let predicate = try InfluxQLTagFilter.predicate(conditions)
            let series = visibleSeries(SeriesSelection(measurement: measurement, predicate: predicate))
            try SampleDeletion.delete(series, from: from ?? .min, to: to ?? .max, in: historian)
            return []
        case .onDatabase(let name, let inner):
            var scoped = self
            scoped.database = name
            return try scoped.answer(inner)
        }
    }

    /// `select` with its conditions written like a tag's (`"state" = 'on'`, `=~ /re/`) on names that
    /// are string fields and not tags of the measurement moved to the row condition, as InfluxDB
    /// reads them: the conjuncts of WHERE that hold one are tested on each row.
    private func readingStringFields(_ select: InfluxQLSelect) -> InfluxQLSelect {
        var keys: Set<String> = []
        func collect(_ predicate: InfluxQLTagPredicate) {
            switch predicate {
            case .condition(let condition): keys.insert(condition.key)
            case .all(let parts), .any(let parts): parts.forEach(collect)
            }
        }
        if let predicate = select.tagPredicate { collect(predicate) }
        keys.formUnion(select.rowCondition?.tagKeys ?? [])
        guard !keys.isEmpty else { return select }
        // Equalities at the top that some series has as a tag are tags: their keys are no string
        // fields, and they narrow the look for the fields through the catalog's tag index, so a
        // measurement of many series is not scanned per query.
        var tags: [SeriesKey.Tag] = []
        let topConjuncts: [InfluxQLTagPredicate]
        if case .all(let parts)? = select.tagPredicate { topConjuncts = parts } else { topConjuncts = select.tagPredicate.map { [$0] } ?? [] }
        for case .condition(let condition) in topConjuncts where condition.operator == .equals && !condition.value.isEmpty {
            let tag = SeriesKey.Tag(key: condition.key, value: condition.value)
            if !historian.series(measurement: select.measurement, tags: [tag]).isEmpty { tags.append(tag) }
        }
        keys.subtract(tags.map(\.key))
        guard !keys.isEmpty else { return select }
        let series = visibleSeries(
            SeriesSelection(measurement: select.measurement, predicate: .all(tags.map { .tag($0.key, .equals($0.value)) }), fields: keys))
        let tagKeys = Set(series.flatMap { $0.key.tags.map(\.key) })
        let textFields = Set(series.filter { $0.kind == .string }.map(\.key.field)).intersection(keys).subtracting(tagKeys)
        guard !textFields.isEmpty else { return select }
        var kept: [InfluxQLTagPredicate] = []
        var tested: [InfluxQLRowCondition] = select.rowCondition.map { [$0.reading(textOf: textFields)] } ?? []
        let conjuncts: [InfluxQLTagPredicate]
        switch select.tagPredicate {
        case .all(let parts)?: conjuncts = parts
        case let predicate?: conjuncts = [predicate]
        case nil: conjuncts = []
        }
        for conjunct in conjuncts {
            keys = []
            collect(conjunct)
            if keys.isDisjoint(with: textFields) {
                kept.append(conjunct)
            } else {
                tested.append(InfluxQLRowCondition(conjunct).reading(textOf: textFields))
            }
        }
        var resolved = select
        resolved.tagPredicate = kept.isEmpty ? nil : kept.count == 1 ? kept[0] : .all(kept)
        resolved.rowCondition = tested.count == 1 ? tested[0] : .all(tested)
        return resolved
    }

    /// `select` with `*` and `GROUP BY *` spelled out as InfluxDB does for several measurements: the
    /// fields and tag keys of all of them, so a measurement's answer has a column or tag (null or
    /// empty) for what only the others have.
    private func expandingWildcards(_ select: InfluxQLSelect, across measurements: [String]) -> InfluxQLSelect {
        guard select.groupByTags == ["*"] || select.columns.contains(where: { $0.field == "*" }) else { return select }
        let series = measurements.flatMap { visibleSeries(SeriesSelection(measurement: $0)) }
        let tagKeys = Set(series.flatMap { $0.key.tags.map(\.key) }).subtracting([databaseTag])
        var expanded = select
        if select.groupByTags == ["*"] { expanded.groupByTags = tagKeys.sorted() }
        let shown = Set(series.map(\.key.field)).union(tagKeys.subtracting(expanded.groupByTags)).sorted()
        expanded.columns = select.columns.flatMap { column in
            column.field == "*" ? shown.map { InfluxQLSelect.Column(function: nil, field: $0, name: $0) } : [column]
        }
        return expanded
    }

    /// The measurements `sources` name or match, in name order.
    private func measurements(of sources: [InfluxQLSelect.Source]) throws(InfluxQLError) -> [String] {
        var names: Set<String> = []
        var patterns: [NameMatcher] = []
        for source in sources {
            switch source {
            case .name(let name): names.insert(name)
            case .pattern(let pattern): patterns.append(try NameMatcher(.matches(pattern)))
            }
        }
        if !patterns.isEmpty {
            let existing = Set(visibleSeries(SeriesSelection(measurement: nil)).map(\.key.measurement))
            names.formUnion(existing.filter { name in patterns.contains { $0.accepts(name) } })
        }
        return names.sorted()
    }

    /// The series `selection` chooses among those of the database asked for (all without one).
    func visibleSeries(_ selection: SeriesSelection) -> [Series] {
        var scope: [SeriesPredicate] = []
        if let database { scope.append(.tag(databaseTag, .equals(database))) }
        if let allowedDatabases { scope.append(.any(allowedDatabases.sorted().map { .tag(databaseTag, .equals($0)) })) }
        guard !scope.isEmpty else { return selection.series(in: historian) }
        var scoped = selection
        scoped.predicate = .all(scope + (selection.predicate.map { [$0] } ?? []))
        return scoped.series(in: historian)
    }

    /// One answer series per measurement (or for the one named) with the rows `rows` makes of its
    /// series that satisfy `predicate`, `offset` of them skipped and at most `limit` kept.
    private func byMeasurement(
        _ measurement: String?, predicate: SeriesPredicate?, columns: [String], limit: Int? = nil, offset: Int = 0,
        rows: ([Series]) -> [[ResultValue]]
    ) -> [ResultSeries] {
        var byName: [String: [Series]] = [:]
        for item in visibleSeries(SeriesSelection(measurement: measurement, predicate: predicate)) {
            byName[item.key.measurement, default: []].append(item)
        }
        return byName.keys.sorted().compactMap { name in
            let values = Array(rows(byName[name] ?? []).dropFirst(offset).prefix(limit ?? .max))
            return values.isEmpty ? nil : ResultSeries(name: name, columns: columns, rows: .values(values))
        }
    }
}
