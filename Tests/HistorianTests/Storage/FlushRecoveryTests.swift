import Foundation
import Testing
@testable import Historian

/// A crash in the middle of a flush leaves partition files the checkpoint does not cover, or a
/// temporary file: opening removes them and replays the WAL, which still holds their samples.
@Suite struct FlushRecoveryTests {
    @Test func filesOfAnInterruptedFlushAreRemovedAndTheWALReplayed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let key = SeriesKey(measurement: "m", field: "v")
        let first = (0..<100).map { Point(series: key, timestamp: Int64($0), value: .float(Double($0))) }
        let second = (100..<200).map { Point(series: key, timestamp: Int64($0), value: .float(Double($0))) }
        var flushedName = ""
        do {
            let historian = try Historian(directory: directory.path)
            _ = try historian.write(first)
            try historian.flush()
            _ = try historian.write(second)
            flushedName = try #require(try FileManager.default.contentsOfDirectory(atPath: directory.path + "/partitions").first)
        }
        // Fake the leftovers of a second flush that crashed before its checkpoint: a partition file
        // claiming a later WAL segment (a copy of the first, so its samples would double-count
        // if it were read) and a temporary file.
        let partitions = directory.path + "/partitions/"
        let orphan = PartitionFile.fileName(coveredSegment: 99, windowStart: 0)
        try FileManager.default.copyItem(atPath: partitions + flushedName, toPath: partitions + orphan)
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: partitions + orphan + ".tmp"))
        let historian = try Historian(directory: directory.path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: partitions) == [flushedName])
        let id = try #require(historian.series(for: key)).id
        #expect(try historian.samples(series: id, from: .min, to: .max) == (first + second).map(\.sample))
        #expect(historian.recovery.samplesReplayed == 100)
    }
}

@Suite struct DirectoryLockTests {
    @Test func aSecondOpenOfTheSameDirectoryFailsUntilTheFirstCloses() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var first: Historian? = try Historian(directory: directory.path)
        #expect(first != nil)
        #expect(throws: HistorianError.self) { try Historian(directory: directory.path) }
        first = nil
        let reopened = try Historian(directory: directory.path)
        #expect(reopened.recovery.tornTail == nil)
        // Opening does not pile up empty WAL segments.
        #expect(try WriteAheadLog.segments(in: directory.path + "/wal").count == 1)
    }
}

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
        _ = try historian.write((0..<150).flatMap { [Point(series: press, timestamp: Int64($0 * 2), value: .float(1)), Point(series: oven, timestamp: Int64($0 * 2), value: .float(2))] })
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
