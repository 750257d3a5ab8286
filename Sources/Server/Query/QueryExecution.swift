import Dispatch
import Historian
import Hummingbird
import Time

/// Runs one ``QueryRequest`` against the storage engine and writes the JSON answer:
/// `{"series": [{"measurement", "tags", "field", "columns", "values": [[...], ...]}, ...]}`.
struct QueryExecution {
    let historian: Historian
    let query: QueryRequest
    let maximumPoints: Int

    /// - Throws: 400/422 ``APIError`` for a query that would return more than the limit or that the
    ///   engine refuses; storage failures as 500 without paths.
    func run() throws -> [ByteBuffer] {
        let series = historian.series(matching: query.selector)
        let estimate = try checkSize(series)
        var writer = JSONWriter(capacity: 64 << 10)
        writer.beginObject()
        writer.key("series")
        writer.beginArray()
        do {
            switch query.mode {
            case .raw: try writeRaw(series, estimate: estimate, &writer)
            case .rollup: try writeRollups(series, &writer)
            case .interpolate: try writeInterpolated(series, &writer)
            case .latest: try writeLatest(series, &writer)
            case .plot: try writePlots(series, &writer)
            }
        } catch let error as HistorianError {
            throw Self.apiError(error)
        }
        writer.endArray()
        writer.endObject()
        return writer.buffers
    }

    /// Refuses, before any decoding, a query whose answer would exceed the points limit; returns
    /// the points estimated.
    private func checkSize(_ series: [Series]) throws -> Int {
        let points: Int
        switch query.mode {
        case .raw:
            var total = 0
            for item in series {
                total += try historian.estimatedSampleCount(series: item.id, from: query.from, to: query.to)
                if total > maximumPoints { break }
            }
            points = total
        case .rollup, .interpolate:
            let span = UInt64(bitPattern: query.to &- query.from)
            let buckets = span / UInt64(query.width) + 1
            let perBucket = query.mode == .rollup ? query.aggregates.count : 1
            let (product, overflow) = Int(clamping: buckets).multipliedReportingOverflow(by: series.count * perBucket)
            points = overflow ? .max : product
        case .plot:
            points = query.plotPoints > maximumPoints ? .max : query.plotPoints * 4 * series.count
        case .latest:
            points = series.count
        }
        if points > maximumPoints { throw Self.tooManyPoints(points == .max ? nil : points, limit: maximumPoints) }
        return points
    }

    private static func tooManyPoints(_ points: Int?, limit: Int) -> APIError {
        APIError(.unprocessableContent,
                 "query would return \(points.map { "about \($0) points, more" } ?? "more points") than the server's limit of \(limit); narrow the range, select fewer series or use a coarser every/points")
    }

    private func beginSeries(_ series: Series, columns: [String], _ writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("measurement")
        writer.string(series.key.measurement)
        writer.key("tags")
        writeTags(series.key.tags, &writer)
        writer.key("field")
        writer.string(series.key.field)
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
                    writeRow(time: timestamps[index], value: columns.value(at: index), quality: withQuality ? columns.quality(at: index) : nil, &writer)
                }
            }
        }
    }

    /// Raw answers of at least this many points are formatted on every core at once, in pieces
    /// of ``rowsPerPiece`` rows (a and a2 of the peer benchmark: 7,200 and 72,000 rows).
    private static let parallelRawPoints = 4_096
    private static let rowsPerPiece = 2_048

    private func writeRaw(_ series: [Series], estimate: Int, _ writer: inout JSONWriter) throws {
        let parallel = estimate >= Self.parallelRawPoints
        let columns = parallel && series.count > 1
            ? try Self.concurrentMap(series) { try rawColumns($0) }
            : try series.map { try rawColumns($0) }
        // The estimate can fall short for chunks that straddle the range; the limit holds anyway.
        guard columns.reduce(0, { $0 + $1.count }) <= maximumPoints else { throw Self.tooManyPoints(nil, limit: maximumPoints) }
        let withQuality = columns.map { !$0.allGood }
        guard parallel else {
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
        let fragments = try Self.concurrentMap(pieces) { piece in
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

    private func rawColumns(_ series: Series) throws -> SampleColumns {
        let columns = try historian.sampleColumns(series: series.id, from: query.from, to: query.to)
        guard let qualities = query.qualities else { return columns }
        return columns.keeping(qualities: qualities)
    }

    /// `transform` of every element, run concurrently; rethrows the first element's failure.
    private static func concurrentMap<Element, Result>(_ elements: [Element], _ transform: (Element) throws -> Result) throws -> [Result] {
        var results = [Swift.Result<Result, any Error>?](repeating: nil, count: elements.count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes only its own slot, and concurrentPerform returns after all of them.
            nonisolated(unsafe) let slots = buffer
            nonisolated(unsafe) let transform = transform
            nonisolated(unsafe) let elements = elements
            DispatchQueue.concurrentPerform(iterations: elements.count) { index in
                slots[index] = Swift.Result { try transform(elements[index]) }
            }
        }
        return try results.map { slot in
            guard let slot else { throw APIError(.internalServerError, "a concurrent part of the query did not run") }
            return try slot.get()
        }
    }

    private func writeLatest(_ series: [Series], _ writer: inout JSONWriter) throws {
        for item in series {
            writeSamples(try historian.latest(series: item.id).map { [$0] } ?? [], of: item, &writer)
        }
    }

    private func writePlots(_ series: [Series], _ writer: inout JSONWriter) throws {
        for item in series {
            let buckets = try historian.plot(series: item.id, from: query.from, to: query.to, buckets: query.plotPoints)
            writeSamples(buckets.flatMap(\.points), of: item, &writer)
        }
    }

    private func writeInterpolated(_ series: [Series], _ writer: inout JSONWriter) throws {
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

    private func writeRollups(_ series: [Series], _ writer: inout JSONWriter) throws {
        let timeWeighted = query.aggregates.contains { $0.isTimeWeighted }
        let columns = ["time", "count"] + query.aggregates.filter { $0 != .count }.map(\.rawValue)
        func rollup(_ item: Series) throws -> [RollupBucket] {
            try historian.rollup(
                series: item.id, from: query.from, to: query.to, every: query.width, timeWeighted: timeWeighted,
                qualities: query.qualities
            ).buckets
        }
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
        guard let groupBy = query.groupBy else {
            for item in series {
                beginSeries(item, columns: columns, &writer)
                writeBuckets(try rollup(item))
                endSeries(&writer)
            }
            return
        }
        // Series that share the values of the group_by tags become one series of merged buckets.
        var groups: [[SeriesKey.Tag]: [Series]] = [:]
        var order: [[SeriesKey.Tag]] = []
        for item in series {
            let key = groupBy.map { SeriesKey.Tag(key: $0, value: item.key.tag($0) ?? "") }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(item)
        }
        for key in order {
            let members = groups[key] ?? []
            let rollups = try members.map(rollup)
            writer.beginObject()
            writer.key("measurement")
            writer.string(query.selector.measurement)
            writer.key("tags")
            writeTags(key, &writer)
            writer.key("field")
            if let field = query.selector.field { writer.string(field) } else { writer.null() }
            writer.key("series_count")
            writer.integer(members.count)
            writer.key("columns")
            writer.beginArray()
            for column in columns { writer.string(column) }
            writer.endArray()
            writer.key("values")
            writer.beginArray()
            let bucketCount = rollups.first?.count ?? 0
            writeBuckets((0..<bucketCount).compactMap { index in RollupBucket.merged(rollups.map { $0[index] }) })
            endSeries(&writer)
        }
    }

    /// Engine errors as answers: query errors are the client's (400), the rest are logged by the
    /// caller's middleware and answered without paths.
    static func apiError(_ error: HistorianError) -> any Error {
        if case .query(let queryError) = error { return APIError.badRequest(queryError.description) }
        return error
    }
}
