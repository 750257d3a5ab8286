import Foundation
import TestSupport
import Testing

@testable import Historian

@Suite struct PartitionFileWriterTests {
    private func chunk(series: SeriesID, from start: Int, count: Int, sequence: UInt64, step: Int = 1) -> SealedChunk {
        var open = OpenChunk(series: series, kind: .float, window: 0, windowEnd: 1_000_000, sequence: sequence)
        for index in 0..<count {
            let time = start + index * step
            open.append(timestamp: Int64(time), bits: Double(time * Int(series)).bitPattern, quality: 0)
        }
        return open.seal()
    }

    /// Chunks larger than the writer's buffer, and series that share a timestamp column: every
    /// chunk reads back, and the shared column is stored once.
    @Test func chunksWrittenOneByOneReadBackAndShareTimestamps() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let chunks = (1...40).map { series in chunk(series: SeriesID(series), from: 0, count: 30_000, sequence: UInt64(series), step: 7) }
        let writer = try PartitionFileWriter(windowStart: 0, windowEnd: 1_000_000, coveredSegment: 3, directory: directory.path)
        for chunk in chunks { try writer.append(chunk) }
        let path = try writer.finish()
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [(path as NSString).lastPathComponent])
        let file = try PartitionFile(path: path)
        #expect(file.seriesIDs == (1...40).map { SeriesID($0) })
        #expect(Set(file.entries.map(\.timestampOffset)).count == 1)
        for chunk in chunks {
            let entries = file.entries(of: chunk.series)
            #expect(entries.count == 1)
            let entry = try #require(entries.first)
            let columns = try file.columns(of: entry)
            let decoded = try ChunkPayload.decode(columns, kind: .float, context: path, offset: entry.offset)
            #expect(decoded.timestamps == (0..<30_000).map { Int64($0 * 7) })
            #expect(decoded.bits == (0..<30_000).map { Double($0 * 7 * Int(chunk.series)).bitPattern })
            #expect(entry.statistics == chunk.statistics)
        }
    }

    /// An index written out of order (the writer does not check) is put in order when the file is
    /// opened, so the lookup by series finds every chunk.
    @Test func anIndexOutOfOrderIsSortedWhenOpened() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let writer = try PartitionFileWriter(windowStart: 0, windowEnd: 1_000_000, coveredSegment: 1, directory: directory.path)
        for (series, start) in [(3, 0), (1, 100), (3, 50), (2, 0), (1, 0)] {
            try writer.append(chunk(series: SeriesID(series), from: start, count: 10, sequence: UInt64(start)))
        }
        let file = try PartitionFile(path: try writer.finish())
        #expect(file.entries.map(\.series) == [1, 1, 2, 3, 3])
        #expect(file.entries(of: 1).map(\.statistics.minTime) == [0, 100])
        #expect(file.entries(of: 3).map(\.statistics.minTime) == [0, 50])
        #expect(file.entries(of: 4).isEmpty)
    }

    /// A writer released before ``PartitionFileWriter/finish()`` and one whose write fails leave
    /// no file behind.
    @Test func anUnfinishedOrFailedFileLeavesNothing() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        do {
            let writer = try PartitionFileWriter(windowStart: 0, windowEnd: 1_000_000, coveredSegment: 1, directory: directory.path)
            try writer.append(chunk(series: 1, from: 0, count: 10, sequence: 1))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
        let faults = FaultSwitch()
        let writer = try PartitionFileWriter(
            windowStart: 0, windowEnd: 1_000_000, coveredSegment: 2, directory: directory.path, faults: faults)
        try writer.append(chunk(series: 1, from: 0, count: 10, sequence: 1))
        faults.fail(.write, pathContaining: ".part", with: ENOSPC)
        #expect(throws: HistorianError.self) { _ = try writer.finish() }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}
