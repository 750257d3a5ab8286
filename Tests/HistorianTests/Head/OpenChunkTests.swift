import Testing

@testable import Historian

/// The open chunk's reorder buffer: samples within the window are sorted in, equal timestamps keep
/// write order, and everything the chunk reports (count, statistics, latest, columns, sealed chunk)
/// includes the buffer.
@Suite struct OpenChunkTests {
    /// Appends `(timestamp, value)` pairs in the order given.
    private static func append(_ writes: [(Int64, Double)], to chunk: inout OpenChunk) {
        for (timestamp, value) in writes {
            #expect(chunk.accepts(timestamp, limit: 100), "timestamp \(timestamp)")
            chunk.append(timestamp: timestamp, bits: value.bitPattern, quality: Quality.good.rawValue)
        }
    }

    @Test func samplesWithinTheWindowAreSortedAndEqualTimestampsKeepWriteOrder() throws {
        var chunk = OpenChunk(series: 1, kind: .float, window: 0, windowEnd: 1_000, sequence: 1, reorderWindow: 4)
        // Buffer after the first four: 10, 20, 30(2), 30(4). Writing 40 encodes 10; writing 15
        // (not earlier than the encoded 10) sorts in and encodes 15; writing 40 again encodes 20.
        Self.append([(10, 1), (30, 2), (20, 3), (30, 4), (40, 5), (15, 6), (40, 7)], to: &chunk)
        #expect(chunk.count == 7)
        // Encoded so far: 10, 15, 20. Earlier than 20 is refused, 20 itself is not.
        #expect(!chunk.accepts(19, limit: 100))
        #expect(chunk.accepts(20, limit: 100))
        #expect(!chunk.accepts(1_000, limit: 100))
        #expect(!chunk.accepts(50, limit: 7))
        // The latest sample: the largest timestamp, 40, of which the later write has the value 7.
        #expect(chunk.lastBits == 7.0.bitPattern)

        let sealed = chunk.seal()
        let decoded = try ChunkPayload.decode(timestamps: sealed.timestamps, payload: sealed.payload, kind: .float, context: "test", offset: 0)
        #expect(decoded.timestamps == [10, 15, 20, 30, 30, 40, 40])
        #expect(decoded.bits == [1, 6, 3, 2, 4, 5, 7].map { Double($0).bitPattern })
        let fromColumns = try ChunkPayload.decode(chunk.columns(), kind: .float, context: "test", offset: 0)
        #expect(fromColumns.timestamps == decoded.timestamps)
        #expect(fromColumns.bits == decoded.bits)

        // 1 + 6 + 3 + 2 + 4 + 5 + 7 = 28 over 7 samples: mean 4; first and last in time order.
        let statistics = chunk.statistics
        #expect(statistics.count == 7)
        #expect(statistics.minTime == 10)
        #expect(statistics.maxTime == 40)
        #expect(statistics.sum == 28)
        #expect(abs(statistics.mean - 4) < 1e-12)
        #expect(statistics.min == 1)
        #expect(statistics.max == 7)
        #expect(statistics.first == 1)
        #expect(statistics.last == 7)
        #expect(statistics.hasDuplicateTimestamps)
        #expect(statistics.matches(sealed.statistics))
        // What `verify` recomputes from the stored columns, bit for bit.
        var recomputed = ChunkStatistics()
        for (timestamp, bits) in zip(decoded.timestamps, decoded.bits) {
            recomputed.add(timestamp: timestamp, value: Double(bitPattern: bits))
        }
        #expect(recomputed.matches(sealed.statistics))
    }

    @Test func aWindowOfZeroEncodesAtOnce() {
        var chunk = OpenChunk(series: 1, kind: .float, window: 0, windowEnd: 1_000, sequence: 1, reorderWindow: 0)
        Self.append([(10, 1), (20, 2)], to: &chunk)
        #expect(!chunk.accepts(15, limit: 100))
        #expect(chunk.accepts(20, limit: 100))
        #expect(chunk.lastBits == 2.0.bitPattern)
    }

    @Test func qualityOfBufferedSamplesCounts() {
        var chunk = OpenChunk(series: 1, kind: .float, window: 0, windowEnd: 1_000, sequence: 1, reorderWindow: 4)
        chunk.append(timestamp: 20, bits: 1.0.bitPattern, quality: Quality.good.rawValue)
        chunk.append(timestamp: 10, bits: 2.0.bitPattern, quality: Quality.bad.rawValue)
        #expect(chunk.statistics.hasNonGoodQuality)
        #expect(chunk.statistics.first == 2)
        #expect(chunk.lastQuality == Quality.good.rawValue)
        #expect(chunk.seal().statistics.hasNonGoodQuality)
    }

    /// Two writers' interleaved batches, as the head hands them over: a sorted run that starts
    /// before the latest buffered sample is merged in one pass with the same result, bit for bit,
    /// as appending its samples one by one (order of equal timestamps, encoded prefix, statistics).
    @Test(arguments: [0, 3, 16, 256])
    func aSortedRunEqualsAppendingItsSamplesOneByOne(reorderWindow: Int) throws {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<50 {
            var merged = OpenChunk(series: 1, kind: .float, window: 0, windowEnd: 1 << 40, sequence: 1, reorderWindow: reorderWindow)
            var oneByOne = merged
            var next: Int64 = 0
            var value = 0.0
            for _ in 0..<40 {
                // Runs restart up to 30 ticks back (often at an equal timestamp), like a batch that lost the race.
                let start = max(0, next - Int64.random(in: 0...30, using: &generator))
                var timestamps: [Int64] = []
                var timestamp = start
                for _ in 0..<Int.random(in: 1...40, using: &generator) {
                    timestamps.append(timestamp)
                    timestamp += Int64.random(in: 0...2, using: &generator)
                }
                let run = timestamps.map { timestamp -> RawSample in
                    value += 1
                    return RawSample(series: 1, timestamp: timestamp, bits: value.bitPattern, quality: Quality.good.rawValue)
                }
                guard let first = run.first, let last = run.last,
                    merged.acceptsSortedRun(first: first.timestamp, last: last.timestamp, count: run.count, limit: 1 << 20)
                else {
                    // Earlier than the encoded prefix: the head seals instead; the other path must refuse too.
                    #expect(!oneByOne.accepts(start, limit: 1 << 20), "round \(round)")
                    continue
                }
                merged.append(sorted: run[...])
                for sample in run {
                    #expect(oneByOne.accepts(sample.timestamp, limit: 1 << 20), "round \(round)")
                    oneByOne.append(timestamp: sample.timestamp, bits: sample.bits, quality: sample.quality)
                }
                next = max(next, timestamp)
                #expect(merged.count == oneByOne.count)
                #expect(merged.lastBits == oneByOne.lastBits)
            }
            let mergedColumns = try ChunkPayload.decode(merged.columns(), kind: .float, context: "merged", offset: 0)
            let oneByOneColumns = try ChunkPayload.decode(oneByOne.columns(), kind: .float, context: "one by one", offset: 0)
            #expect(mergedColumns.timestamps == oneByOneColumns.timestamps, "round \(round)")
            #expect(mergedColumns.bits == oneByOneColumns.bits, "round \(round)")
            #expect(merged.statistics.matches(oneByOne.statistics))
            let sealedMerged = merged.seal()
            let sealedOneByOne = oneByOne.seal()
            #expect(sealedMerged.timestamps == sealedOneByOne.timestamps)
            #expect(sealedMerged.payload == sealedOneByOne.payload)
        }
    }

    /// Copies of a chunk (a query's view) share its encoders until one of them encodes: the copy
    /// keeps reading what it had while the original goes on.
    @Test func aCopyKeepsItsSamplesWhileTheOriginalEncodesMore() throws {
        var chunk = OpenChunk(series: 1, kind: .float, window: 0, windowEnd: 1_000, sequence: 1, reorderWindow: 2)
        Self.append((0..<5).map { (Int64($0), Double($0)) }, to: &chunk)
        let copy = chunk
        Self.append((5..<9).map { (Int64($0), Double($0)) }, to: &chunk)
        let copied = try ChunkPayload.decode(copy.columns(), kind: .float, context: "test", offset: 0)
        #expect(copied.timestamps == Array(0..<5))
        #expect(copy.statistics.count == 5 && copy.statistics.sum == 10)
        let current = try ChunkPayload.decode(chunk.columns(), kind: .float, context: "test", offset: 0)
        #expect(current.timestamps == Array(0..<9))
        #expect(chunk.statistics.sum == 36)
    }

    /// A series that gets a sample or two between flushes costs the head little: the encoders
    /// come with the first sample that leaves the reorder buffer (a million such series held
    /// ~510 bytes each when every chunk carried its encoders).
    @Test func aChunkWithBufferedSamplesOnlyIsSmall() {
        #expect(MemoryLayout<OpenChunk?>.stride <= 72)
        var chunk = OpenChunk(series: 1, kind: .float, window: 0, windowEnd: 1_000, sequence: 1, reorderWindow: 16)
        Self.append([(1, 1)], to: &chunk)
        #expect(chunk.memoryBytes < 200)
        Self.append((2..<40).map { (Int64($0), Double($0)) }, to: &chunk)
        #expect(chunk.memoryBytes > MemoryLayout<ChunkEncoders>.stride)
    }
}
