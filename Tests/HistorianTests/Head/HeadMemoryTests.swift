import TestSupport
import Testing

@testable import Historian

@Suite struct HeadMemoryTests {
    /// The head's incremental byte count equals a fresh recount over its chunks, in every shard.
    func expectBookkeepingMatchesARecount(_ historian: Historian) {
        let recounted = historian.shards.reduce(0) { total, shard in total + shard.head.withLock { $0.recountMemoryBytes() } }
        let kept = historian.shards.reduce(0) { total, shard in total + shard.head.withLock { $0.memoryBytes } }
        #expect(kept == recounted)
        #expect(historian.storageStatistics().headMemoryBytes == recounted)
    }

    /// Writes 400,000 full-precision values (about 2.9 MB encoded, twice the bound): after every
    /// write the head is under twice its bound (at the bound a flush starts in the background; at
    /// twice it the writer flushes itself), flushes made partition files, and every sample reads back.
    @Test func headStaysUnderItsMemoryLimitAndLosesNothing() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var options = HistorianOptions()
        options.headMemoryLimit = 1_536 << 10
        let historian = try Historian(directory: directory.path, options: options)
        let keys = (0..<20).map { SeriesKey(measurement: "m", tags: [.init(key: "n", value: String($0))], field: "v") }
        var generator = SplitMix64(seed: 11)
        var written: [SeriesKey: [Sample]] = [:]
        for batch in 0..<400 {
            let points = (0..<1_000).map { index in
                // 52 random mantissa bits a value: about 6.5 bytes encoded.
                Point(
                    series: keys[index % keys.count], timestamp: Int64(batch * 1_000 + index),
                    value: .float(Double(bitPattern: 0x3FF0_0000_0000_0000 | (generator.next() >> 12))))
            }
            #expect(try historian.write(points).isEmpty)
            for point in points { written[point.series, default: []].append(point.sample) }
            #expect(historian.storageStatistics().headMemoryBytes < 2 * options.headMemoryLimit)
            if batch % 50 == 0 { expectBookkeepingMatchesARecount(historian) }
        }
        historian.flushScheduler.queue.sync {}
        // 20 open chunks reserve about 650 KiB of encoder vectors and up to 330 KiB of reorder
        // buffers; their encoded bytes grow by 20 x 13 KiB at each vector of 2,048 samples, so the
        // head flushes about every 4,096 samples per series: 4 times or more for 20,000 each.
        #expect(historian.storageStatistics().partitionCount >= 3)
        #expect(historian.storageStatistics().partitionBytes > options.headMemoryLimit)
        for key in keys {
            let id = try #require(historian.series(for: key)).id
            #expect(try historian.samples(series: id, from: .min, to: .max) == written[key])
        }
    }

    @Test func headBytesGrowWithEncodedDataAndReturnToZeroOnFlush() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let historian = try Historian(directory: directory.path)
        #expect(historian.storageStatistics().headMemoryBytes == 0)
        let constant = SeriesKey(measurement: "m", field: "constant")
        let noise = SeriesKey(measurement: "m", field: "noise")
        var generator = SplitMix64(seed: 3)
        for batch in 0..<8 {
            _ = try historian.write(
                (0..<1_024).flatMap { index in
                    let time = Int64(batch * 1_024 + index)
                    return [
                        Point(series: constant, timestamp: time, value: .float(1.5)),
                        Point(series: noise, timestamp: time, value: .float(Double(bitPattern: 0x3FF0_0000_0000_0000 | (generator.next() >> 12)))),
                    ]
                })
        }
        expectBookkeepingMatchesARecount(historian)
        // The 6,144 noisy values of the last complete vectors (256 more wait in the reorder buffer)
        // hold at least 6 bytes each encoded, the constant series next to nothing; the pending
        // vectors of two open float chunks (timestamps and values) have grown to a vector of 2,048
        // values each, 32 KiB a chunk (an array's growth may round a little above), plus up to
        // 16 KiB of reorder buffer.
        #expect(historian.storageStatistics().headMemoryBytes >= 6_144 * 6 + 2 * 32_768)
        #expect(historian.storageStatistics().headMemoryBytes < 8_192 * 9 + 2 * 2 * 32_768 + 2 * 16_384 + 4_096)
        let id = try #require(historian.series(for: noise)).id
        try historian.delete(series: id, from: 0, to: 10) // seals the open chunk
        expectBookkeepingMatchesARecount(historian)
        try historian.flush()
        #expect(historian.storageStatistics().headMemoryBytes == 0)
        expectBookkeepingMatchesARecount(historian)
    }

    @Test func walBytesFollowTheSegmentsOnDisk() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let key = SeriesKey(measurement: "m", field: "v")
        do {
            let historian = try Historian(directory: directory.path)
            let empty = historian.storageStatistics().walBytes
            #expect(empty == WriteAheadLog.headerSize)
            _ = try historian.write((0..<100).map { Point(series: key, timestamp: Int64($0), value: .float(Double($0))) })
            #expect(try historian.storageStatistics().walBytes == diskBytes(historian.walDirectory))
            #expect(historian.storageStatistics().walBytes > empty)
            #expect(historian.storageStatistics().seriesCount == 1)
        }
        // Reopened: the replayed segment stays until a flush covers it.
        let historian = try Historian(directory: directory.path)
        #expect(try historian.storageStatistics().walBytes == diskBytes(historian.walDirectory))
        try historian.flush()
        #expect(historian.storageStatistics().walBytes == WriteAheadLog.headerSize)
        #expect(try historian.storageStatistics().walBytes == diskBytes(historian.walDirectory))
    }

    func diskBytes(_ walDirectory: String) throws -> Int {
        try FileIO.list(walDirectory).reduce(0) { $0 + (try FileIO.readFile(walDirectory + "/" + $1).count) }
    }
}
