import TestSupport
import Testing

@testable import Historian

@Suite struct RetentionTests {
    @Test func perMeasurementRetentionKeepsOtherMeasurements() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var options = HistorianOptions()
        options.partitionWindow = 100
        let historian = try Historian(directory: directory.path, options: options)
        let press = SeriesKey(measurement: "press", field: "temp")
        let oven = SeriesKey(measurement: "oven", field: "temp")
        // Windows [0, 100), [100, 200), [200, 300); two flushes so that windows have two files.
        _ = try historian.write(
            (0..<150).flatMap {
                [Point(series: press, timestamp: Int64($0 * 2), value: .float(1)), Point(series: oven, timestamp: Int64($0 * 2), value: .float(2))]
            })
        try historian.flush()
        _ = try historian.write([Point(series: press, timestamp: 50, value: .float(3)), Point(series: oven, timestamp: 51, value: .float(4))])
        try historian.flush()
        // Windows ending at or before 200: [0, 100) and [100, 200).
        #expect(try historian.dropPartitions(endingAtOrBefore: 200, measurement: "press") == 2)
        let pressID = try #require(historian.series(for: press)).id
        let ovenID = try #require(historian.series(for: oven)).id
        #expect(try historian.samples(series: pressID, from: .min, to: .max).map(\.timestamp) == (100..<150).map { Int64($0 * 2) })
        // Oven keeps all 150 samples plus the late one at 51.
        #expect(try historian.samples(series: ovenID, from: .min, to: .max).count == 151)
        #expect(Historian.verify(directory: directory.path).faults.isEmpty)
        // Global retention then removes whole windows.
        #expect(try historian.dropPartitions(endingAtOrBefore: 200).count == 2)
        #expect(try historian.samples(series: ovenID, from: .min, to: .max).map(\.timestamp) == (100..<150).map { Int64($0 * 2) })
    }
}
