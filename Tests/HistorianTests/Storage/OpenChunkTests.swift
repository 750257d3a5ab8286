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
}
