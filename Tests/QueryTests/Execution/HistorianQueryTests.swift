import Historian
import Query
import TestSupport
import Testing

@Suite struct HistorianQueryTests {
    static let second: Int64 = 1_000_000_000

    static func key(_ machine: String, line: String) -> SeriesKey {
        SeriesKey(measurement: "press", tags: [.init(key: "line", value: line), .init(key: "machine", value: machine)], field: "temp")
    }

    @Test func groupedRollupsEqualTheRollupOfTheUnionForEveryAggregate() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let historian = try Historian(directory: directory.path)
        var generator = SplitMix64(seed: 7)
        // Three machines on two lines; a fourth series holds the union of line L1's samples.
        var points: [Point] = []
        let union = SeriesKey(measurement: "union", tags: [], field: "temp")
        for (index, machine) in ["M1", "M2", "M3"].enumerated() {
            for step in 0..<500 {
                let time = Int64(step) * 7 * Self.second + Int64(index) * 1_000 + Int64(generator.next() % 1_000)
                let value = Double(generator.next() % 10_000) / 100
                points.append(Point(series: Self.key(machine, line: index < 2 ? "L1" : "L2"), timestamp: time, value: .float(value)))
                if index < 2 { points.append(Point(series: union, timestamp: time, value: .float(value))) }
            }
        }
        _ = try historian.write(points)
        let query = HistorianQuery(historian: historian)
        let selected = SeriesSelection(measurement: "press").series(in: historian)
        let groups = SeriesGrouping.tags(["line"]).groups(of: selected)
        #expect(groups.map(\.tags) == [[.init(key: "line", value: "L1")], [.init(key: "line", value: "L2")]])
        #expect(groups.map(\.members.count) == [2, 1])
        let spans = RollupSpan.starting(from: 0, to: 3_600 * Self.second, every: 60 * Self.second)
        let grouped = try query.rollups(of: groups, spans: spans)
        let unionSeries = try #require(historian.series(for: union))
        let expected = try historian.rollup(series: unionSeries.id, from: 0, to: 3_600 * Self.second, every: 60 * Self.second).buckets
        #expect(grouped[0].count == expected.count)
        for (bucket, reference) in zip(grouped[0], expected) {
            #expect(bucket.count == reference.count)
            // Exact: extremes and the values of the earliest and latest samples.
            for aggregate in [Aggregate.min, .max, .first, .last] {
                #expect(bucket.value(of: aggregate) == reference.value(of: aggregate), "\(aggregate) at \(bucket.start)")
            }
            // Equal up to the order of the additions.
            for aggregate in [Aggregate.sum, .mean, .stddev] {
                let (value, exact) = (bucket.value(of: aggregate), reference.value(of: aggregate))
                #expect((value == nil) == (exact == nil))
                if let value, let exact { #expect(abs(value - exact) <= 1e-9 * max(1, abs(exact)), "\(aggregate) at \(bucket.start)") }
            }
        }
    }

    @Test func rollupsOverSeveralSpansFollowEachOther() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let historian = try Historian(directory: directory.path)
        let key = Self.key("M1", line: "L1")
        _ = try historian.write((0..<100).map { Point(series: key, timestamp: Int64($0), value: .float(Double($0))) })
        let series = SeriesSelection(measurement: "press").series(in: historian)
        let spans = try #require(RollupSpan.epochAligned(from: 25, to: 100, every: 10)).spans
        let buckets = try #require(try HistorianQuery(historian: historian).rollups(of: SeriesGrouping.none.groups(of: series), spans: spans).first)
        #expect(buckets.map(\.start) == [25, 30, 40, 50, 60, 70, 80, 90])
        #expect(buckets.map(\.count) == [5, 10, 10, 10, 10, 10, 10, 10])
        let firstSum: Double = 25 + 26 + 27 + 28 + 29
        #expect(buckets.first?.sum == firstSum)
    }

    @Test func rawColumnsKeepTheQualitiesAskedAndStayWithinTheBudget() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let historian = try Historian(directory: directory.path)
        let key = Self.key("M1", line: "L1")
        _ = try historian.write(
            (0..<10).map {
                Point(series: key, timestamp: Int64($0), value: .integer(Int64($0)), quality: $0 % 3 == 0 ? .bad : .good)
            })
        let query = HistorianQuery(historian: historian)
        let series = SeriesSelection(measurement: "press").series(in: historian)
        var budget = PointsBudget(limit: 10)
        let good = try query.columns(of: series, from: 0, to: 10, qualities: [.good], budget: &budget)
        #expect(good.first?.timestamps == [1, 2, 4, 5, 7, 8])
        #expect(budget.remaining == 4)
        #expect(throws: PointsBudget.Exceeded.self) { try query.columns(of: series, from: 0, to: 10, budget: &budget) }
        #expect(budget.remaining == 4, "a refused read takes nothing")
        var unlimited = PointsBudget(limit: .max)
        let numeric = try query.numericColumns(of: series[0], from: 2, to: 6, qualities: nil, budget: &unlimited)
        #expect(numeric.times == [2, 3, 4, 5] && numeric.values == [2, 3, 4, 5])
    }
}
