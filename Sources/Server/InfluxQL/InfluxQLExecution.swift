import Historian
import NIOCore
import Query
import Time

/// Runs parsed InfluxQL statements against the storage engine and writes InfluxDB 1.x's answer:
/// `{"results": [{"statement_id": 0, "series": [{"name", "tags", "columns", "values"}]}]}`, a
/// statement that cannot run carrying `"error"` instead of `"series"`.
///
/// Databases are the values of the database tag (`database_tag`, default `db`): with a database
/// given, only its series are seen, and that tag is not shown among the tags.
struct InfluxQLExecution {
    let historian: Historian
    let databaseTag: String
    /// The `db` parameter.
    let database: String?
    /// Nanoseconds per unit of the `epoch` parameter; nil for RFC 3339 times.
    let epochUnit: Int64?
    /// The points (values) the statements of one request may still return together: each
    /// statement runs with what the earlier ones left, so many statements cannot multiply the limit.
    var maximumPoints: Int
    let now: Int64

    /// The server's points limit, for messages (``maximumPoints`` is what is left of it).
    var requestPointLimit: Int { limitOfRequest ?? maximumPoints }
    var limitOfRequest: Int? = nil

    /// - Throws: storage failures (answered 500); every InfluxQL problem is reported in its statement.
    func run(_ statements: [InfluxQLStatement]) throws -> [ByteBuffer] {
        var writer = JSONWriter(capacity: 16 << 10)
        writer.beginObject()
        writer.key("results")
        writer.beginArray()
        var remaining = self
        remaining.limitOfRequest = maximumPoints
        for (index, statement) in statements.enumerated() {
            writer.beginObject()
            writer.key("statement_id")
            writer.integer(index)
            do {
                guard remaining.maximumPoints > 0 else {
                    throw InfluxQLError.invalid(
                        "the statements of this request together would return more points than the server's limit of \(maximumPoints); send fewer statements per request")
                }
                let series = try remaining.answer(statement)
                remaining.maximumPoints -= series.reduce(0) { $0 + $1.pointCount }
                if !series.isEmpty {
                    writer.key("series")
                    writer.beginArray()
                    for item in series { write(item, &writer) }
                    writer.endArray()
                }
            } catch let error as InfluxQLError {
                writer.key("error")
                writer.string(error.message)
            } catch HistorianError.query(let error) {
                writer.key("error")
                writer.string(error.description)
            }
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return writer.buffers
    }

    /// One series of an answer.
    struct ResultSeries {
        enum Rows {
            case values([[ResultValue]])
            /// A raw SELECT's rows, written straight from the engine's columns in this order.
            case raw(InfluxQLRawRows, order: [Int])
        }

        var name: String
        var tags: [SeriesKey.Tag]?
        var columns: [String]
        var rows: Rows

        /// The values it holds besides the time column, as the points limit counts them.
        var pointCount: Int {
            let perRow = max(1, columns.count - 1)
            switch rows {
            case .values(let rows): return rows.count * perRow
            case .raw(let rows, _): return rows.count * perRow
            }
        }
    }

    enum ResultValue {
        case time(Int64)
        case value(SampleValue)
        case number(Double)
        case count(Int)
        case null

        static func text(_ text: String) -> ResultValue { .value(.string(text)) }
    }

    private func answer(_ statement: InfluxQLStatement) throws -> [ResultSeries] {
        switch statement {
        case .createDatabase:
            return []
        case .showDatabases:
            let names = Set(historian.allSeries.compactMap { $0.key.tag(databaseTag) }).sorted()
            return [ResultSeries(name: "databases", columns: ["name"], rows: .values(names.map { [.text($0)] }))]
        case .showRetentionPolicies:
            return [ResultSeries(
                name: "", columns: ["name", "duration", "shardGroupDuration", "replicaN", "default"],
                rows: .values([[.text("autogen"), .text("0s"), .text("168h0m0s"), .count(1), .value(.boolean(true))]]))]
        case .showMeasurements(let filter, let limit):
            let matcher = try NameMatcher(filter)
            var names = Set(visibleSeries(SeriesSelection(measurement: nil)).map(\.key.measurement)).filter { matcher.accepts($0) }.sorted()
            if let limit { names = Array(names.prefix(limit)) }
            return names.isEmpty ? [] : [ResultSeries(name: "measurements", columns: ["name"], rows: .values(names.map { [.text($0)] }))]
        case .showTagKeys(let measurement):
            return byMeasurement(measurement, predicate: nil, columns: ["tagKey"]) { series in
                Set(series.flatMap { $0.key.tags.map(\.key) }).subtracting([databaseTag]).sorted().map { [.text($0)] }
            }
        case .showTagValues(let measurement, let keys, let conditions):
            let matcher = try NameMatcher(keys)
            let predicate = try InfluxQLTagFilter.predicate(conditions)
            return byMeasurement(measurement, predicate: predicate, columns: ["key", "value"]) { series in
                let pairs = Set(series.flatMap { $0.key.tags.filter { $0.key != databaseTag && matcher.accepts($0.key) } })
                return pairs.sorted { ($0.key, $0.value) < ($1.key, $1.value) }.map { [.text($0.key), .text($0.value)] }
            }
        case .showFieldKeys(let measurement):
            return byMeasurement(measurement, predicate: nil, columns: ["fieldKey", "fieldType"]) { series in
                var kinds: [String: ValueKind] = [:]
                for item in series { kinds[item.key.field] = item.kind }
                return kinds.keys.sorted().map { [.text($0), .text(kinds[$0]?.description ?? "")] }
            }
        case .select(let select):
            return try InfluxQLSelection(execution: self, statement: select).run()
        }
    }

    /// The series `selection` chooses among those of the database asked for (all without one).
    func visibleSeries(_ selection: SeriesSelection) -> [Series] {
        guard let database else { return selection.series(in: historian) }
        var scoped = selection
        let inDatabase = SeriesPredicate.tag(databaseTag, .equals(database))
        scoped.predicate = selection.predicate.map { .all([inDatabase, $0]) } ?? inDatabase
        return scoped.series(in: historian)
    }

    /// One answer series per measurement (or for the one named) with the rows `rows` makes of its
    /// series that satisfy `predicate`.
    private func byMeasurement(
        _ measurement: String?, predicate: SeriesPredicate?, columns: [String], rows: ([Series]) -> [[ResultValue]]
    ) -> [ResultSeries] {
        var byName: [String: [Series]] = [:]
        for item in visibleSeries(SeriesSelection(measurement: measurement, predicate: predicate)) {
            byName[item.key.measurement, default: []].append(item)
        }
        return byName.keys.sorted().compactMap { name in
            let values = rows(byName[name] ?? [])
            return values.isEmpty ? nil : ResultSeries(name: name, columns: columns, rows: .values(values))
        }
    }

    private func write(_ series: ResultSeries, _ writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("name")
        writer.string(series.name)
        if let tags = series.tags {
            writer.key("tags")
            writer.beginObject()
            for tag in tags {
                writer.key(tag.key)
                writer.string(tag.value)
            }
            writer.endObject()
        }
        writer.key("columns")
        writer.beginArray()
        for column in series.columns { writer.string(column) }
        writer.endArray()
        writer.key("values")
        writer.beginArray()
        switch series.rows {
        case .values(let rows):
            for row in rows {
                writer.beginArray()
                for value in row { write(value, &writer) }
                writer.endArray()
            }
        case .raw(let rows, let order):
            rows.write(order, epochUnit: epochUnit, &writer)
        }
        writer.endArray()
        writer.endObject()
    }

    private func write(_ value: ResultValue, _ writer: inout JSONWriter) {
        switch value {
        case .time(let nanoseconds):
            if let epochUnit { writer.integer(nanoseconds / epochUnit) } else { writer.string(RFC3339.format(nanoseconds)) }
        case .value(let value): writer.value(value)
        case .number(let number): writer.double(number)
        case .count(let count): writer.integer(count)
        case .null: writer.null()
        }
    }
}
