import Historian
import Hummingbird
import Query
import Time

/// Runs one ``QueryRequest`` against the storage engine and writes the JSON answer:
/// `{"series": [{"measurement", "tags", "field", "columns", "values": [[...], ...]}, ...]}`, and
/// `"warnings": [{"code", "message"}]` when the selection matched no series.
struct QueryExecution {
    let historian: Historian
    let query: QueryRequest
    let maximumPoints: Int
    /// The series the request's token may see, for the names a warning lists.
    var visible: @Sendable (Series) -> Bool = { _ in true }

    /// - Throws: 400/422 ``APIError`` for a query that would return more than the limit or that the
    ///   engine refuses; storage failures as 500 without paths.
    func run() throws -> [ByteBuffer] {
        let series = query.selection.series(in: historian)
        var budget = PointsBudget(limit: maximumPoints)
        var writer = JSONWriter(capacity: 64 << 10)
        writer.beginObject()
        writer.key("series")
        writer.beginArray()
        do {
            switch query.mode {
            case .raw: try writeRaw(series, budget: &budget, &writer)
            case .rollup: try writeRollups(series, budget: &budget, &writer)
            case .interpolate: try writeInterpolated(series, budget: &budget, &writer)
            case .latest: try writeLatest(series, budget: &budget, &writer)
            case .plot: try writePlots(series, budget: &budget, &writer)
            }
        } catch let error as HistorianError {
            throw Self.apiError(error)
        } catch let exceeded as PointsBudget.Exceeded {
            throw Self.tooManyPoints(exceeded.points, limit: exceeded.limit)
        }
        writer.endArray()
        if series.isEmpty, let warning = SelectionWarning.explain(query.selection, in: historian, visible: visible) {
            Self.write([warning], &writer)
        }
        writer.endObject()
        return writer.buffers
    }

    /// `"warnings": [{"code": ..., "message": ...}]` after an answer's other keys.
    static func write(_ warnings: [SelectionWarning], _ writer: inout JSONWriter) {
        writer.key("warnings")
        writer.beginArray()
        for warning in warnings {
            writer.beginObject()
            writer.key("code")
            writer.string(warning.code)
            writer.key("message")
            writer.string(warning.message)
            writer.endObject()
        }
        writer.endArray()
    }

    /// Buckets of `width` from `from` to `to`, the last one possibly partial.
    private func bucketCount() -> Int {
        RollupSpan(from: query.from, to: query.to, every: query.width).bucketCount
    }

    private static func tooManyPoints(_ points: Int?, limit: Int) -> APIError {
        let points = points.flatMap { $0 > limit ? $0 : nil }
        return APIError(
            .unprocessableContent,
            "query would return \(points.map { "about \($0) points, more" } ?? "more points") than the server's limit of \(limit); narrow the range, select fewer series or use a coarser every/points"
        )
    }

    private func beginSeries(_ series: Series, columns: [String], _ writer: inout JSONWriter) {
        beginSeries(measurement: series.key.measurement, tags: series.key.tags, field: series.key.field, seriesCount: nil, columns: columns, &writer)
    }

    /// Opens an answer series up to its `values` array; `seriesCount` (a group's) and a nil field
    /// (a group of several fields) only for `group_by`.
    private func beginSeries(
        measurement: String, tags: [SeriesKey.Tag], field: String?, seriesCount: Int?, columns: [String], _ writer: inout JSONWriter
    ) {
        writer.beginObject()
        writer.key("measurement")
        writer.string(measurement)
        writer.key("tags")
        writeTags(tags, &writer)
        writer.key("field")
        if let field { writer.string(field) } else { writer.null() }
        if let seriesCount {
            writer.key("series_count")
            writer.integer(seriesCount)
        }
        writer.key("columns")
        writer.beginArray()
        for column in columns { writer.string(column) }
        writer.endArray()
        writer.key("values")
        writer.beginArray()
    }

    private func endSeries(_ writer: inout JSONWriter) {
        writer.endArray()
        writer.endObject()
    }

    private func writeTags(_ tags: [SeriesKey.Tag], _ writer: inout JSONWriter) {
        writer.beginObject()
        for tag in tags {
            writer.key(tag.key)
            writer.string(tag.value)
        }
        writer.endObject()
    }

    private func writeTime(_ nanoseconds: Int64, _ writer: inout JSONWriter) {
        if let time = integerTime(nanoseconds) {
            writer.integer(time)
        } else {
            writer.string(RFC3339.format(nanoseconds))
        }
    }

    /// The time as the integer `time_format` asks for; nil for RFC 3339 text.
    private func integerTime(_ nanoseconds: Int64) -> Int64? {
        switch query.timeFormat {
        case .ns: nanoseconds
        case .us: nanoseconds / 1_000
        case .ms: nanoseconds / 1_000_000
        case .s: nanoseconds / 1_000_000_000
        case .rfc3339: nil
        }
    }

    /// Rows are `[time, value]`, with a third column `quality` only when a row of the series is
    /// not good (most series never have one, and it made a third of a raw answer's bytes).
    private func writeSamples(_ rows: [Sample], of series: Series, _ writer: inout JSONWriter) {
        let withQuality = rows.contains { $0.quality != .good }
        beginSeries(series, columns: Self.columns(withQuality: withQuality), &writer)
        for row in rows { writeRow(time: row.timestamp, value: row.value, quality: withQuality ? row.quality : nil, &writer) }
        endSeries(&writer)
    }

    private static func columns(withQuality: Bool) -> [String] {
        withQuality ? ["time", "value", "quality"] : ["time", "value"]
    }

    private func writeRow(time: Int64, value: SampleValue, quality: Quality?, _ writer: inout JSONWriter) {
        writer.beginArray()
        writeTime(time, &writer)
        writer.value(value)
        // Pre-encoded names: interpolating the enum goes through reflection for every row, which
        // took 61 % of a raw query's CPU (BENCHMARKS.md, "Daemon").
        switch quality {
        case nil: break
        case .good: writer.literal("\"good\"")
        case .uncertain: writer.literal("\"uncertain\"")
        case .bad: writer.literal("\"bad\"")
        }
        writer.endArray()
    }

    /// Room for "[" time "," value "]": 1 + 20 + 1 + max(20, double) + 1.
    private static let maximumRowBytes = 24 + NumberText.maximumDoubleBytes

    /// Like ``writeSamples(_:of:_:)`` for a raw query's columns: `[time,value]` rows of float and
    /// integer series go straight into the buffer, the rest through ``writeRow(time:value:quality:_:)``.
    private func writeRows(_ columns: SampleColumns, _ rows: Range<Int>, withQuality: Bool, _ writer: inout JSONWriter) {
        // Room for the longest rows, so the buffer never moves while rows are written; pages
        // that stay unwritten cost no memory.
        writer.reserve(rows.count * (Self.maximumRowBytes + 1) + 64)
        let fastKind = !withQuality && query.timeFormat != .rfc3339 && (columns.kind == .float || columns.kind == .integer)
        var times = NumberText.GroupedIntegerPrinter()
        columns.timestamps.withUnsafeBufferPointer { timestamps in
            columns.bits.withUnsafeBufferPointer { bits in
                writer.elements(count: rows.count, maximumBytes: Self.maximumRowBytes) { offset, cursor in
                    let index = rows.lowerBound + offset
                    guard fastKind, let time = integerTime(timestamps[index]) else { return nil }
                    var end = NumberText.put(UInt8(ascii: "["), at: cursor)
                    end = times.put(time, at: end)
                    end = NumberText.put(UInt8(ascii: ","), at: end)
                    if columns.kind == .float {
                        guard let afterValue = NumberText.putDouble(Double(bitPattern: bits[index]), at: end) else { return nil }
                        end = afterValue
                    } else {
                        end = NumberText.putInteger(Int64(bitPattern: bits[index]), at: end)
                    }
                    return NumberText.put(UInt8(ascii: "]"), at: end)
                } slow: { offset, writer in
                    let index = rows.lowerBound + offset
                    writeRow(
                        time: timestamps[index], value: columns.value(at: index), quality: withQuality ? columns.quality(at: index) : nil, &writer)
                }
            }
        }
    }

    /// Raw answers are formatted on every core at once, in pieces of ``rowsPerPiece`` rows, when
    /// they hold at least ``HistorianQuery/parallelRawPoints`` (a and a2 of the peer benchmark:
    /// 7,200 and 72,000 rows).
    private static let rowsPerPiece = 2_048

    private func writeRaw(_ series: [Series], budget: inout PointsBudget, _ writer: inout JSONWriter) throws {
        let columns = try HistorianQuery(historian: historian).columns(
            of: series, from: query.from, to: query.to, qualities: query.qualities, budget: &budget)
        let withQuality = columns.map { !$0.allGood }
        guard columns.reduce(0, { $0 + $1.count }) >= HistorianQuery.parallelRawPoints else {
            for (index, item) in series.enumerated() {
                beginSeries(item, columns: Self.columns(withQuality: withQuality[index]), &writer)
                writeRows(columns[index], 0..<columns[index].count, withQuality: withQuality[index], &writer)
                endSeries(&writer)
            }
            return
        }
        var pieces: [(series: Int, rows: Range<Int>)] = []
        for (index, seriesColumns) in columns.enumerated() {
            for start in stride(from: 0, to: seriesColumns.count, by: Self.rowsPerPiece) {
                pieces.append((index, start..<min(seriesColumns.count, start + Self.rowsPerPiece)))
            }
        }
        let fragments = try ConcurrentMap.map(pieces) { piece in
            var fragment = JSONWriter(capacity: 64 + piece.rows.count * (Self.maximumRowBytes + 1), continuingList: piece.rows.lowerBound > 0)
            writeRows(columns[piece.series], piece.rows, withQuality: withQuality[piece.series], &fragment)
            return fragment
        }
        var next = 0
        for (index, item) in series.enumerated() {
            beginSeries(item, columns: Self.columns(withQuality: withQuality[index]), &writer)
            while next < pieces.count, pieces[next].series == index {
                writer.appendElements(fragments[next])
                next += 1
            }
            endSeries(&writer)
        }
    }

    private func writeLatest(_ series: [Series], budget: inout PointsBudget, _ writer: inout JSONWriter) throws {
        try budget.spend(series.count)
        for item in series {
            writeSamples(try historian.latest(series: item.id).map { [$0] } ?? [], of: item, &writer)
        }
    }

    private func writePlots(_ series: [Series], budget: inout PointsBudget, _ writer: inout JSONWriter) throws {
        // Up to four points (first, min, max, last) per pixel bucket and series.
        try budget.spend(query.plotPoints, each: 4 * series.count)
        for item in series {
            let buckets = try historian.plot(series: item.id, from: query.from, to: query.to, buckets: query.plotPoints)
            writeSamples(buckets.flatMap(\.points), of: item, &writer)
        }
    }

    private func writeInterpolated(_ series: [Series], budget: inout PointsBudget, _ writer: inout JSONWriter) throws {
        try budget.spend(bucketCount(), each: series.count)
        for item in series {
            beginSeries(item, columns: ["time", "value"], &writer)
            for value in try historian.interpolate(series: item.id, from: query.from, to: query.to, step: query.width) {
                writer.beginArray()
                writeTime(value.timestamp, &writer)
                writer.double(value.value)
                writer.endArray()
            }
            endSeries(&writer)
        }
    }

    private func writeRollups(_ series: [Series], budget: inout PointsBudget, _ writer: inout JSONWriter) throws {
        let groups = query.grouping.groups(of: series)
        try budget.spend(bucketCount(), each: groups.count * query.aggregates.count)
        let columns = ["time", "count"] + query.aggregates.filter { $0 != .count }.map(\.rawValue)
        let rollups = try HistorianQuery(historian: historian).rollups(
            of: groups, spans: RollupSpan.starting(from: query.from, to: query.to, every: query.width),
            timeWeighted: query.aggregates.contains { $0.isTimeWeighted }, qualities: query.qualities)
        let aggregates = query.aggregates.filter { $0 != .count }
        func writeBuckets(_ buckets: [RollupBucket]) {
            // "[" time "," count ("," value)* "]", straight into the buffer while every value is a
            // finite number (null, NaN and infinities take the ordinary calls, which write null).
            let maximumBytes = 44 + aggregates.count * (NumberText.maximumDoubleBytes + 1)
            writer.elements(count: buckets.count, maximumBytes: maximumBytes) { index, cursor in
                let bucket = buckets[index]
                guard let time = integerTime(bucket.start) else { return nil }
                var end = NumberText.put(UInt8(ascii: "["), at: cursor)
                end = NumberText.putInteger(time, at: end)
                end = NumberText.put(UInt8(ascii: ","), at: end)
                end = NumberText.putInteger(Int64(bucket.count), at: end)
                for aggregate in aggregates {
                    end = NumberText.put(UInt8(ascii: ","), at: end)
                    guard let value = bucket.value(of: aggregate), let afterValue = NumberText.putDouble(value, at: end) else { return nil }
                    end = afterValue
                }
                return NumberText.put(UInt8(ascii: "]"), at: end)
            } slow: { index, writer in
                let bucket = buckets[index]
                writer.beginArray()
                writeTime(bucket.start, &writer)
                writer.integer(bucket.count)
                for aggregate in aggregates { writer.double(bucket.value(of: aggregate)) }
                writer.endArray()
            }
        }
        for (group, buckets) in zip(groups, rollups) {
            guard let member = group.members.first else { continue }
            guard query.grouping != .none else {
                beginSeries(member, columns: columns, &writer)
                writeBuckets(buckets)
                endSeries(&writer)
                continue
            }
            // Series that share the values of the group_by tags answer as one series of merged buckets.
            beginSeries(
                measurement: member.key.measurement, tags: group.tags, field: query.selection.fields?.first, seriesCount: group.members.count,
                columns: columns, &writer)
            writeBuckets(buckets)
            endSeries(&writer)
        }
    }

    /// Engine errors as answers: query errors are the client's (400), a query cancelled at shutdown
    /// 503, the rest are logged by the caller's middleware and answered without paths.
    static func apiError(_ error: HistorianError) -> any Error {
        if case .query(.cancelled) = error { return APIError(.serviceUnavailable, QueryError.cancelled.description) }
        if case .query(let queryError) = error { return APIError.badRequest(queryError.description) }
        return error
    }
}
