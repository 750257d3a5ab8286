import Foundation
import TestSupport
import Testing

@testable import Historian

@Suite struct PartitionFileTests {
    /// Writes one day of 1 Hz data for two series and flushes it into a partition file.
    func makeDirectory() throws -> (TemporaryDirectory, String) {
        let directory = try TemporaryDirectory()
        let historian = try Historian(directory: directory.path)
        var points: [Point] = []
        for second in 0..<3_600 {
            let time = Int64(second) * 1_000_000_000
            points.append(Point(series: SeriesKey(measurement: "m", field: "a"), timestamp: time, value: .float(Double(second % 17) / 10)))
            points.append(Point(series: SeriesKey(measurement: "m", field: "b"), timestamp: time, value: .integer(Int64(second))))
        }
        _ = try historian.write(points)
        try historian.flush()
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: directory.path + "/partitions").first { $0.hasSuffix(".part") })
        return (directory, directory.path + "/partitions/" + name)
    }

    @Test func seriesWithEqualTimestampsShareOneColumn() throws {
        let (directory, path) = try makeDirectory()
        defer { directory.remove() }
        let file = try PartitionFile(path: path)
        let entries = file.entries
        #expect(entries.count == 2)
        // Both series were written with the same 3,600 timestamps: one stored column.
        #expect(Set(entries.map(\.timestampOffset)).count == 1)
        #expect(entries[0].timestampLength == entries[1].timestampLength)
    }

    @Test func verifyPassesOnACleanDirectory() throws {
        let (directory, _) = try makeDirectory()
        defer { directory.remove() }
        let report = Historian.verify(directory: directory.path)
        #expect(report.faults.isEmpty)
        #expect(report.checked.contains { $0.contains("2 series, 2 chunks") })
    }

    @Test func wholeChunkBucketsUseStatistics() throws {
        let (directory, _) = try makeDirectory()
        defer { directory.remove() }
        let historian = try Historian(directory: directory.path)
        let series = try #require(historian.series(for: SeriesKey(measurement: "m", field: "b")))
        // One bucket covering the whole hour: the single chunk answers from its statistics.
        let rollup = try historian.rollup(series: series.id, from: 0, to: 3_600_000_000_000, every: 3_600_000_000_000)
        #expect(rollup.chunksFromStatistics == 1 && rollup.chunksDecoded == 0)
        // Sum of 0...3599 = 3599 * 3600 / 2 = 6478200; mean 1799.5.
        #expect(rollup.buckets[0].sum == 6_478_200 && rollup.buckets[0].mean == 1_799.5)
        let decoded = try historian.rollup(series: series.id, from: 0, to: 3_600_000_000_000, every: 3_600_000_000_000, useChunkStatistics: false)
        #expect(decoded.chunksDecoded == 1)
        #expect(decoded.buckets[0].count == 3_600 && decoded.buckets[0].sum == 6_478_200)
        // Sample standard deviation of 0...n-1 is sqrt(n(n+1)/12) for n = 3600: sqrt(3600 * 3601 / 12) = sqrt(1080300).
        let expected = (1_080_300.0).squareRoot()
        #expect(abs((rollup.buckets[0].stddev ?? 0) - expected) < 1e-9 * expected)
        #expect(abs((decoded.buckets[0].stddev ?? 0) - expected) < 1e-9 * expected)
    }

    @Test func aFlippedByteInAChunkIsAFaultNamingTheFile() throws {
        let (directory, path) = try makeDirectory()
        defer { directory.remove() }
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[PartitionFile.headerSize + 5] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: path))
        let report = Historian.verify(directory: directory.path)
        #expect(report.faults.count == 1)
        #expect(report.faults.first?.hasPrefix(path + ": corrupt at byte offset \(PartitionFile.headerSize)") == true)
        let historian = try Historian(directory: directory.path)
        let series = try #require(historian.allSeries.first)
        #expect(throws: HistorianError.self) { try historian.samples(series: series.id, from: .min, to: .max) }
    }

    /// A partition file cut at random lengths never opens silently: it is an error naming the file.
    @Test func aCutPartitionFileIsAnErrorNamingTheFile() throws {
        let (directory, path) = try makeDirectory()
        defer { directory.remove() }
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        var generator = SplitMix64(seed: 5)
        for _ in 0..<30 {
            let cut = Int(generator.next() % UInt64(original.count))
            try original.prefix(cut).write(to: URL(fileURLWithPath: path))
            do {
                _ = try PartitionFile(path: path)
                Issue.record("a partition cut at \(cut) of \(original.count) bytes opened")
            } catch {
                guard case .corrupt(let file, _, _) = error else { Issue.record("unexpected \(error)"); continue }
                #expect(file == path)
            }
        }
    }
}
