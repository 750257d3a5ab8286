import Foundation
import TestSupport
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
