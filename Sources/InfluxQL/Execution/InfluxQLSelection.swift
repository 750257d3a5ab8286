import Historian
import Query

/// Runs one `SELECT`: the series it selects, grouped by the `GROUP BY` tags, as raw rows (fields
/// of a tag set joined on time) or as aggregates per `GROUP BY time()` interval.
///
/// Intervals start at multiples of the interval since the epoch, as in InfluxDB; the first one
/// holds only samples from the query's lower time bound on. Without `GROUP BY` tags, the series of
/// the measurement answer as one (raw rows interleaved by time; aggregates of the union).
struct InfluxQLSelection {
    let execution: InfluxQLExecution
    let statement: InfluxQLSelect

    /// The bounds used when a query names none (about the years 1823 and 2116), so that every span
    /// between them fits an Int64.
    static let earliest = Int64.min / 2
    private static let latest = Int64.max / 2

    func run() throws -> [InfluxQLExecution.ResultSeries] {
        let series = try selectedSeries()
        // SLIMIT and SOFFSET count the series of the answer, the groups of GROUP BY tags.
        let groups = Array(group(series).dropFirst(statement.seriesOffset).prefix(statement.seriesLimit ?? .max))
        let answer: [InfluxQLExecution.ResultSeries]
        if statement.columns.contains(where: \.isMultiRow) {
            answer = try multiRow(groups)
        } else if statement.columns.contains(where: { $0.function == nil && $0.transform != nil }) {
            answer = try rawTransformed(groups)
        } else {
            answer = statement.isAggregate ? try aggregated(groups) : try raw(groups)
        }
        return answer.map { series in
            var series = statement.outputs.map { computed(series, $0) } ?? series
            series.timeZone = statement.timeZone
            return series
        }
    }

    // MARK: selection

    private func selectedSeries() throws(InfluxQLError) -> [Series] {
        let fields = Set(statement.columns.map(\.field)).union(statement.rowCondition?.fields ?? [])
        return execution.visibleSeries(
            SeriesSelection(
                measurement: statement.measurement, predicate: try InfluxQLTagFilter.predicate(statement.tagPredicate),
                fields: fields.contains("*") ? nil : fields))
    }

    /// Groups in order of their tag values; within a group, tag sets in order of their tags.
    struct Group {
        var tags: [SeriesKey.Tag]?
        /// Series by full tag set (without the database tag), then by field.
        var tagSets: [(tags: String, fields: [String: Series])]
    }

    private func group(_ series: [Series]) -> [Group] {
        let keys: [String]
        if statement.groupByTags == ["*"] {
            keys = Set(series.flatMap { $0.key.tags.map(\.key) }).subtracting([execution.databaseTag]).sorted()
        } else {
            keys = statement.groupByTags
        }
        var groups: [[SeriesKey.Tag]: [String: [String: Series]]] = [:]
        for item in series {
            let groupTags = keys.map { SeriesKey.Tag(key: $0, value: item.key.tag($0) ?? "") }
            let tagSet = item.key.tags.filter { $0.key != execution.databaseTag }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            groups[groupTags, default: [:]][tagSet, default: [:]][item.key.field] = item
        }
        return groups.keys.sorted { $0.lexicographicallyPrecedes($1) { ($0.key, $0.value) < ($1.key, $1.value) } }.map { tags in
            let tagSets = groups[tags] ?? [:]
            return Group(tags: keys.isEmpty ? nil : tags, tagSets: tagSets.keys.sorted().map { ($0, tagSets[$0] ?? [:]) })
        }
    }

    // MARK: raw rows

    private func raw(_ groups: [Group]) throws -> [InfluxQLExecution.ResultSeries] {
        let from = statement.from ?? Self.earliest
        let to = statement.to ?? .max
        guard from < to else { return [] }
        // The measurement's field and tag keys decide what `*` and names that no selected series
        // has as a field stand for; a query naming fields it selects (most) does not need them.
        let selectedFields = Set(groups.flatMap { $0.tagSets.flatMap { $0.fields.keys } })
        let needsKeys = statement.columns.contains { $0.field == "*" || !selectedFields.contains($0.field) }
        let measurementSeries = needsKeys ? execution.visibleSeries(SeriesSelection(measurement: statement.measurement)) : []
        let fieldKeys = needsKeys ? Set(measurementSeries.map(\.key.field)) : selectedFields
        let tagKeys = Set(measurementSeries.flatMap { $0.key.tags.map(\.key) }).subtracting([execution.databaseTag])
        // `*` is every field and every tag not grouped by, sorted together, as in InfluxDB; a
        // named tag shows its value; any other name is a field.
        var names: [String] = []
        var sources: [InfluxQLRawRows.Source] = []
        var fieldNames: [String] = []
        func add(_ name: String, as columnName: String) {
            names.append(columnName)
            if !fieldKeys.contains(name), tagKeys.contains(name) {
                sources.append(.tag(name))
            } else {
                if !fieldNames.contains(name) { fieldNames.append(name) }
                sources.append(.field(fieldNames.firstIndex(of: name) ?? 0))
            }
        }
        for column in statement.columns {
            guard column.field == "*" else {
                add(column.field, as: column.name)
                continue
            }
            let grouped = statement.groupByTags == ["*"] ? tagKeys : Set(statement.groupByTags)
            for name in fieldKeys.union(tagKeys.subtracting(grouped)).sorted() { add(name, as: name) }
        }
        let shownFields = Set(sources.compactMap { source -> Int? in if case .field(let index) = source { index } else { nil } })
        // The fields WHERE tests are read too, and not shown unless selected.
        for name in (statement.rowCondition?.fields ?? []).sorted() where !fieldNames.contains(name) { fieldNames.append(name) }
        let filter = try rowFilter(fieldNames: fieldNames, shown: shownFields)
        var budget = PointsBudget(limit: execution.maximumPoints)
        var answer: [InfluxQLExecution.ResultSeries] = []
        for group in groups {
            var rows = InfluxQLRawRows(sources: sources, fieldCount: fieldNames.count)
            for tagSet in group.tagSets {
                var columns: [SampleColumns?] = []
                for field in fieldNames {
                    guard let series = tagSet.fields[field] else {
                        columns.append(nil)
                        continue
                    }
                    columns.append(contentsOf: try read([series], from: from, to: to, budget: &budget))
                }
                let tags = tagSet.fields.values.first?.key.tags ?? []
                rows.append(.init(fields: columns, tags: tags))
            }
            guard rows.count > 0 else { continue }
            answer.append(
                .init(
                    name: statement.measurement, tags: group.tags, columns: Self.columnNames(names),
                    rows: .raw(
                        rows,
                        order: rows.order(
                            descending: statement.descending, offset: statement.offset, limit: statement.limit,
                            where: filter.map { test in { test(rows, $0) } }))))
        }
        return answer
    }

    // MARK: aggregates

    /// The intervals' labels and the spans the engine rolls up: the first interval may start
    /// before the lower bound, so it is rolled up on its own from the bound.
    struct Intervals {
        var labels: [Int64]
        var spans: [RollupSpan]
        /// Intervals of uneven widths (`tz()`): found by their labels rather than by division.
        var irregular = false

        /// The index of the interval that holds `time` (0 without `GROUP BY time()`: the range is
        /// one); nil before the first.
        func index(of time: Int64, width: Int64?) -> Int? {
            guard let start = labels.first else { return nil }
            guard irregular else { return InfluxQLSelection.interval(of: time, start: start, width: width) }
            guard time >= start else { return nil }
            var low = 0
            var high = labels.count
            while high - low > 1 {
                let middle = (low + high) / 2
                if labels[middle] <= time { low = middle } else { high = middle }
            }
            return low
        }

        /// The end of interval `index` of `width` (the next label for irregular ones).
        func end(of index: Int, width: Int64) -> Int64 {
            guard irregular else { return labels[min(index, labels.count - 1)] &+ width }
            return index + 1 < labels.count ? labels[index + 1] : spans.last?.to ?? .max
        }
    }

    /// The intervals of the statement; `extended` adds one interval before the lower bound, whose
    /// aggregate is the predecessor of the first for derivative() and difference() (as in InfluxDB,
    /// whose first interval is then not cut at the lower bound).
    func intervals(extended: Bool = false) throws(InfluxQLError) -> Intervals {
        guard let interval = statement.interval else {
            // Like InfluxDB: without GROUP BY time() the range is open above, with it it ends now.
            let from = max(statement.from ?? Self.earliest, Self.earliest)
            let to = min(statement.to ?? Self.latest, Self.latest)
            guard from < to else { return Intervals(labels: [], spans: []) }
            return Intervals(labels: [statement.from ?? 0], spans: RollupSpan.starting(from: from, to: to, every: to - from))
        }
        guard let lowerBound = statement.from else {
            throw .invalid("GROUP BY time() needs a lower time bound in WHERE, such as time > now() - 1h")
        }
        let (earlier, beforeEarliest) = lowerBound.subtractingReportingOverflow(interval)
        let from = extended && !beforeEarliest ? earlier : lowerBound
        let to = statement.to ?? execution.now
        guard from < to else { return Intervals(labels: [], spans: []) }
        if let zone = statement.timeZone { return try zonedIntervals(zone, every: interval, from: from, to: to) }
        // Intervals start at whole multiples of the interval, plus the offset, since the epoch.
        let offset = statement.intervalOffset
        let (shiftedFrom, fromOverflow) = from.subtractingReportingOverflow(offset)
        let (shiftedTo, toOverflow) = to.subtractingReportingOverflow(offset)
        guard !fromOverflow, !toOverflow,
            let (shiftedSpans, shiftedStart) = RollupSpan.epochAligned(from: shiftedFrom, to: shiftedTo, every: interval)
        else {
            throw .invalid("time out of range for GROUP BY time(): the intervals would start before the earliest time")
        }
        let spans = shiftedSpans.map { RollupSpan(from: $0.from + offset, to: $0.to + offset, every: $0.every) }
        let alignedStart = shiftedStart + offset
        let count = RollupSpan(from: alignedStart, to: to, every: interval).bucketCount
        let perInterval = max(1, statement.columns.count)
        guard count <= execution.maximumPoints / perInterval else { throw tooManyPoints() }
        // Every label lies between alignedStart and to; wrapping arithmetic reaches it even where
        // the offset alone exceeds Int64.
        return Intervals(labels: (0..<count).map { alignedStart &+ Int64($0) &* interval }, spans: spans)
    }

    /// The intervals of `GROUP BY time()` with `tz()`: InfluxDB's windows in local time, walked
    /// from the one that holds `from`; equal intervals that follow each other share a span.
    private func zonedIntervals(_ zone: InfluxQLTimeZone, every interval: Int64, from: Int64, to: Int64) throws(InfluxQLError) -> Intervals {
        let limit = execution.maximumPoints / max(1, statement.columns.count)
        var labels: [Int64] = []
        var spans: [RollupSpan] = []
        var window = zone.window(of: from, width: interval, offset: statement.intervalOffset)
        while window.start < to, case (let width, false) = window.end.subtractingReportingOverflow(window.start), width > 0 {
            guard labels.count < limit else { throw tooManyPoints() }
            labels.append(window.start)
            let span = RollupSpan(from: max(window.start, from), to: min(window.end, to), every: width)
            if let last = spans.last, last.every == span.every, last.to == span.from, (last.to - last.from) % last.every == 0 {
                spans[spans.count - 1].to = span.to
            } else {
                spans.append(span)
            }
            let next = zone.window(of: window.end, width: interval, offset: statement.intervalOffset)
            guard next.start > window.start else { break }
            window = next
        }
        return Intervals(labels: labels, spans: spans, irregular: true)
    }

    private func aggregated(_ groups: [Group]) throws -> [InfluxQLExecution.ResultSeries] {
        let intervals = try intervals()
        guard !intervals.labels.isEmpty else { return [] }
        let lone = statement.interval == nil && statement.columns.count == 1
        if lone, !statement.needsSamples, let column = statement.columns.first, column.isSelector, let span = intervals.spans.first {
            return try selectedSamples(column, groups: groups, from: span.from, to: span.to)
        }
        guard intervals.labels.count * statement.columns.count * groups.count <= execution.maximumPoints else { throw tooManyPoints() }
        let extended = statement.columns.contains { $0.transform != nil } ? try self.intervals(extended: true) : nil
        // Transformations and integral() are not filled, and an interval without any of them has no row.
        let onlyUnfilled = statement.columns.allSatisfy(\.isUnfilled)
        var budget = PointsBudget(limit: execution.maximumPoints)
        var answer: [InfluxQLExecution.ResultSeries] = []
        for group in groups {
            let points = statement.needsSamples ? try samples(of: group, in: extended ?? intervals, budget: &budget) : nil
            // Per column: its aggregate and its value in each interval, nil where the interval is empty
            // (for derivative() and difference(): where the change is not defined).
            var columnValues: [(isCount: Bool, unfilled: Bool, values: [InfluxQLExecution.ResultValue?])] = []
            // Without GROUP BY time() a lone selector answers with its sample's time, integral() with 0.
            var loneTime: Int64?
            for column in statement.columns {
                guard let function = column.function else { continue }
                let members = group.tagSets.compactMap { $0.fields[column.field] }
                let isCount = function == .aggregate(.count) || function == .countDistinct
                func values(in intervals: Intervals) throws -> [InfluxQLExecution.ResultValue?] {
                    guard let points else { return try self.values(function, of: members, in: intervals) }
                    let reduced = reduce(function, points[column.field] ?? [], in: intervals)
                    if lone, column.transform == nil { loneTime = reduced.first??.time }
                    return reduced.map { $0?.value }
                }
                guard let transform = column.transform, let extended else {
                    columnValues.append((isCount, column.isUnfilled, try values(in: intervals)))
                    continue
                }
                let changes = changes(transform, of: try values(in: extended), labels: extended.labels)
                // The extended intervals start one interval earlier (or as the others when they could not).
                let offset = extended.labels.count - intervals.labels.count
                columnValues.append((false, true, Array(changes.dropFirst(offset))))
            }
            guard columnValues.contains(where: { $0.values.contains { $0 != nil } }) else { continue }
            let linear = statement.fill == .linear ? columnValues.map { Self.linearlyFilled($0.values, labels: intervals.labels) } : []
            var rows: [[InfluxQLExecution.ResultValue]] = []
            var previous = [InfluxQLExecution.ResultValue](repeating: .null, count: columnValues.count)
            for (index, label) in intervals.labels.enumerated() {
                var row: [InfluxQLExecution.ResultValue] = [.time(loneTime ?? label)]
                var empty = true
                for (column, item) in columnValues.enumerated() {
                    if let value = item.values[index] {
                        empty = false
                        previous[column] = value
                        row.append(value)
                        continue
                    }
                    // fill() applied to a transformation's aggregate already; integral() is not filled.
                    guard !item.unfilled else {
                        row.append(.null)
                        continue
                    }
                    switch statement.fill {
                    // InfluxDB answers 0 for the count of an empty interval.
                    case .null, .none: row.append(item.isCount ? .count(0) : .null)
                    case .previous: row.append(previous[column])
                    case .linear: row.append(linear[column][index] ?? .null)
                    case .number(let number): row.append(.number(number))
                    }
                }
                if empty, statement.fill == .none || onlyUnfilled { continue }
                rows.append(row)
            }
            if statement.descending { rows.reverse() }
            rows = Array(rows.dropFirst(statement.offset).prefix(statement.limit ?? .max))
            answer.append(
                .init(name: statement.measurement, tags: group.tags, columns: Self.columnNames(statement.columns.map(\.name)), rows: .values(rows)))
        }
        return answer
    }

    /// `fill(linear)`: an empty interval between two with values gets the value on the line
    /// between them; those before the first and after the last stay empty.
    private static func linearlyFilled(_ values: [InfluxQLExecution.ResultValue?], labels: [Int64]) -> [InfluxQLExecution.ResultValue?] {
        var filled = values
        var previous: (index: Int, value: Double)?
        for (index, value) in values.enumerated() {
            guard let number = value.flatMap(\.number) else { continue }
            if let previous, index > previous.index + 1 {
                let span = Double(labels[index] - labels[previous.index])
                for gap in (previous.index + 1)..<index {
                    let fraction = Double(labels[gap] - labels[previous.index]) / span
                    filled[gap] = .number(previous.value + (number - previous.value) * fraction)
                }
            }
            previous = (index, number)
        }
        return filled
    }

    /// `function` of the union of `members` per interval; nil where an interval has no sample.
    private func values(_ function: InfluxQLSelect.Function, of members: [Series], in intervals: Intervals) throws -> [InfluxQLExecution.ResultValue?]
    {
        let aggregate: Aggregate
        switch function {
        case .aggregate(let named): aggregate = named
        case .spread:
            // From the merged buckets' extremes, like max and min.
            let largest = try values(.aggregate(.max), of: members, in: intervals)
            let smallest = try values(.aggregate(.min), of: members, in: intervals)
            return zip(largest, smallest).map { pair -> InfluxQLExecution.ResultValue? in
                guard case .number(let high)? = pair.0, case .number(let low)? = pair.1 else { return nil }
                return .number(high - low)
            }
        case .median, .percentile:
            return try ranked(function, of: members, in: intervals).map { $0.map { .number($0.value) } }
        case .mode, .distinct, .countDistinct, .integral, .top:
            // Statements with these read samples (InfluxQLSelect.needsSamples) and do not come here.
            throw InfluxQLError.unsupported("\(function) from rollups")
        }
        if members.count > 1, aggregate == .first || aggregate == .last, members.contains(where: { $0.kind != .float }) {
            // Buckets hold numbers as Doubles: other kinds keep their type through the samples.
            return try earliestOrLatest(aggregate == .last, of: members, in: intervals)
        }
        let group = SeriesGroup(tags: [], members: members)
        let merged = try HistorianQuery(historian: execution.historian).rollups(of: [group], spans: intervals.spans).first ?? []
        return (0..<intervals.labels.count).map { index -> InfluxQLExecution.ResultValue? in
            guard index < merged.count, merged[index].count > 0 else { return nil }
            let bucket = merged[index]
            if aggregate == .count { return .count(bucket.count) }
            return bucket.value(of: aggregate).map { .number($0) } ?? .null
        }
    }

    /// A transformation of an aggregate per interval (or of raw values at their times), as InfluxDB
    /// computes them: fill() first fills the aggregate (null and none leave gaps, which the change
    /// spans), each interval then gets its change from the nearest earlier one with a value (the
    /// later one when the rows run in descending order); nil where there is none, or the change is
    /// negative and must not be. A running sum, moving average or elapsed time goes the same way.
    func changes(_ transform: InfluxQLSelect.Transform, of values: [InfluxQLExecution.ResultValue?], labels: [Int64]) -> [InfluxQLExecution
        .ResultValue?]
    {
        var filled: [Double?] = (statement.fill == .linear ? Self.linearlyFilled(values, labels: labels) : values).map { $0?.number }
        var carried: Double?
        for index in filled.indices {
            switch statement.fill {
            case .null, .none, .linear: break
            case .previous: if filled[index] == nil { filled[index] = carried }
            case .number(let number): if filled[index] == nil { filled[index] = number }
            }
            if let value = filled[index] { carried = value }
        }
        var result = [InfluxQLExecution.ResultValue?](repeating: nil, count: values.count)
        var predecessor: (time: Int64, value: Double)?
        // A running sum of integers stays an integer, as in InfluxDB.
        let integerValued = values.contains { value in
            switch value {
            case .count?, .value(.integer)?, .value(.unsigned)?: true
            default: false
            }
        }
        var runningSum = 0.0
        var window: [Double] = []
        let order = statement.descending ? Array(filled.indices.reversed()) : Array(filled.indices)
        for index in order {
            guard let value = filled[index] else { continue }
            defer { predecessor = (labels[index], value) }
            switch transform {
            case .cumulativeSum:
                runningSum += value
                result[index] = integerValued ? Int(exactly: runningSum).map { .count($0) } ?? .number(runningSum) : .number(runningSum)
                continue
            case .movingAverage(let count):
                window.append(value)
                if window.count > count { window.removeFirst() }
                if window.count == count { result[index] = .number(window.reduce(0, +) / Double(count)) }
                continue
            default:
                break
            }
            guard let previous = predecessor else { continue }
            var change = value - previous.value
            switch transform {
            case .cumulativeSum, .movingAverage: break
            case .elapsed(let unit):
                let elapsed = labels[index] >= previous.time ? labels[index] &- previous.time : previous.time &- labels[index]
                result[index] = .count(Int(elapsed / unit))
                continue
            case .derivative(let unit, let nonNegative):
                let (later, earlier) = labels[index] >= previous.time ? (labels[index], previous.time) : (previous.time, labels[index])
                let elapsed = Double(UInt64(bitPattern: later &- earlier))
                change /= elapsed / Double(unit ?? statement.interval ?? 1)
                if nonNegative, change < 0 { continue }
            case .difference(let nonNegative):
                if nonNegative, change < 0 { continue }
            }
            result[index] = .number(change)
        }
        return result
    }

    /// `first` or `last` of several series per interval, from their samples: a rollup bucket does
    /// not say when its first and last samples were. Of samples at the same time the larger value
    /// wins, as in InfluxDB.
    private func earliestOrLatest(_ latest: Bool, of members: [Series], in intervals: Intervals) throws -> [InfluxQLExecution.ResultValue?] {
        var chosen = [(time: Int64, value: SampleValue)?](repeating: nil, count: intervals.labels.count)
        try forEachSample(of: members, in: intervals) { interval, time, value in
            guard let current = chosen[interval] else {
                chosen[interval] = (time, value)
                return
            }
            let better = latest ? time > current.time : time < current.time
            if better || (time == current.time && InfluxQLReducer.isGreater(value, than: current.value)) { chosen[interval] = (time, value) }
        }
        return chosen.map { $0.map { .value($0.value) } }
    }

    /// A lone selector (`first`, `last`, `min`, `max`) without `GROUP BY time()` answers with the
    /// time of the sample it selects, as in InfluxDB; `min` and `max` prefer the earliest of equal values.
    private func selectedSamples(_ column: InfluxQLSelect.Column, groups: [Group], from: Int64, to: Int64) throws -> [InfluxQLExecution.ResultSeries]
    {
        var answer: [InfluxQLExecution.ResultSeries] = []
        var budget = PointsBudget(limit: execution.maximumPoints)
        let whole = Intervals(labels: [from], spans: RollupSpan.starting(from: from, to: to, every: to - from))
        for group in groups {
            let members = group.tagSets.compactMap { $0.fields[column.field] }
            guard let aggregate = column.aggregate else {
                // percentile: the ranked sample and its time.
                guard let sample = try ranked(column.function ?? .median, of: members, in: whole).first ?? nil else { continue }
                answer.append(
                    .init(
                        name: statement.measurement, tags: group.tags, columns: ["time", column.name],
                        rows: .values([[.time(sample.time), .number(sample.value)]])))
                continue
            }
            var chosen: Sample?
            for member in members {
                var candidates: [Sample] = []
                switch aggregate {
                case .first:
                    if let sample = try execution.historian.firstSample(series: member.id, atOrAfter: from), sample.timestamp < to {
                        candidates = [sample]
                    }
                case .last:
                    if let sample = try execution.historian.lastSample(series: member.id, before: to), sample.timestamp >= from {
                        candidates = [sample]
                    }
                default:
                    for columns in try read([member], from: from, to: to, budget: &budget) {
                        candidates = (0..<columns.count).map {
                            Sample(timestamp: columns.timestamps[$0], value: columns.value(at: $0), quality: columns.quality(at: $0))
                        }
                    }
                }
                for sample in candidates {
                    guard let current = chosen else {
                        chosen = sample
                        continue
                    }
                    let better: Bool
                    switch aggregate {
                    case .first:
                        better =
                            sample.timestamp < current.timestamp
                            || (sample.timestamp == current.timestamp && InfluxQLReducer.isGreater(sample.value, than: current.value))
                    case .last:
                        better =
                            sample.timestamp > current.timestamp
                            || (sample.timestamp == current.timestamp && InfluxQLReducer.isGreater(sample.value, than: current.value))
                    case .max:
                        better =
                            InfluxQLReducer.isGreater(sample.value, than: current.value)
                            || (sample.value == current.value && sample.timestamp < current.timestamp)
                    default:
                        better =
                            InfluxQLReducer.isGreater(current.value, than: sample.value)
                            || (sample.value == current.value && sample.timestamp < current.timestamp)
                    }
                    if better { chosen = sample }
                }
            }
            guard let chosen else { continue }
            answer.append(
                .init(
                    name: statement.measurement, tags: group.tags, columns: ["time", column.name],
                    rows: .values([[.time(chosen.timestamp), .value(chosen.value)]])))
        }
        return answer
    }

    /// median or percentile of the numeric samples of `members` per interval, with the time of the
    /// sample a percentile selects (a median of an even count is the mean of the middle two, at the
    /// interval's start). InfluxDB's nearest rank: index floor(n x p / 100 + 0.5) - 1 of the values
    /// in ascending order, equal values in time order; no value where that index is outside.
    func ranked(_ function: InfluxQLSelect.Function, of members: [Series], in intervals: Intervals) throws -> [(time: Int64, value: Double)?] {
        var samples = [[(time: Int64, value: Double)]](repeating: [], count: intervals.labels.count)
        try forEachSample(of: members, in: intervals) { interval, time, value in
            switch value {
            case .float(let number): samples[interval].append((time, number))
            case .integer(let number): samples[interval].append((time, Double(number)))
            case .unsigned(let number): samples[interval].append((time, Double(number)))
            case .boolean, .string: break
            }
        }
        return samples.map { values -> (time: Int64, value: Double)? in
            guard !values.isEmpty else { return nil }
            let sorted = values.sorted { ($0.value, $0.time) < ($1.value, $1.time) }
            switch function {
            case .percentile(let percentage):
                let rank = Int((Double(sorted.count) * percentage / 100 + 0.5).rounded(.down)) - 1
                return rank >= 0 && rank < sorted.count ? sorted[rank] : nil
            default:
                let middle = sorted.count / 2
                guard sorted.count % 2 == 0 else { return sorted[middle] }
                return (sorted[middle].time, (sorted[middle - 1].value + sorted[middle].value) / 2)
            }
        }
    }

    /// `time` and the columns' names, a repeated name numbered as InfluxDB does: `percentile`,
    /// `percentile_1`.
    static func columnNames(_ names: [String]) -> [String] {
        var seen: [String: Int] = ["time": 0]
        return ["time"]
            + names.map { name in
                let count = seen[name, default: 0]
                seen[name] = count + 1
                return count == 0 ? name : "\(name)_\(count)"
            }
    }

    /// Calls `body` with the interval index, time and value of every sample of `members` in the
    /// intervals' range, decoded from the engine (at most `max_query_points` samples in all).
    private func forEachSample(
        of members: [Series], in intervals: Intervals, _ body: (_ interval: Int, _ time: Int64, _ value: SampleValue) -> Void
    ) throws {
        guard let from = intervals.spans.first?.from, let to = intervals.spans.last?.to else { return }
        var budget = PointsBudget(limit: execution.maximumPoints)
        for columns in try read(members, from: from, to: to, budget: &budget) {
            for index in 0..<columns.count {
                let time = columns.timestamps[index]
                guard let interval = intervals.index(of: time, width: statement.interval), interval < intervals.labels.count else {
                    continue
                }
                body(interval, time, columns.value(at: index))
            }
        }
    }

    /// The index of the interval of `width` from `start` that holds `time` (0 without intervals:
    /// the whole range is one); nil before `start`. The difference fits a UInt64 at any times.
    static func interval(of time: Int64, start: Int64, width: Int64?) -> Int? {
        guard let width else { return 0 }
        guard time >= start else { return nil }
        return Int(clamping: UInt64(bitPattern: time &- start) / UInt64(width))
    }

    /// The samples of `series` in `[from, to)` as columns, charged to `budget`.
    /// - Throws: the points-limit error when the budget would be passed; storage errors.
    func read(_ series: [Series], from: Int64, to: Int64, budget: inout PointsBudget) throws -> [SampleColumns] {
        do {
            return try HistorianQuery(historian: execution.historian).columns(of: series, from: from, to: to, budget: &budget)
        } catch is PointsBudget.Exceeded {
            throw tooManyPoints()
        }
    }

    func tooManyPoints() -> InfluxQLError {
        let advice = "narrow the time range, select fewer series or use a longer GROUP BY time()"
        guard execution.maximumPoints < execution.requestPointLimit else {
            return .invalid("the query would return more points than the server's limit of \(execution.maximumPoints); \(advice)")
        }
        return .invalid(
            "the query would return more points than the \(execution.maximumPoints) left of the server's limit of \(execution.requestPointLimit) "
                + "for all statements of this request; send fewer statements per request, or \(advice)")
    }
}
