import Historian

/// The rows of a raw `SELECT` for one answer series, kept as the engine's columns and positions in
/// them (no value is boxed before it is written): per row its time, its tag set and, per field,
/// the sample's index in that tag set's column of the field (-1 where it has none).
package struct InfluxQLRawRows {
    /// What an answer column shows.
    package enum Source {
        case field(Int)
        case tag(String)
    }

    /// A tag set's columns, one per field (nil where the tag set lacks the field), and its tags.
    package struct TagSet {
        package var fields: [SampleColumns?]
        package var tags: [SeriesKey.Tag]
    }

    package let sources: [Source]
    package private(set) var tagSets: [TagSet] = []
    package private(set) var times: [Int64] = []
    package private(set) var tagSetOfRow: [Int32] = []
    /// `fieldCount` entries per row.
    package private(set) var positions: [Int32] = []
    package let fieldCount: Int

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
    /// for `descending`, those `keeps` accepts, after skipping `offset`, at most `limit`.
    func order(descending: Bool, offset: Int = 0, limit: Int?, where keeps: ((Int) -> Bool)? = nil) -> [Int] {
        var order = Array(0..<count)
        if tagSets.count > 1 { order.sort { (times[$0], tagSetOfRow[$0]) < (times[$1], tagSetOfRow[$1]) } }
        if descending { order.reverse() }
        if let keeps { order = order.filter(keeps) }
        if offset > 0 { order.removeFirst(min(offset, order.count)) }
        if let limit, limit < order.count { order.removeLast(order.count - limit) }
        return order
    }

    /// The value of field `field` in row `row`; nil where the row has none.
    func value(row: Int, field: Int) -> SampleValue? {
        let position = Int(positions[row * fieldCount + field])
        guard position >= 0, let column = tagSets[Int(tagSetOfRow[row])].fields[field] else { return nil }
        return column.value(at: position)
    }

    /// The tags of the tag set of row `row`.
    func tags(row: Int) -> [SeriesKey.Tag] { tagSets[Int(tagSetOfRow[row])].tags }

    /// Row `row` as the answer shows it: its time, then per source the field's value or the tag's.
    func values(row: Int) -> [InfluxQLExecution.ResultValue] {
        let tags = tags(row: row)
        return [.time(times[row])]
            + sources.map { source in
                switch source {
                case .field(let field): value(row: row, field: field).map { .value($0) } ?? .null
                case .tag(let key): tags.first { $0.key == key }.map { .text($0.value) } ?? .null
                }
            }
    }
}
