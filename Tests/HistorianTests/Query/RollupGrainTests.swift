import Foundation
import TestSupport
import Testing

@testable import Historian

@Suite struct RollupGrainTests {
    @Test func choosesTheLargestGrainDividingFromAndEvery() {
        let second: Int64 = 1_000_000_000
        let grains = RollupGrain.defaultGrains
        #expect(RollupGrain.choose(from: 0, every: 60 * second, grains: grains) == 60 * second)
        #expect(RollupGrain.choose(from: 0, every: 86_400 * second, grains: grains) == 3_600 * second)
        #expect(RollupGrain.choose(from: 30 * second, every: 3_600 * second, grains: grains) == second)
        #expect(RollupGrain.choose(from: -120 * second, every: 300 * second, grains: grains) == 60 * second)
        #expect(RollupGrain.choose(from: 1, every: 60 * second, grains: grains) == nil)
        #expect(RollupGrain.choose(from: 0, every: 500_000_000, grains: grains) == nil)
    }

    @Test func cellsAreEpochAlignedAndSummarizeTheirSamples() {
        // Grain 5: cells [-10, -5) = {-7}, [-5, 0) = {-3, -1}, [0, 5) = {0, 4}, [10, 15) = {12}.
        let timestamps: [Int64] = [-7, -3, -1, 0, 4, 12]
        let values: [Double] = [1, 2, 4, 8, 16, 32]
        let cells = timestamps.withUnsafeBufferPointer { times in
            values.withUnsafeBufferPointer { RollupGrain.cells(times, $0, grain: 5) }
        }
        #expect(cells.map(\.minTime) == [-7, -3, 0, 12])
        #expect(cells.map(\.maxTime) == [-7, -1, 4, 12])
        #expect(cells.map(\.count) == [1, 2, 2, 1])
        #expect(cells.map(\.sum) == [1, 6, 24, 32])
        #expect(cells.map(\.first) == [1, 2, 8, 32])
        #expect(cells.map(\.last) == [1, 4, 16, 32])
        // Cell {2, 4}: mean 3, M2 = 1 + 1 = 2; cell {8, 16}: mean 12, M2 = 16 + 16 = 32.
        #expect(cells.map(\.sumOfSquaredDeviations) == [0, 2, 32, 0])
    }

    @Test func cellsNearTheSmallestTimestampDoNotOverflow() {
        let timestamps: [Int64] = [.min, .min + 1, .min + 10]
        let values: [Double] = [1, 2, 3]
        let cells = timestamps.withUnsafeBufferPointer { times in
            values.withUnsafeBufferPointer { RollupGrain.cells(times, $0, grain: 7) }
        }
        // Int64.min = -9223372036854775808 = 7 · (-1317624576693539401) - 1: it is the last
        // nanosecond of its cell, so each of the three samples starts a cell of its own.
        #expect(cells.map(\.count) == [1, 1, 1])
        #expect(cells.map(\.sum) == [1, 2, 3])
    }

    /// One day of a 1 Hz series with full-precision values (sums round), sealed: a 1-minute
    /// rollup gives the same Doubles from the cache (cold and warm) as decoded without it, for
    /// aligned and unaligned ends, through compaction and retention.
    @Test func cachedRollupsEqualDecodedOnesBitForBit() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let second: Int64 = 1_000_000_000
        let day = 86_400 * second
        var options = HistorianOptions()
        options.headMemoryLimit = 1 << 30
        let historian = try Historian(directory: directory.path, options: options)
        let key = SeriesKey(measurement: "m", field: "v")
        var generator = SplitMix64(seed: 7)
        var points = (0..<86_400).map { index in
            Point(series: key, timestamp: Int64(index) * second, value: .float(60 + Double(generator.next() >> 11) / Double(1 << 53)))
        }
        _ = try historian.write(points)
        try historian.flush()
        let id = try #require(historian.series(for: key)).id

        func check(from: Int64, to: Int64, every: Int64) throws {
            let uncached = try historian.rollup(
                series: id, from: from, to: to, every: every, timeWeighted: false, qualities: nil,
                useChunkStatistics: true, useSummaryCache: false)
            let cold = try historian.rollup(series: id, from: from, to: to, every: every)
            let warm = try historian.rollup(series: id, from: from, to: to, every: every)
            #expect(cold.buckets.map(RollupBits.init) == uncached.buckets.map(RollupBits.init))
            #expect(warm.buckets.map(RollupBits.init) == uncached.buckets.map(RollupBits.init))
            // The mean of a bucket against a plain sum of its samples.
            let values = points.filter { $0.sample.timestamp >= from && $0.sample.timestamp < min(to, from + every) }.map(\.sample.value.doubleValue)
            let mean = values.reduce(0, +) / Double(values.count)
            #expect(abs((warm.buckets[0].mean ?? .nan) - mean) <= 1e-12 * mean)
        }
        try check(from: 0, to: day, every: 60 * second)
        let warm = try historian.rollup(series: id, from: 0, to: day, every: 60 * second)
        #expect(warm.chunksDecoded == 0 && warm.chunksFromSummaryCache == 11)
        try check(from: 0, to: day - 7 * second, every: 60 * second)
        try check(from: 3_600 * second, to: day, every: 300 * second)
        try check(from: 0, to: day, every: 3_600 * second)
        try check(from: 17 * second, to: day, every: 60 * second)

        // A write into the sealed day, then compaction: the old file's cells go with it.
        let late = Point(series: key, timestamp: 30 * second + 1, value: .float(1e6))
        _ = try historian.write([late])
        points.insert(late, at: 31)
        try historian.flush()
        let before = historian.summaryCache.files
        #expect(!before.isEmpty)
        _ = try historian.compact()
        #expect(historian.summaryCache.files.isDisjoint(with: before))
        try check(from: 0, to: day, every: 60 * second)
        #expect(try historian.rollup(series: id, from: 0, to: 60 * second, every: 60 * second).buckets[0].max == 1e6)

        _ = try historian.dropPartitions(endingAtOrBefore: day)
        #expect(historian.summaryCache.bytes == 0)
        #expect(try historian.rollup(series: id, from: 0, to: day, every: 60 * second).buckets.allSatisfy { $0.count == 0 })
    }
}
