import Foundation
import TestSupport
import Testing

@testable import Historian

@Suite struct StringSeriesTests {
    @Test func stringsSurviveRestartFlushAndCompaction() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let key = SeriesKey(measurement: "machine", tags: [.init(key: "id", value: "M1")], field: "state")
        let texts = ["idle", "running", "running", "fault: spindle", "idle", "ünïcode ✓"]
        let points = texts.enumerated().map { Point(series: key, timestamp: Int64($0.offset) * 10, value: .string($0.element)) }
        do {
            let historian = try Historian(directory: directory.path)
            #expect(try historian.write(points).isEmpty)
            // A float value for the string series is a kind conflict, reported per point.
            #expect(try historian.write([Point(series: key, timestamp: 99, value: .float(1))]).count == 1)
        }
        let id: SeriesID
        do {
            let historian = try Historian(directory: directory.path)
            id = try #require(historian.series(for: key)).id
            #expect(try historian.samples(series: id, from: .min, to: .max) == points.map(\.sample), "after WAL replay")
            try historian.flush()
            _ = try historian.write([Point(series: key, timestamp: 5, value: .string("late"))])
            try historian.flush()
            #expect(try historian.compact().windowsCompacted == 1)
        }
        let historian = try Historian(directory: directory.path)
        var withLate = points.map(\.sample)
        withLate.insert(Sample(timestamp: 5, value: .string("late")), at: 1)
        #expect(try historian.samples(series: id, from: .min, to: .max) == withLate, "after flush, compaction and reopen")
        // Timestamps 0, 5, 10, 20 fall in [0, 30); 30, 40, 50 in [30, 60).
        #expect(try historian.rollup(series: id, from: 0, to: 60, every: 30).buckets.map(\.count) == [4, 3])
        #expect(throws: HistorianError.query(.notNumeric(series: key.description))) {
            try historian.interpolate(series: id, from: 0, to: 60, step: 10)
        }
        #expect(Historian.verify(directory: directory.path).faults.isEmpty)
    }
}
