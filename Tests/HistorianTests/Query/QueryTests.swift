import Foundation
import TestSupport
import Testing

@testable import Historian

@Suite struct QueryTests {
    static let second: Int64 = 1_000_000_000

    /// A step series (integer) and a linear series (float) with samples 10 at 0 s, 20 at 10 s, 0 at 30 s.
    func makeHistorian(flush: Bool) throws -> (Historian, TemporaryDirectory, step: SeriesID, linear: SeriesID) {
        let directory = try TemporaryDirectory()
        let historian = try Historian(directory: directory.path)
        let stepKey = SeriesKey(measurement: "m", field: "state")
        let linearKey = SeriesKey(measurement: "m", field: "temp")
        var points: [Point] = []
        for (time, value) in [(0, 10), (10, 20), (30, 0)] {
            points.append(Point(series: stepKey, timestamp: Int64(time) * Self.second, value: .integer(Int64(value))))
            points.append(Point(series: linearKey, timestamp: Int64(time) * Self.second, value: .float(Double(value))))
        }
        _ = try historian.write(points)
        if flush { try historian.flush() }
        let step = try #require(historian.series(for: stepKey)).id
        let linear = try #require(historian.series(for: linearKey)).id
        return (historian, directory, step, linear)
    }

    /// After cancelReads every kind of read throws `cancelled` (the server's shutdown relies on it);
    /// writes and flushes go on, and what was written is kept.
    @Test func cancelledReadsThrowAndWritesGoOn() throws {
        let directory: TemporaryDirectory
        let linearKey = SeriesKey(measurement: "m", field: "temp")
        do {
            let (historian, temporary, step, linear) = try makeHistorian(flush: false)
            directory = temporary
            #expect(try historian.samples(series: linear, from: 0, to: 40 * Self.second).count == 3)
            historian.cancelReads()
            #expect(throws: HistorianError.query(.cancelled)) { try historian.samples(series: linear, from: 0, to: 40 * Self.second) }
            #expect(throws: HistorianError.query(.cancelled)) {
                try historian.rollup(series: step, from: 0, to: 40 * Self.second, every: 10 * Self.second)
            }
            #expect(throws: HistorianError.query(.cancelled)) { try historian.latest(series: step) }
            #expect(throws: HistorianError.query(.cancelled)) { try historian.plot(series: linear, from: 0, to: 40 * Self.second, buckets: 2) }
            _ = try historian.write([Point(series: linearKey, timestamp: 40 * Self.second, value: .float(1))])
            try historian.flush()
        }
        defer { directory.remove() }
        let reopened = try Historian(directory: directory.path)
        let linear = try #require(reopened.series(for: linearKey)).id
        #expect(try reopened.samples(series: linear, from: 0, to: 50 * Self.second).count == 4)
    }

    @Test(arguments: [false, true])
    func timeWeightedAverageAndIntegral(flush: Bool) throws {
        let (historian, directory, step, linear) = try makeHistorian(flush: flush)
        defer { directory.remove() }
        // Step, [0, 20): 10 for 10 s + 20 for 10 s = 300 value-seconds, average 15.
        // Step, [20, 40): 20 for 10 s + 0 for 10 s (the last sample holds until `to`) = 200, average 10.
        let stepRollup = try historian.rollup(series: step, from: 0, to: 40 * Self.second, every: 20 * Self.second, timeWeighted: true)
        #expect(stepRollup.buckets.map(\.integral) == [300, 200])
        #expect(stepRollup.buckets.map(\.timeWeightedAverage) == [15, 10])
        // Linear, [0, 20): trapezoids (10+20)/2*10 + (20+10)/2*10 = 300, average 15.
        // Linear, [20, 40): (10+0)/2*10 + 0*10 = 50, average 2.5.
        let linearRollup = try historian.rollup(series: linear, from: 0, to: 40 * Self.second, every: 20 * Self.second, timeWeighted: true)
        #expect(linearRollup.buckets.map(\.integral) == [300, 50])
        #expect(linearRollup.buckets.map(\.timeWeightedAverage) == [15, 2.5])
        // From 5 s the sample at 0 s covers the start. Step [5, 15): 10*5 + 20*5 = 150 -> 15; [15, 25): 20.
        let shifted = try historian.rollup(series: step, from: 5 * Self.second, to: 25 * Self.second, every: 10 * Self.second, timeWeighted: true)
        #expect(shifted.buckets.map(\.timeWeightedAverage) == [15, 20])
        // Linear [5, 15): (15+20)/2*5 + (20+15)/2*5 = 175 -> 17.5; [15, 25): (15+5)/2*10 = 100 -> 10.
        let shiftedLinear = try historian.rollup(
            series: linear, from: 5 * Self.second, to: 25 * Self.second, every: 10 * Self.second, timeWeighted: true)
        #expect(shiftedLinear.buckets.map(\.timeWeightedAverage) == [17.5, 10])
        #expect(shiftedLinear.buckets.map(\.integral) == [175, 100])
    }

    @Test(arguments: [false, true])
    func interpolatesStepAndLinear(flush: Bool) throws {
        let (historian, directory, step, linear) = try makeHistorian(flush: flush)
        defer { directory.remove() }
        let times = (0..<8).map { Int64($0) * 5 * Self.second }
        let linearValues = try historian.interpolate(series: linear, from: 0, to: 40 * Self.second, step: 5 * Self.second)
        #expect(linearValues.map(\.timestamp) == times)
        // Between (0 s, 10) and (10 s, 20): 15 at 5 s; between (10 s, 20) and (30 s, 0): 15, 10, 5 at 15, 20, 25 s.
        #expect(linearValues.map(\.value) == [10, 15, 20, 15, 10, 5, 0, nil])
        let stepValues = try historian.interpolate(series: step, from: 0, to: 40 * Self.second, step: 5 * Self.second)
        #expect(stepValues.map(\.value) == [10, 10, 20, 20, 20, 20, 0, 0])
        #expect(try historian.interpolate(series: step, from: -5 * Self.second, to: 0, step: 5 * Self.second).map(\.value) == [nil])
    }

    @Test func latestAndNeighbours() throws {
        let (historian, directory, step, _) = try makeHistorian(flush: true)
        defer { directory.remove() }
        _ = try historian.write([Point(series: SeriesKey(measurement: "m", field: "state"), timestamp: 5 * Self.second, value: .integer(7))])
        #expect(try historian.latest(series: step) == Sample(timestamp: 30 * Self.second, value: .integer(0)))
        #expect(try historian.lastSample(series: step, before: 10 * Self.second) == Sample(timestamp: 5 * Self.second, value: .integer(7)))
        #expect(try historian.firstSample(series: step, atOrAfter: 6 * Self.second)?.timestamp == 10 * Self.second)
        #expect(try historian.firstSample(series: step, atOrAfter: 31 * Self.second) == nil)
    }

    @Test func plotKeepsFirstLastMinimumAndMaximumPerBucket() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let historian = try Historian(directory: directory.path)
        let key = SeriesKey(measurement: "m", field: "v")
        let values = (0..<100).map { Double(($0 * 37) % 101) }
        _ = try historian.write(values.enumerated().map { Point(series: key, timestamp: Int64($0.offset), value: .float($0.element)) })
        let id = try #require(historian.series(for: key)).id
        let plot = try historian.plot(series: id, from: 0, to: 100, buckets: 10)
        #expect(plot.count == 10)
        for (index, bucket) in plot.enumerated() {
            let slice = Array(values[(index * 10)..<(index * 10 + 10)])
            #expect(bucket.start == Int64(index * 10) && bucket.end == Int64(index * 10 + 10))
            #expect(bucket.first.value == .float(slice[0]) && bucket.last.value == .float(slice[9]))
            #expect(bucket.minimum.value == .float(slice.min() ?? .nan))
            #expect(bucket.maximum.value == .float(slice.max() ?? .nan))
            #expect(bucket.minimum.timestamp == Int64(index * 10 + (slice.firstIndex(of: slice.min() ?? 0) ?? 0)))
        }
        #expect(throws: HistorianError.query(.invalidBucketCount(0))) { try historian.plot(series: id, from: 0, to: 100, buckets: 0) }
    }

    @Test func rejectsBadRanges() throws {
        let (historian, directory, step, _) = try makeHistorian(flush: false)
        defer { directory.remove() }
        #expect(throws: HistorianError.query(.emptyRange(from: 5, to: 5))) { try historian.samples(series: step, from: 5, to: 5) }
        #expect(throws: HistorianError.query(.invalidWidth(0))) { try historian.rollup(series: step, from: 0, to: 5, every: 0) }
        #expect(throws: HistorianError.query(.unknownSeries(99))) { try historian.samples(series: 99, from: 0, to: 5) }
        #expect(throws: HistorianError.query(.tooManyBuckets(limit: Historian.maximumBuckets))) {
            try historian.rollup(series: step, from: 0, to: .max, every: 1)
        }
    }

    /// Two writers, two readers and flushes with compactions at once: readers never fail and see
    /// counts that only grow; at the end every sample is there.
    @Test func concurrentWritersAndReaders() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var options = HistorianOptions()
        options.chunkSampleLimit = 64
        options.headMemoryLimit = 45_000
        let historian = try Historian(directory: directory.path, options: options)
        let keys = [SeriesKey(measurement: "m", field: "a"), SeriesKey(measurement: "m", field: "b")]
        let series = try historian.register(keys.map { ($0, ValueKind.float) }).map(\.id)
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 5) { worker in
            let id = series[worker % 2]
            if worker == 4 {
                // Maintenance at the same time: flushes and compactions replace partition files under the readers.
                for _ in 0..<20 {
                    do {
                        try historian.flush()
                        _ = try historian.compact()
                    } catch {
                        failures.add("maintenance: \(error)")
                    }
                }
            } else if worker < 2 {
                for batch in 0..<50 {
                    let samples = (0..<100).map { (series: id, sample: Sample(timestamp: Int64(batch * 100 + $0), value: .float(Double($0)))) }
                    do { try historian.write(samples) } catch { failures.add("write: \(error)") }
                }
            } else {
                var seen = 0
                for _ in 0..<200 {
                    do {
                        let count = try historian.samples(series: id, from: 0, to: .max).count
                        if count < seen { failures.add("count went from \(seen) to \(count)") }
                        seen = count
                    } catch {
                        failures.add("read: \(error)")
                    }
                }
            }
        }
        #expect(failures.all.isEmpty)
        for id in series {
            #expect(try historian.samples(series: id, from: 0, to: .max).map(\.timestamp) == (0..<5_000).map { Int64($0) })
        }
    }
}

@Suite struct QualityFilterTests {
    /// A good-only rollup leaves out uncertain and bad samples, and uses chunk statistics only
    /// for chunks whose samples are all good.
    @Test(arguments: [false, true])
    func goodOnlyRollupsSkipOtherQualities(flush: Bool) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var options = HistorianOptions()
        options.chunkSampleLimit = 10
        let historian = try Historian(directory: directory.path, options: options)
        let key = SeriesKey(measurement: "m", field: "v")
        // Samples 0..<20 with value t; chunk one (0..<10) all good, chunk two (10..<20) has 13 bad and 17 uncertain.
        var points: [Point] = []
        for time in 0..<20 {
            let quality: Quality = time == 13 ? .bad : (time == 17 ? .uncertain : .good)
            points.append(Point(series: key, timestamp: Int64(time), value: .float(Double(time)), quality: quality))
        }
        _ = try historian.write(points)
        if flush { try historian.flush() }
        let id = try #require(historian.series(for: key)).id
        let all = try historian.rollup(series: id, from: 0, to: 20, every: 10)
        // Sums: 0+...+9 = 45; 10+...+19 = 145.
        #expect(all.buckets.map(\.sum) == [45, 145])
        let good = try historian.rollup(series: id, from: 0, to: 20, every: 10, qualities: [.good])
        // Without 13 and 17: 145 - 30 = 115 over 8 samples.
        #expect(good.buckets.map(\.sum) == [45, 115])
        #expect(good.buckets.map(\.count) == [10, 8])
        if flush {
            // Sealed chunks: the all-good one answers from statistics, the mixed one is decoded.
            #expect(good.chunksFromStatistics == 1 && good.chunksDecoded == 1)
        }
    }
}
