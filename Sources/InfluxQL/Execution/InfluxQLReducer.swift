import Historian

/// InfluxQL's functions computed from decoded samples, with InfluxDB 1.x's rules for ties: the
/// functions rollups do not hold (`mode`, `distinct`, `count(distinct())`, `integral`, `top`,
/// `bottom`) and every function when a condition on field values picks the samples.
enum InfluxQLReducer {
    /// A sample of a group: its time, value and the index of its tag set in the group.
    typealias Point = (time: Int64, value: SampleValue, tagSet: Int)

    /// `function` of the samples of one interval (in time order): the time of the sample a
    /// selector picks (nil for the others) and the value; nil for no samples.
    static func reduce(_ function: InfluxQLSelect.Function, _ points: [Point]) -> (time: Int64?, value: InfluxQLExecution.ResultValue)? {
        guard let firstPoint = points.first else { return nil }
        let numbers = points.compactMap { point in number(point.value).map { (time: point.time, value: $0) } }
        switch function {
        case .aggregate(.count): return (nil, .count(points.count))
        case .aggregate(.first), .aggregate(.last):
            let latest = function == .aggregate(.last)
            // Of samples at the same time (several series), the larger value wins.
            let chosen = points.dropFirst().reduce(firstPoint) { best, point in
                let later = latest ? point.time > best.time : point.time < best.time
                return later || (point.time == best.time && isGreater(point.value, than: best.value)) ? point : best
            }
            return (chosen.time, .value(chosen.value))
        case .aggregate(.min), .aggregate(.max):
            let largest = function == .aggregate(.max)
            // Of equal values, the earliest.
            let chosen = points.dropFirst().reduce(firstPoint) { best, point in
                let better = largest ? isGreater(point.value, than: best.value) : isGreater(best.value, than: point.value)
                return better || (point.value == best.value && point.time < best.time) ? point : best
            }
            return (chosen.time, .value(chosen.value))
        case .aggregate(.sum):
            guard !numbers.isEmpty else { return nil }
            let sum = numbers.reduce(0) { $0 + $1.value }
            let integers = points.allSatisfy { if case .integer = $0.value { true } else { false } }
            return (nil, integers ? Int(exactly: sum).map { .count($0) } ?? .number(sum) : .number(sum))
        case .aggregate(.mean):
            guard !numbers.isEmpty else { return nil }
            return (nil, .number(numbers.reduce(0) { $0 + $1.value } / Double(numbers.count)))
        case .aggregate(.stddev):
            guard numbers.count > 1 else { return (nil, .null) }
            let mean = numbers.reduce(0) { $0 + $1.value } / Double(numbers.count)
            let squares = numbers.reduce(0) { $0 + ($1.value - mean) * ($1.value - mean) }
            return (nil, .number((squares / Double(numbers.count - 1)).squareRoot()))
        case .spread:
            guard let low = numbers.map(\.value).min(), let high = numbers.map(\.value).max() else { return nil }
            return (nil, .number(high - low))
        case .median, .percentile:
            let sorted = numbers.sorted { ($0.value, $0.time) < ($1.value, $1.time) }
            guard !sorted.isEmpty else { return nil }
            if case .percentile(let percentage) = function {
                let rank = Int((Double(sorted.count) * percentage / 100 + 0.5).rounded(.down)) - 1
                return rank >= 0 && rank < sorted.count ? (sorted[rank].time, .number(sorted[rank].value)) : nil
            }
            let middle = sorted.count / 2
            guard sorted.count % 2 == 0 else { return (nil, .number(sorted[middle].value)) }
            return (nil, .number((sorted[middle - 1].value + sorted[middle].value) / 2))
        case .mode: return (nil, .value(mode(points)))
        case .countDistinct: return (nil, .count(Set(points.map(\.value)).count))
        case .aggregate, .distinct, .integral, .top: return nil
        }
    }

    /// InfluxDB 1.6's mode: the samples sorted by value with Go's (unstable) sort, and a value
    /// takes the lead when its count reaches the leader's, unless its run began after the time
    /// of the leader's last counted sample.
    static func mode(_ points: [Point]) -> SampleValue {
        var sorted = points
        GoPatternDefeatingSort.sort(&sorted) { isGreater($1.value, than: $0.value) }
        guard sorted.count > 1, var mostMode = sorted.first else { return points[0].value }
        var mostFrequency = 0
        var currentFrequency = 0
        var currentMode = mostMode.value
        var currentTime = mostMode.time
        for point in sorted {
            if point.value != currentMode {
                currentFrequency = 1
                currentMode = point.value
                currentTime = point.time
                continue
            }
            currentFrequency += 1
            if mostFrequency > currentFrequency || (mostFrequency == currentFrequency && currentTime > mostMode.time) { continue }
            mostFrequency = currentFrequency
            mostMode = point
        }
        return mostMode.value
    }

    /// The distinct values in the order of their first samples' times (of equal times, ascending),
    /// as InfluxDB 1.6 answers them.
    static func distinct(_ points: [Point]) -> [SampleValue] {
        var firstTimes: [SampleValue: Int64] = [:]
        for point in points where firstTimes[point.value] == nil { firstTimes[point.value] = point.time }
        return firstTimes.sorted { left, right in
            left.value != right.value ? left.value < right.value : isGreater(right.key, than: left.key)
        }.map(\.key)
    }

    /// `top` (`largest`) or `bottom`: the `count` largest or smallest samples (of equal values the
    /// earliest); with `tagValues` (the values of the named tags per tag set) only the best of each
    /// combination of those values. In time order.
    static func top(_ points: [Point], largest: Bool, count: Int, tagValues: [[String]]?) -> [Point] {
        func better(_ point: Point, _ other: Point) -> Bool {
            if point.value != other.value { return largest ? isGreater(point.value, than: other.value) : isGreater(other.value, than: point.value) }
            return point.time < other.time
        }
        var candidates = points
        if let tagValues {
            // The best of each tag set first, then of each combination of tag values.
            var bestOfTagSet = [Point?](repeating: nil, count: tagValues.count)
            for point in points where point.tagSet < tagValues.count {
                if let current = bestOfTagSet[point.tagSet], !better(point, current) { continue }
                bestOfTagSet[point.tagSet] = point
            }
            var best: [[String]: Point] = [:]
            for case let point? in bestOfTagSet {
                let combination = tagValues[point.tagSet]
                if let current = best[combination], !better(point, current) { continue }
                best[combination] = point
            }
            candidates = Array(best.values)
        }
        return candidates.sorted(by: better).prefix(count).sorted { ($0.time, $0.tagSet) < ($1.time, $1.tagSet) }
    }

    /// InfluxDB 1.6's integral over every sample of the range in time order: trapezoids per `unit`;
    /// a sample in a later interval closes the current one with the value interpolated at its end.
    /// Of samples at the same time the later one counts. The result per interval index (`window`
    /// gives a time's; `start` and `end` an interval's bounds); nil where an interval has no area.
    static func integrals(
        _ points: [Point], unit: Int64, intervals count: Int, window: (Int64) -> Int, start: (Int) -> Int64, end: ((Int) -> Int64)?
    ) -> [Double?] {
        var result = [Double?](repeating: nil, count: count)
        var previous: (time: Int64, value: Double)?
        var current = 0
        var sum = 0.0
        for point in points {
            guard let value = number(point.value) else { continue }
            guard let last = previous else {
                previous = (point.time, value)
                current = window(point.time)
                continue
            }
            if last.time == point.time {
                previous = (point.time, value)
                continue
            }
            var from = last
            if let end, point.time >= end(current) {
                let boundary = end(current)
                if from.time != boundary {
                    let slope = (value - from.value) / elapsed(from.time, point.time)
                    let atBoundary = slope * elapsed(from.time, boundary) + from.value
                    sum += 0.5 * (atBoundary + from.value) * elapsed(from.time, boundary) / Double(unit)
                    from = (boundary, atBoundary)
                }
                if current < count { result[current] = sum }
                current = window(point.time)
                sum = 0
            }
            sum += 0.5 * (value + from.value) * elapsed(from.time, point.time) / Double(unit)
            previous = (point.time, value)
        }
        if let previous, previous.time != start(current), current < count { result[current] = sum }
        return result
    }

    /// Nanoseconds from `earlier` to `later` (not before it), at any two times.
    private static func elapsed(_ earlier: Int64, _ later: Int64) -> Double {
        Double(UInt64(bitPattern: later &- earlier))
    }

    static func number(_ value: SampleValue) -> Double? {
        switch value {
        case .float(let number): number
        case .integer(let number): Double(number)
        case .unsigned(let number): Double(number)
        case .boolean, .string: nil
        }
    }

    static func isGreater(_ value: SampleValue, than other: SampleValue) -> Bool {
        switch (value, other) {
        case (.float(let a), .float(let b)): a > b
        case (.integer(let a), .integer(let b)): a > b
        case (.unsigned(let a), .unsigned(let b)): a > b
        case (.string(let a), .string(let b)): a > b
        case (.boolean(let a), .boolean(let b)): a && !b
        default: false
        }
    }
}
