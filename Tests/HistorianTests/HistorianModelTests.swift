import Foundation
import TestSupport
import Testing

@testable import Historian

/// The naive model: every write of every series in a dictionary; the last write of a timestamp wins.
struct NaiveModel {
    var series: [SeriesKey: [Int64: Sample]] = [:]

    mutating func apply(_ points: [Point]) {
        for point in points { series[point.series, default: [:]][point.sample.timestamp] = point.sample }
    }

    mutating func delete(_ key: SeriesKey, from: Int64, to: Int64) {
        series[key] = series[key]?.filter { $0.key < from || $0.key >= to }
    }

    func samples(_ key: SeriesKey, from: Int64, to: Int64) -> [Sample] {
        (series[key] ?? [:]).values.filter { $0.timestamp >= from && $0.timestamp < to }.sorted { $0.timestamp < $1.timestamp }
    }
}

@Suite struct HistorianModelTests {
    static let keys = [
        SeriesKey(measurement: "press", tags: [.init(key: "machine", value: "M1")], field: "temp"),
        SeriesKey(measurement: "press", tags: [.init(key: "machine", value: "M2")], field: "temp"),
        SeriesKey(measurement: "press", tags: [.init(key: "machine", value: "M1")], field: "count"),
        SeriesKey(measurement: "press", tags: [.init(key: "machine", value: "M1")], field: "running"),
        SeriesKey(measurement: "press", tags: [.init(key: "machine", value: "M2")], field: "state"),
    ]

    static var options: HistorianOptions {
        var options = HistorianOptions()
        options.partitionWindow = 1_000
        options.chunkSampleLimit = 16
        options.headMemoryLimit = 72_000
        // Summary grains at the scale of these timestamps (ns), cached however few samples a cell holds.
        options.summaryGrains = [10, 50, 250]
        options.summaryMinimumSamplesPerCell = 1
        // Below the chunk limit, so that writes both reorder inside the buffer and fall behind its encoded part.
        options.reorderWindowSamples = 4
        return options
    }

    static func value(for key: SeriesKey, _ generator: inout SplitMix64) -> SampleValue {
        switch key.field {
        // Multiples of 1/4: sums of a few thousand are exact in Double, so model and engine agree exactly.
        case "temp": .float(Double(Int(generator.next() % 400)) / 4 - 50)
        case "count": .integer(Int64(generator.next() % 1000))
        case "state": .string(["idle", "running", "setup, tool change", "fault \"E12\"", ""][Int(generator.next() % 5)])
        default: .boolean(generator.next() % 2 == 0)
        }
    }

    static func randomPoints(_ generator: inout SplitMix64, clock: inout Int64) -> [Point] {
        (0..<Int(1 + generator.next() % 40)).map { _ in
            let key = keys[Int(generator.next() % UInt64(keys.count))]
            let timestamp: Int64
            switch generator.next() % 10 {
            case 0: timestamp = clock - Int64(generator.next() % 3_000) // late, possibly a duplicate
            case 1: timestamp = clock // duplicate of the newest
            default:
                clock += Int64(1 + generator.next() % 30)
                timestamp = clock
            }
            let quality = Quality.allCases[Int(generator.next() % 3)]
            return Point(series: key, sample: Sample(timestamp: timestamp, value: value(for: key, &generator), quality: quality))
        }
    }

    /// Compares every query with the model; returns the chunks that rollups took from the summary cache.
    @discardableResult
    func compare(_ historian: Historian, _ model: NaiveModel, _ generator: inout SplitMix64, clock: Int64) throws -> Int {
        var cacheHits = 0
        for key in Self.keys {
            guard let series = historian.series(for: key) else {
                #expect(model.series[key] == nil)
                continue
            }
            let all = model.samples(key, from: .min, to: .max)
            #expect(try historian.samples(series: series.id, from: .min, to: .max) == all, "all samples of \(key)")
            #expect(try historian.latest(series: series.id) == all.last)
            for query in 0..<6 {
                var from = Int64(generator.next() % UInt64(max(1, clock))) - 100
                var to = from + 1 + Int64(generator.next() % 2_500)
                var every = Int64(1 + generator.next() % 400)
                if query % 2 == 1 {
                    // Aligned to a summary grain, so that grain cells (cached or not) serve the rollup.
                    let grain = Self.options.summaryGrains[Int(generator.next() % 3)]
                    from -= (from % grain + grain) % grain
                    every = grain * Int64(1 + generator.next() % 8)
                    if query == 3 { to += grain - (to % grain + grain) % grain }
                }
                let expected = model.samples(key, from: from, to: to)
                #expect(try historian.samples(series: series.id, from: from, to: to) == expected, "\(key) [\(from), \(to))")
                let columns = try historian.sampleColumns(series: series.id, from: from, to: to)
                #expect(
                    (0..<columns.count).map {
                        Sample(timestamp: columns.timestamps[$0], value: columns.value(at: $0), quality: columns.quality(at: $0))
                    } == expected,
                    "columns of \(key) [\(from), \(to))")
                let rollup = try cachedRollupsAgree(historian, series.id, from: from, to: to, every: every)
                cacheHits += rollup.chunksFromSummaryCache
                var start = from
                var bucketIndex = 0
                while start < to {
                    let end = min(to, start + every)
                    let values = expected.filter { $0.timestamp >= start && $0.timestamp < end }.map(\.value.doubleValue)
                    let bucket = rollup.buckets[bucketIndex]
                    #expect(bucket.start == start && bucket.end == end)
                    #expect(bucket.count == values.count)
                    if key.field == "state" {
                        #expect(bucket.sum == nil && bucket.mean == nil, "strings roll up to counts only")
                    } else if !values.isEmpty {
                        #expect(bucket.sum == values.reduce(0, +))
                        #expect(bucket.min == values.min() && bucket.max == values.max())
                        #expect(bucket.first == values.first && bucket.last == values.last)
                        #expect(bucket.mean == values.reduce(0, +) / Double(values.count))
                        if values.count > 1 {
                            let mean = values.reduce(0, +) / Double(values.count)
                            let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)
                            #expect(abs((bucket.stddev ?? .nan) - variance.squareRoot()) <= 1e-9 * max(1, variance.squareRoot()))
                        }
                    }
                    start = end
                    bucketIndex += 1
                }
                #expect(bucketIndex == rollup.buckets.count)
            }
        }
        return cacheHits
    }

    /// The rollup with the summary cache cold, warm and bypassed: all three bit for bit the same.
    func cachedRollupsAgree(_ historian: Historian, _ id: SeriesID, from: Int64, to: Int64, every: Int64) throws -> Rollup {
        func rollup(cache: Bool) throws -> Rollup {
            try historian.rollup(
                series: id, from: from, to: to, every: every, timeWeighted: false, qualities: nil,
                useChunkStatistics: true, useSummaryCache: cache)
        }
        let uncached = try rollup(cache: false)
        let first = try rollup(cache: true)
        let second = try rollup(cache: true)
        for result in [first, second] {
            #expect(result.buckets.map(RollupBits.init) == uncached.buckets.map(RollupBits.init), "[\(from), \(to)) every \(every)")
        }
        #expect(second.chunksDecoded <= first.chunksDecoded)
        return second
    }

    /// Every cached summary belongs to a partition file the engine still reads.
    func expectCacheHoldsOnlyLiveFiles(_ historian: Historian) {
        let live = Set(historian.state.withLock { $0.partitions.map(\.identity) })
        #expect(historian.summaryCache.files.isSubset(of: live))
    }

    /// Random writes (in order, late, duplicates), flushes and restarts against the naive model.
    @Test(arguments: [1, 2, 3])
    func randomWorkloadMatchesTheModel(seed: UInt64) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var generator = SplitMix64(seed: seed)
        var model = NaiveModel()
        var clock: Int64 = 10_000
        var cacheHits = 0
        var historian: Historian? = try Historian(directory: directory.path, options: Self.options)
        for step in 0..<120 {
            let points = Self.randomPoints(&generator, clock: &clock)
            let rejected = try #require(historian).write(points)
            #expect(rejected.isEmpty)
            model.apply(points)
            switch generator.next() % 12 {
            case 0: try #require(historian).flush()
            case 2, 3:
                // A range delete, mostly of recent samples, sometimes of old ones already in partitions.
                let key = Self.keys[Int(generator.next() % UInt64(Self.keys.count))]
                if let id = try #require(historian).series(for: key)?.id {
                    let from = clock - Int64(generator.next() % 4_000)
                    let to = from + 1 + Int64(generator.next() % 500)
                    try #require(historian).delete(series: id, from: from, to: to)
                    model.delete(key, from: from, to: to)
                }
            case 4:
                let report = try #require(historian).compact()
                #expect(report.windowsCompacted == 0 || report.chunksWritten > 0)
            case 5 where step % 3 == 0:
                // Retention after a flush, so that every sample is in a partition: windows that end
                // at or before the cutoff go; the model drops the samples before the cutoff's window.
                try #require(historian).flush()
                let cutoff = clock - 6_000 + Int64(generator.next() % 2_000)
                let window = Self.options.partitionWindow
                let windowStart = cutoff - ((cutoff % window) + window) % window
                _ = try #require(historian).dropPartitions(endingAtOrBefore: cutoff)
                for key in Self.keys { model.delete(key, from: .min, to: windowStart) }
            case 1:
                historian = nil // restart: the WAL is replayed
                historian = try Historian(directory: directory.path, options: Self.options)
                #expect(historian?.recovery.tornTail == nil)
            default: break
            }
            if step % 20 == 19 { cacheHits += try compare(try #require(historian), model, &generator, clock: clock) }
            expectCacheHoldsOnlyLiveFiles(try #require(historian))
        }
        historian = nil
        let reopened = try Historian(directory: directory.path, options: Self.options)
        cacheHits += try compare(reopened, model, &generator, clock: clock)
        #expect(cacheHits > 0, "some rollups were served from the summary cache")
    }

    /// Cuts the WAL at random offsets after unflushed writes: recovery gives exactly the batches
    /// written wholly before the cut.
    @Test func walCutAtRandomOffsetsRecoversWholeBatches() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var generator = SplitMix64(seed: 99)
        var clock: Int64 = 10_000
        var batches: [[Point]] = []
        var boundaries: [Int] = []
        var options = Self.options
        options.headMemoryLimit = 1 << 30
        let walPath: String
        do {
            let historian = try Historian(directory: directory.path, options: options)
            let segment = try #require(try WriteAheadLog.segments(in: historian.walDirectory).last)
            walPath = historian.walDirectory + "/" + WriteAheadLog.segmentName(segment)
            _ = try historian.write([Point(series: Self.keys[0], timestamp: 1, value: .float(1))]) // registers the first series
            boundaries.append(try FileManager.default.attributesOfItem(atPath: walPath)[.size] as? Int ?? 0)
            for _ in 0..<25 {
                let points = Self.randomPoints(&generator, clock: &clock)
                _ = try historian.write(points)
                batches.append(points)
                boundaries.append(try FileManager.default.attributesOfItem(atPath: walPath)[.size] as? Int ?? 0)
            }
        }
        let original = try Data(contentsOf: URL(fileURLWithPath: walPath))
        #expect(original.count == boundaries.last)
        for trial in 0..<40 {
            let cut = trial == 0 ? original.count : Int(generator.next() % UInt64(original.count))
            let copy = try TemporaryDirectory()
            defer { copy.remove() }
            try FileManager.default.removeItem(atPath: copy.path)
            try FileManager.default.copyItem(atPath: directory.path, toPath: copy.path)
            let copiedWal = copy.path + "/wal/" + URL(fileURLWithPath: walPath).lastPathComponent
            try original.prefix(cut).write(to: URL(fileURLWithPath: copiedWal))
            let historian = try Historian(directory: copy.path, options: options)
            let whole = boundaries.filter { $0 <= cut }.count
            var model = NaiveModel()
            if whole > 0 { model.apply([Point(series: Self.keys[0], timestamp: 1, value: .float(1))]) }
            for batch in batches.prefix(max(0, whole - 1)) { model.apply(batch) }
            #expect((historian.recovery.tornTail != nil) == !boundaries.contains(cut) || cut < boundaries[0], "cut \(cut)")
            for key in Self.keys {
                let id = historian.allSeries.first { $0.key == key }?.id
                let stored = try id.map { try historian.samples(series: $0, from: .min, to: .max) } ?? []
                #expect(stored == model.samples(key, from: .min, to: .max), "cut \(cut), \(key)")
            }
        }
    }
}

/// The bit patterns of a rollup bucket's numbers, to compare two rollups exactly (NaN and -0.0 included).
struct RollupBits: Equatable {
    var start: Int64
    var end: Int64
    var count: Int
    var numbers: [UInt64?]

    init(_ bucket: RollupBucket) {
        start = bucket.start
        end = bucket.end
        count = bucket.count
        numbers = [
            bucket.sum, bucket.min, bucket.max, bucket.mean, bucket.first, bucket.last, bucket.stddev,
            bucket.timeWeightedAverage, bucket.integral,
        ].map { $0?.bitPattern }
    }
}
