import Historian
import Time

/// The rows of a raw `SELECT` for one answer series, kept as the engine's columns and positions in
/// them (no value is boxed before it is written): per row its time, its tag set and, per field,
/// the sample's index in that tag set's column of the field (-1 where it has none).
struct InfluxQLRawRows {
    /// What an answer column shows.
    enum Source {
        case field(Int)
        case tag(String)
    }

    /// A tag set's columns, one per field (nil where the tag set lacks the field), and its tags.
    struct TagSet {
        var fields: [SampleColumns?]
        var tags: [SeriesKey.Tag]
    }

    let sources: [Source]
    private(set) var tagSets: [TagSet] = []
    private(set) var times: [Int64] = []
    private(set) var tagSetOfRow: [Int32] = []
    /// `fieldCount` entries per row.
    private(set) var positions: [Int32] = []
    let fieldCount: Int

    init(sources: [Source], fieldCount: Int) {
        self.sources = sources
        self.fieldCount = fieldCount
    }

    var count: Int { times.count }

    /// Adds a tag set's rows: one per distinct time among its fields.
    mutating func append(_ tagSet: TagSet) {
        let index = Int32(tagSets.count)
        tagSets.append(tagSet)
        var next = [Int](repeating: 0, count: fieldCount)
        while true {
            var time = Int64.max
            var found = false
            for field in 0..<fieldCount {
                guard let column = tagSet.fields[field], next[field] < column.count else { continue }
                time = min(time, column.timestamps[next[field]])
                found = true
            }
            guard found else { return }
            times.append(time)
            tagSetOfRow.append(index)
            for field in 0..<fieldCount {
                if let column = tagSet.fields[field], next[field] < column.count, column.timestamps[next[field]] == time {
                    positions.append(Int32(next[field]))
                    next[field] += 1
                } else {
                    positions.append(-1)
                }
            }
        }
    }

    /// The row indices in answer order: by time (tag sets in the order they were added), reversed
    /// for `descending`, at most `limit`.
    func order(descending: Bool, limit: Int?) -> [Int] {
        var order = Array(0..<count)
        if tagSets.count > 1 { order.sort { (times[$0], tagSetOfRow[$0]) < (times[$1], tagSetOfRow[$1]) } }
        if descending { order.reverse() }
        if let limit, limit < order.count { order.removeLast(order.count - limit) }
        return order
    }

    /// Writes the rows `order` names as `[time, ...]`: times as integers of `epochUnit` nanoseconds,
    /// or RFC 3339 text without one. Rows of float and integer fields with integer times go straight
    /// into the buffer; the rest through the writer's ordinary calls.
    func write(_ order: [Int], epochUnit: Int64?, _ writer: inout JSONWriter) {
        // Each tag set's columns are taken out once: indexing the nested arrays per value copied them.
        let fieldColumns = tagSets.map(\.fields)
        let tagValues = tagSets.map { tagSet in
            sources.map { source -> String? in
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
        let maximumBytes = 24 + sources.count * (1 + max(20, NumberText.maximumDoubleBytes, longestTag))
        writer.elements(count: order.count, maximumBytes: maximumBytes) { offset, cursor in
            let row = order[offset]
            let tagSet = Int(tagSetOfRow[row])
            guard let epochUnit, fastTagSets[tagSet] else { return nil }
            var end = NumberText.put(UInt8(ascii: "["), at: cursor)
            end = NumberText.putInteger(times[row] / epochUnit, at: end)
            for (index, source) in sources.enumerated() {
                end = NumberText.put(UInt8(ascii: ","), at: end)
                guard case .field(let field) = source else {
                    for byte in tagTexts[tagSet][index] { end = NumberText.put(byte, at: end) }
                    continue
                }
                let position = Int(positions[row &* fieldCount &+ field])
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
            if let epochUnit { writer.integer(times[row] / epochUnit) } else { writer.string(RFC3339.format(times[row])) }
            let tagSet = Int(tagSetOfRow[row])
            for (index, source) in sources.enumerated() {
                guard case .field(let field) = source else {
                    if let value = tagValues[tagSet][index] { writer.string(value) } else { writer.null() }
                    continue
                }
                let position = Int(positions[row &* fieldCount &+ field])
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
