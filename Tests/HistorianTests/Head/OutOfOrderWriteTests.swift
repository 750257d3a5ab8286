import Foundation
import TestSupport
import Testing

@testable import Historian

/// Batches of concurrent writers reach the head out of time order; the open chunk's reorder window
/// keeps them in one chunk per series and partition window, with the answers of in-order writes.
@Suite struct OutOfOrderWriteTests {
    static let second: Int64 = 1_000_000_000
    static let seriesCount = 5
    /// 600 s at 1 Hz in batches of 20 s of every series, over three partition windows of 240 s
    /// (12 batches, so no pair of swapped batches straddles two windows).
    static let batchSeconds: Int64 = 20
    static let batchCount = 30
    static let windowSeconds: Int64 = 240

    static func options(reorderWindow: Int) -> HistorianOptions {
        var options = HistorianOptions()
        options.partitionWindow = windowSeconds * second
        options.reorderWindowSamples = reorderWindow
        return options
    }

    /// Batch `index`: seconds `[index · 20, index · 20 + 20)` of every series; values vary by series and second.
    static func batch(_ index: Int, ids: [SeriesID]) -> [(series: SeriesID, sample: Sample)] {
        var samples: [(series: SeriesID, sample: Sample)] = []
        for secondOffset in 0..<batchSeconds {
            let time = Int64(index) * batchSeconds + secondOffset
            for (rank, id) in ids.enumerated() {
                let value = Double(rank * 1_000) + Double((time * 37) % 101) / 4
                samples.append((id, Sample(timestamp: time * second, value: .float(value))))
            }
        }
        return samples
    }

    /// Two writers take turns (even and odd batches); each pair reaches the engine later batch first.
    static var interleavedOrder: [Int] {
        stride(from: 0, to: batchCount, by: 2).flatMap { [$0 + 1, $0] }
    }

    static func register(_ historian: Historian) throws -> [SeriesID] {
        try historian.register((0..<seriesCount).map { (key: SeriesKey(measurement: "plant", field: "f\($0)"), kind: ValueKind.float) }).map(\.id)
    }

    /// The chunks of `id` in the partition files of `directory`.
    static func chunkCount(of id: SeriesID, in directory: String) throws -> Int {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory + "/partitions").filter { $0.hasSuffix(".part") }
        return try names.reduce(0) { $0 + (try PartitionFile(path: directory + "/partitions/" + $1).entries(of: id).count) }
    }

    /// Raw samples, plain rollups and time-weighted rollups of every series.
    static func answers(_ historian: Historian, ids: [SeriesID]) throws -> [String] {
        let end = Int64(batchCount) * batchSeconds * second
        var answers: [String] = []
        for id in ids {
            answers.append(String(describing: try historian.samples(series: id, from: 0, to: end)))
            answers.append(String(describing: try historian.rollup(series: id, from: 0, to: end, every: 60 * second).buckets))
            answers.append(String(describing: try historian.rollup(series: id, from: 0, to: end, every: 45 * second, timeWeighted: true).buckets))
            answers.append(String(describing: try historian.latest(series: id)))
        }
        return answers
    }

    @Test func interleavedWritersFillOneChunkPerSeriesAndWindow() throws {
        let ordered = try TemporaryDirectory()
        let interleaved = try TemporaryDirectory()
        defer {
            ordered.remove()
            interleaved.remove()
        }
        let expected: [String]
        do {
            let historian = try Historian(directory: ordered.path, options: Self.options(reorderWindow: 256))
            let ids = try Self.register(historian)
            for index in 0..<Self.batchCount { try historian.write(Self.batch(index, ids: ids)) }
            expected = try Self.answers(historian, ids: ids)
        }
        var ids: [SeriesID] = []
        do {
            let historian = try Historian(directory: interleaved.path, options: Self.options(reorderWindow: 256))
            ids = try Self.register(historian)
            for index in Self.interleavedOrder { try historian.write(Self.batch(index, ids: ids)) }
            #expect(try Self.answers(historian, ids: ids) == expected)
        }
        // Reopened: the WAL replays in log order and gives the same chunks.
        let historian = try Historian(directory: interleaved.path, options: Self.options(reorderWindow: 256))
        #expect(try Self.answers(historian, ids: ids) == expected)
        try historian.flush()
        #expect(try Self.answers(historian, ids: ids) == expected)
        let end = Int64(Self.batchCount) * Self.batchSeconds * Self.second
        for id in ids {
            // 600 s over windows of 240 s: three chunks, each answered from its statistics.
            #expect(try Self.chunkCount(of: id, in: interleaved.path) == 3)
            let rollup = try historian.rollup(series: id, from: 0, to: end, every: Self.windowSeconds * Self.second)
            #expect(rollup.chunksFromStatistics == 3)
            #expect(rollup.chunksDecoded == 0)
        }
    }

    /// Without the window every out-of-order batch opens a chunk: the count above is the window's doing.
    @Test func withoutAWindowInterleavedBatchesFragmentChunks() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let historian = try Historian(directory: directory.path, options: Self.options(reorderWindow: 0))
        let ids = try Self.register(historian)
        for index in Self.interleavedOrder { try historian.write(Self.batch(index, ids: ids)) }
        try historian.flush()
        // Each pair (odd batch, then even batch) seals at the even batch and again at the next odd one.
        #expect(try Self.chunkCount(of: ids[0], in: directory.path) > 3)
    }

    @Test func aSampleEarlierThanTheEncodedPartStartsANewChunkAndTheLaterWriteWins() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let writes: [[(Int64, Double)]] = [
            // Buffer of 4: 6...9 stay buffered, 0...5 are encoded.
            (0..<10).map { (Int64($0), Double($0)) },
            // Earlier than the encoded 5: a new chunk with a higher sequence.
            [(3, 100)],
            // Into the new chunk: out of order within its buffer, and 12 twice (the later, 13, wins).
            [(8, 200), (12, 12), (12, 13), (11, 11)],
        ]
        // Every timestamp's last write, in time order.
        let expected: [(Int64, Double)] = [(0, 0), (1, 1), (2, 2), (3, 100), (4, 4), (5, 5), (6, 6), (7, 7), (8, 200), (9, 9), (11, 11), (12, 13)]
        func check(_ historian: Historian, _ id: SeriesID) throws {
            let samples = try historian.samples(series: id, from: 0, to: 100)
            #expect(samples.map(\.timestamp) == expected.map { $0.0 })
            #expect(samples.map(\.value) == expected.map { SampleValue.float($0.1) })
            #expect(try historian.latest(series: id)?.value == .float(13))
            // 0+1+2+100+4+5+6+7+200+9+11+13 = 358 over 12 samples.
            let bucket = try #require(try historian.rollup(series: id, from: 0, to: 100, every: 100).buckets.first)
            #expect(bucket.count == 12)
            #expect(bucket.sum == 358)
        }
        var options = HistorianOptions()
        options.reorderWindowSamples = 4
        let id: SeriesID
        do {
            let historian = try Historian(directory: directory.path, options: options)
            id = try #require(try historian.register([(SeriesKey(measurement: "m", field: "v"), .float)]).first?.id)
            for batch in writes {
                try historian.write(batch.map { (series: id, sample: Sample(timestamp: $0.0, value: .float($0.1))) })
            }
            try check(historian, id)
        }
        let historian = try Historian(directory: directory.path, options: options)
        try check(historian, id)
        try historian.flush()
        try check(historian, id)
        #expect(try Self.chunkCount(of: id, in: directory.path) == 2)
    }
}
