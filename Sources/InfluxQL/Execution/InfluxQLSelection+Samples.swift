import Historian
import Query

/// The parts of a `SELECT` computed from decoded samples: conditions on field values, the
/// functions the engine's rollups do not hold, transformations of raw values and arithmetic.
extension InfluxQLSelection {
    /// The raw rows' test of the row condition (nil without one) over the rows' fields
    /// `fieldNames`: a row passes when the condition holds and one of the `shown` fields has a value.
    func rowFilter(fieldNames: [String], shown: Set<Int>) throws(InfluxQLError) -> ((InfluxQLRawRows, Int) -> Bool)? {
        guard let condition = statement.rowCondition else { return nil }
        let test = try InfluxQLRowTest(condition)
        let indices = Dictionary(fieldNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return { rows, row in
            guard shown.contains(where: { rows.value(row: row, field: $0) != nil }) else { return false }
            return test.accepts(tags: rows.tags(row: row)) { name in indices[name].flatMap { rows.value(row: row, field: $0) } }
        }
    }

    /// The samples of each selected field of `group` in the intervals' range whose rows (the
    /// fields of a tag set joined on time) pass the row condition, in time order, tag sets in
    /// order at equal times.
    func samples(of group: Group, in intervals: Intervals, budget: inout PointsBudget) throws -> [String: [InfluxQLReducer.Point]] {
        guard let from = intervals.spans.first?.from, let to = intervals.spans.last?.to else { return [:] }
        let test = try statement.rowCondition.map { condition throws(InfluxQLError) in try InfluxQLRowTest(condition) }
        let selected = Set(statement.columns.map(\.field)).sorted()
        let fieldNames = selected + (statement.rowCondition?.fields ?? []).subtracting(selected).sorted()
        var points: [String: [InfluxQLReducer.Point]] = [:]
        for (index, tagSet) in group.tagSets.enumerated() {
            var columns: [SampleColumns?] = []
            for name in fieldNames {
                guard let series = tagSet.fields[name] else {
                    columns.append(nil)
                    continue
                }
                columns.append(try read([series], from: from, to: to, budget: &budget).first)
            }
            let tags = tagSet.fields.values.first?.key.tags ?? []
            var rows = InfluxQLRawRows(sources: [], fieldCount: fieldNames.count)
            rows.append(.init(fields: columns, tags: tags))
            for row in 0..<rows.count {
                if let test, !test.accepts(tags: tags, field: { name in fieldNames.firstIndex(of: name).flatMap { rows.value(row: row, field: $0) } })
                {
                    continue
                }
                for (field, name) in selected.enumerated() {
                    guard let value = rows.value(row: row, field: field) else { continue }
                    points[name, default: []].append((rows.times[row], value, index))
                }
            }
        }
        for name in points.keys { points[name]?.sort { ($0.time, $0.tagSet) < ($1.time, $1.tagSet) } }
        return points
    }

    /// `function` of `points` per interval: the time of the sample a selector picks (0 for an
    /// integral without `GROUP BY time()`, as InfluxDB answers) and the value; nil where empty.
    func reduce(_ function: InfluxQLSelect.Function, _ points: [InfluxQLReducer.Point], in intervals: Intervals) -> [(
        time: Int64?, value: InfluxQLExecution.ResultValue
    )?] {
        let count = intervals.labels.count
        guard count > 0 else { return [] }
        let width = statement.interval
        if case .integral(let unit) = function {
            let labels = intervals.labels
            let sums = InfluxQLReducer.integrals(
                points, unit: unit, intervals: count, window: { intervals.index(of: $0, width: width) ?? 0 },
                start: { index in width == nil ? 0 : labels[min(index, count - 1)] },
                end: width.map { width in { index in intervals.end(of: index, width: width) } })
            return sums.map { sum in sum.map { (width == nil ? 0 : nil, .number($0)) } }
        }
        return buckets(points, in: intervals).map { InfluxQLReducer.reduce(function, $0) }
    }

    /// `points` by interval index; those outside the intervals are left out.
    private func buckets(_ points: [InfluxQLReducer.Point], in intervals: Intervals) -> [[InfluxQLReducer.Point]] {
        var buckets = [[InfluxQLReducer.Point]](repeating: [], count: intervals.labels.count)
        for point in points {
            guard let index = intervals.index(of: point.time, width: statement.interval), index < buckets.count else { continue }
            buckets[index].append(point)
        }
        return buckets
    }

    /// `distinct`, `top` and `bottom`: several rows per interval (`distinct` at the interval's
    /// start, `top` and `bottom` at their samples' times, with the tags they name, then the
    /// fields and tags selected beside them as they are at the sample).
    func multiRow(_ groups: [Group]) throws -> [InfluxQLExecution.ResultSeries] {
        guard let column = statement.columns.first(where: \.isMultiRow), let function = column.function else { return [] }
        let beside = statement.columns.filter { $0 != column }
        let intervals = try intervals()
        var budget = PointsBudget(limit: execution.maximumPoints)
        var answer: [InfluxQLExecution.ResultSeries] = []
        for group in groups {
            let samples = try samples(of: group, in: intervals, budget: &budget)
            let points = samples[column.field] ?? []
            // The values beside the selected samples: a tag set's tag, else its field at that time.
            let keys = group.tagSets.map { $0.fields.values.first?.key }
            let besideFields = beside.map { other in
                Dictionary(
                    (samples[other.field] ?? []).map { (Pair(tagSet: $0.tagSet, time: $0.time), $0.value) }, uniquingKeysWith: { first, _ in first })
            }
            func besideValues(_ point: InfluxQLReducer.Point) -> [InfluxQLExecution.ResultValue] {
                beside.indices.map { index in
                    if let tag = keys[point.tagSet]?.tag(beside[index].field) { return .text(tag) }
                    return besideFields[index][Pair(tagSet: point.tagSet, time: point.time)].map { .value($0) } ?? .null
                }
            }
            var rows: [[InfluxQLExecution.ResultValue]] = []
            var names = [column.name] + beside.map(\.name)
            for (index, bucket) in buckets(points, in: intervals).enumerated() where !bucket.isEmpty {
                guard case .top(let largest, let count, let tags) = function else {
                    rows += InfluxQLReducer.distinct(bucket).map { [.time(intervals.labels[index]), .value($0)] }
                    continue
                }
                names = [column.name] + tags + beside.map(\.name)
                let tagValues = keys.map { key in tags.map { key?.tag($0) ?? "" } }
                for point in InfluxQLReducer.top(bucket, largest: largest, count: count, tagValues: tags.isEmpty ? nil : tagValues) {
                    rows.append([.time(point.time), .value(point.value)] + tagValues[point.tagSet].map { .text($0) } + besideValues(point))
                }
            }
            guard !rows.isEmpty else { continue }
            if statement.descending { rows.reverse() }
            rows = Array(rows.dropFirst(statement.offset).prefix(statement.limit ?? .max))
            answer.append(.init(name: statement.measurement, tags: group.tags, columns: Self.columnNames(names), rows: .values(rows)))
        }
        return answer
    }

    /// A sample's place: its tag set in the group and its time.
    private struct Pair: Hashable {
        var tagSet: Int
        var time: Int64
    }

    /// A transformation of raw values (`cumulative_sum(v)`, `derivative(v, 1s)`): one row per
    /// sample that has a result, at its time.
    func rawTransformed(_ groups: [Group]) throws -> [InfluxQLExecution.ResultSeries] {
        guard statement.columns.count == 1, let column = statement.columns.first, let transform = column.transform else {
            throw InfluxQLError.unsupported("several transformations of raw values in one statement; select one")
        }
        let from = statement.from ?? Self.earliest
        let to = statement.to ?? .max
        guard from < to else { return [] }
        let range = Intervals(labels: [from], spans: [RollupSpan(from: from, to: to, every: 1)])
        var budget = PointsBudget(limit: execution.maximumPoints)
        var answer: [InfluxQLExecution.ResultSeries] = []
        for group in groups {
            let points = try samples(of: group, in: range, budget: &budget)[column.field] ?? []
            let times = points.map(\.time)
            let results = changes(transform, of: points.map { .value($0.value) }, labels: times)
            var rows: [[InfluxQLExecution.ResultValue]] = zip(times, results).compactMap { time, value in value.map { [.time(time), $0] } }
            guard !rows.isEmpty else { continue }
            if statement.descending { rows.reverse() }
            rows = Array(rows.dropFirst(statement.offset).prefix(statement.limit ?? .max))
            answer.append(.init(name: statement.measurement, tags: group.tags, columns: Self.columnNames([column.name]), rows: .values(rows)))
        }
        return answer
    }

    /// `series` with its columns computed into `outputs`.
    func computed(_ series: InfluxQLExecution.ResultSeries, _ outputs: [InfluxQLArithmetic]) -> InfluxQLExecution.ResultSeries {
        let rows: [[InfluxQLExecution.ResultValue]]
        switch series.rows {
        case .values(let values): rows = values
        case .raw(let raw, let order): rows = order.map { raw.values(row: $0) }
        }
        var result = series
        result.columns = Self.columnNames(outputs.map(\.name))
        result.rows = .values(rows.map { row in [row.first ?? .null] + outputs.map { $0.value(of: row.dropFirst()) } })
        return result
    }
}
