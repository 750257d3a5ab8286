import Historian
import Hummingbird
import InfluxQL
import Time

/// InfluxDB 1.x's JSON answer to `/query`: `{"results": [{"statement_id": 0, "series": [{"name",
/// "tags", "columns", "values"}]}]}`, a statement that did not run carrying `"error"` instead of `"series"`.
struct InfluxQLAnswer {
    /// Nanoseconds per unit of the `epoch` parameter; nil for RFC 3339 times.
    let epochUnit: Int64?

    /// The answer to the statements whose results are `results`.
    func write(_ results: [InfluxQLExecution.StatementResult]) -> [ByteBuffer] {
        var writer = JSONWriter(capacity: 16 << 10)
        writer.beginObject()
        writer.key("results")
        writer.beginArray()
        for (index, result) in results.enumerated() {
            writer.beginObject()
            writer.key("statement_id")
            writer.integer(index)
            switch result {
            case .series(let series) where !series.isEmpty:
                writer.key("series")
                writer.beginArray()
                for item in series { write(item, &writer) }
                writer.endArray()
            case .series:
                break
            case .error(let message):
                writer.key("error")
                writer.string(message)
            }
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return writer.buffers
    }

    private func write(_ series: InfluxQLExecution.ResultSeries, _ writer: inout JSONWriter) {
        writer.beginObject()
        if let name = series.name {
            writer.key("name")
            writer.string(name)
        }
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
                for value in row { write(value, zone: series.timeZone, &writer) }
                writer.endArray()
            }
        case .raw(let rows, let order):
            write(rows, order, zone: series.timeZone, &writer)
        }
        writer.endArray()
        writer.endObject()
    }

    /// A time as an integer of `epochUnit` nanoseconds, or RFC 3339 text with `zone`'s offset (`tz()`).
    private func writeTime(_ nanoseconds: Int64, zone: InfluxQLTimeZone?, _ writer: inout JSONWriter) {
        if let epochUnit {
            writer.integer(nanoseconds / epochUnit)
        } else {
            writer.string(RFC3339.format(nanoseconds, utcOffset: zone?.utcOffset(at: nanoseconds) ?? 0))
        }
    }

    private func write(_ value: InfluxQLExecution.ResultValue, zone: InfluxQLTimeZone?, _ writer: inout JSONWriter) {
        switch value {
        case .time(let nanoseconds):
            writeTime(nanoseconds, zone: zone, &writer)
        case .value(let value): writer.value(value)
        case .number(let number): writer.double(number)
        case .count(let count): writer.integer(count)
        case .null: writer.null()
        }
    }

    /// Writes the raw rows `order` names as `[time, ...]`: times as integers of `epochUnit`
    /// nanoseconds, or RFC 3339 text without one. Rows of float and integer fields with integer
    /// times go straight into the buffer; the rest through the writer's ordinary calls.
    private func write(_ rows: InfluxQLRawRows, _ order: [Int], zone: InfluxQLTimeZone?, _ writer: inout JSONWriter) {
        // Each tag set's columns are taken out once: indexing the nested arrays per value copied them.
        let fieldColumns = rows.tagSets.map(\.fields)
        let tagValues = rows.tagSets.map { tagSet in
            rows.sources.map { source -> String? in
                guard case .tag(let key) = source else { return nil }
                return tagSet.tags.first { $0.key == key }?.value
            }
        }
        let fastTagSets = fieldColumns.map { columns in
            columns.allSatisfy { $0 == nil || $0?.kind == .float || $0?.kind == .integer }
        }
        // Tag columns as ready JSON text per tag set.
        let tagTexts = tagValues.map { values in
            values.map { value -> [UInt8] in
                var text = JSONWriter(capacity: 64)
                if let value { text.string(value) } else { text.null() }
                return text.bytes
            }
        }
        let longestTag = tagTexts.flatMap { $0.map(\.count) }.max() ?? 0
        let maximumBytes = 24 + rows.sources.count * (1 + max(20, NumberText.maximumDoubleBytes, longestTag))
        writer.elements(count: order.count, maximumBytes: maximumBytes) { offset, cursor in
            let row = order[offset]
            let tagSet = Int(rows.tagSetOfRow[row])
            guard let epochUnit, fastTagSets[tagSet] else { return nil }
            var end = NumberText.put(UInt8(ascii: "["), at: cursor)
            end = NumberText.putInteger(rows.times[row] / epochUnit, at: end)
            for (index, source) in rows.sources.enumerated() {
                end = NumberText.put(UInt8(ascii: ","), at: end)
                guard case .field(let field) = source else {
                    for byte in tagTexts[tagSet][index] { end = NumberText.put(byte, at: end) }
                    continue
                }
                let position = Int(rows.positions[row &* rows.fieldCount &+ field])
                guard position >= 0, let column = fieldColumns[tagSet][field] else {
                    for byte in "null".utf8 { end = NumberText.put(byte, at: end) }
                    continue
                }
                if column.kind == .float {
                    guard let after = NumberText.putDouble(Double(bitPattern: column.bits[position]), at: end) else { return nil }
                    end = after
                } else {
                    end = NumberText.putInteger(Int64(bitPattern: column.bits[position]), at: end)
                }
            }
            return NumberText.put(UInt8(ascii: "]"), at: end)
        } slow: { offset, writer in
            let row = order[offset]
            writer.beginArray()
            writeTime(rows.times[row], zone: zone, &writer)
            let tagSet = Int(rows.tagSetOfRow[row])
            for (index, source) in rows.sources.enumerated() {
                guard case .field(let field) = source else {
                    if let value = tagValues[tagSet][index] { writer.string(value) } else { writer.null() }
                    continue
                }
                let position = Int(rows.positions[row &* rows.fieldCount &+ field])
                guard position >= 0, let column = fieldColumns[tagSet][field] else {
                    writer.null()
                    continue
                }
                writer.value(column.value(at: position))
            }
            writer.endArray()
        }
    }
}
