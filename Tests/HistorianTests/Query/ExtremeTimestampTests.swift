import TestSupport
import Testing

@testable import Historian

/// Timestamps at the ends of Int64 must not trap anywhere: ingest, windows, flush, queries.
@Suite struct ExtremeTimestampTests {
    @Test func extremeTimestampsAreStoredAndQueried() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let historian = try Historian(directory: directory.path)
        let key = SeriesKey(measurement: "m", field: "v")
        let times: [Int64] = [.min, .min + 1, -1, 0, 1, .max - 2, .max - 1]
        _ = try historian.write(times.enumerated().map { Point(series: key, timestamp: $0.element, value: .float(Double($0.offset))) })
        #expect(throws: HistorianError.self) { try historian.write([Point(series: key, timestamp: .max, value: .float(0))]) }
        try historian.flush()
        _ = try historian.compact()
        let id = try #require(historian.series(for: key)).id
        #expect(try historian.samples(series: id, from: .min, to: .max).map(\.timestamp) == times)
        let rollup = try historian.rollup(series: id, from: .min, to: .max, every: Int64.max / 4, timeWeighted: true)
        #expect(rollup.buckets.reduce(0) { $0 + $1.count } == 7)
        #expect(rollup.buckets.first?.start == .min && rollup.buckets.last?.end == .max)
        let plot = try historian.plot(series: id, from: .min, to: .max, buckets: 3)
        #expect(plot.reduce(0) { $0 + $1.points.count } >= 3)
        let interpolated = try historian.interpolate(series: id, from: .min, to: .max, step: Int64.max / 2)
        #expect(interpolated.first?.value == 0)
        #expect(try historian.latest(series: id)?.timestamp == .max - 1)
        #expect(Historian.verify(directory: directory.path).faults.isEmpty)
    }
}
