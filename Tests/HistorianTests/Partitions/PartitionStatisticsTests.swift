import Foundation
import TestSupport
import Testing

@testable import Historian

@Suite struct PartitionStatisticsTests {
    /// An index whose statistics do not match the chunk (a writer bug, not a flipped bit: the
    /// index checksum is valid) is a fault of `verify`.
    @Test func verifyRecomputesTheStatistics() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        do {
            let historian = try Historian(directory: directory.path)
            _ = try historian.register([(SeriesKey(measurement: "m", field: "v"), .float)])
        }
        var chunk = OpenChunk(series: 1, kind: .float, window: 0, windowEnd: 1_000, sequence: 1)
        for time in 0..<10 { chunk.append(timestamp: Int64(time), bits: Double(time).bitPattern, quality: 0) }
        let good = chunk.seal()
        var wrong = good.statistics
        wrong.sum += 1
        let bad = SealedChunk(series: 1, window: 0, sequence: 1, statistics: wrong, timestamps: good.timestamps, payload: good.payload)
        try FileManager.default.createDirectory(atPath: directory.path + "/partitions", withIntermediateDirectories: true)
        _ = try PartitionFile.write([good], windowStart: 0, windowEnd: 1_000, coveredSegment: 0, directory: directory.path + "/partitions")
        #expect(Historian.verify(directory: directory.path).faults.isEmpty)
        let path = try PartitionFile.write(
            [bad], windowStart: 0, windowEnd: 1_000, coveredSegment: 0, directory: directory.path + "/partitions", generation: 1)
        let faults = Historian.verify(directory: directory.path).faults
        #expect(faults.count == 1)
        let offset = try #require(try PartitionFile(path: path).entries(of: 1).first?.offset)
        #expect(faults.first == path + ": corrupt at byte offset \(offset): chunk of series 1 disagrees with its index statistics")
    }
}
