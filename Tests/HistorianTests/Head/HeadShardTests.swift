import Foundation
import Synchronization
import TestSupport
import Testing

@testable import Historian

/// The head is sharded by series id: writers of different series run at once, readers with them,
/// and no acknowledged sample is lost or seen in part, through automatic flushes and a reopen.
@Suite struct HeadShardTests {
    /// Runs every closure on its own thread (not a pool of two, so that readers really run while
    /// writers do) and waits for all.
    private static func runConcurrently(_ bodies: [@Sendable () -> Void]) {
        let group = DispatchGroup()
        for body in bodies {
            group.enter()
            Thread {
                body()
                group.leave()
            }.start()
        }
        group.wait()
    }

    /// Options that make the engine seal chunks and flush the head often, so that flushes race the writes.
    private static var smallHead: HistorianOptions {
        var options = HistorianOptions()
        options.chunkSampleLimit = 50
        // Open chunks count what their pending vectors hold (they grow as samples arrive): a
        // small limit, so that the 12,000 samples below flush several times.
        options.headMemoryLimit = 20_000
        return options
    }

    @Test func concurrentWritersAndReadersSeeEveryAcknowledgedSample() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let writerCount = 4
        let seriesPerWriter = 5
        let batches = 60
        let batchSize = 10
        var ids: [[SeriesID]] = []
        do {
            let historian = try Historian(directory: directory.path, options: Self.smallHead)
            for writer in 0..<writerCount {
                let keys = (0..<seriesPerWriter).map { (key: SeriesKey(measurement: "w\(writer)", field: "s\($0)"), kind: ValueKind.float) }
                ids.append(try historian.register(keys).map(\.id))
            }
            // The writers' series spread over several shards.
            #expect(Set(ids.joined().map(Historian.shardIndex(of:))).count > writerCount)
            let writerIDs = ids
            // acknowledged[writer] = batches whose write call returned.
            let acknowledged = Mutex([Int](repeating: 0, count: writerCount))
            let failures = Mutex<[String]>([])
            var bodies: [@Sendable () -> Void] = []
            for writer in 0..<writerCount {
                bodies.append {
                    for batch in 0..<batches {
                        // Every series of the writer gets `batchSize` samples with values 0, 1, 2, ... in time order.
                        var samples: [(series: SeriesID, sample: Sample)] = []
                        for id in writerIDs[writer] {
                            for index in 0..<batchSize {
                                let value = batch * batchSize + index
                                samples.append((id, Sample(timestamp: Int64(value) * 1_000, value: .float(Double(value)))))
                            }
                        }
                        do {
                            try historian.write(samples)
                            acknowledged.withLock { $0[writer] = batch + 1 }
                        } catch {
                            failures.withLock { $0.append("writer \(writer) batch \(batch): \(error)") }
                            return
                        }
                    }
                }
            }
            for reader in 0..<writerCount {
                bodies.append {
                    for round in 0..<40 {
                        let writer = (reader + round) % writerCount
                        let id = writerIDs[writer][round % seriesPerWriter]
                        let before = acknowledged.withLock { $0[writer] }
                        do {
                            let values = try historian.samples(series: id, from: .min, to: .max).map(\.value.doubleValue)
                            // Every acknowledged batch is there, the series is a gapless prefix 0, 1, 2, ...
                            if values.count < before * batchSize || values != (0..<values.count).map(Double.init) {
                                failures.withLock {
                                    $0.append("series \(id): \(values.count) samples after \(before) acknowledged batches, or not 0, 1, 2, ...")
                                }
                            }
                        } catch {
                            failures.withLock { $0.append("reader \(reader): \(error)") }
                        }
                    }
                }
            }
            Self.runConcurrently(bodies)
            #expect(failures.withLock { $0 } == [])
            let expected = (0..<(batches * batchSize)).map(Double.init)
            for id in ids.joined() {
                #expect(try historian.samples(series: id, from: .min, to: .max).map(\.value.doubleValue) == expected)
            }
            // 4 writers × 60 batches × 5 series × 10 samples = 12,000 samples against a head limit of 20,000 bytes.
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path + "/partitions").isEmpty == false)
        }
        // Reopened: partitions plus the WAL replay hold every sample exactly once.
        let reopened = try Historian(directory: directory.path, options: Self.smallHead)
        let expected = (0..<(batches * batchSize)).map(Double.init)
        for id in ids.joined() {
            #expect(try reopened.samples(series: id, from: .min, to: .max).map(\.value.doubleValue) == expected)
            #expect(try reopened.latest(series: id)?.value.doubleValue == expected.last)
        }
    }

    @Test func aQueryNeverSeesPartOfOneWriteBatch() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let historian = try Historian(directory: directory.path, options: Self.smallHead)
        // Two series in different shards, written together in every batch.
        let registered = try historian.register([
            (SeriesKey(measurement: "batch", field: "a"), .float), (SeriesKey(measurement: "batch", field: "b"), .float),
        ])
        let first = registered[0].id
        let second = registered[1].id
        #expect(Historian.shardIndex(of: first) != Historian.shardIndex(of: second))
        let batchSize = 37
        let batches = 200
        let done = Atomic<Bool>(false)
        let failures = Mutex<[String]>([])
        var bodies: [@Sendable () -> Void] = [
            {
                defer { done.store(true, ordering: .releasing) }
                for batch in 0..<batches {
                    var samples: [(series: SeriesID, sample: Sample)] = []
                    for index in 0..<batchSize {
                        let time = Int64(batch * batchSize + index)
                        samples.append((first, Sample(timestamp: time, value: .float(Double(time)))))
                        samples.append((second, Sample(timestamp: time, value: .float(-Double(time)))))
                    }
                    do {
                        try historian.write(samples)
                    } catch {
                        failures.withLock { $0.append("batch \(batch): \(error)") }
                        return
                    }
                }
            }
        ]
        for id in [first, second] {
            bodies.append {
                var previous = 0
                while !done.load(ordering: .acquiring) {
                    do {
                        let count = try historian.samples(series: id, from: .min, to: .max).count
                        let rollupCount = try historian.rollup(series: id, from: 0, to: Int64(batches * batchSize), every: Int64(batches * batchSize))
                            .buckets[0].count
                        // Whole batches only, never fewer than before (a flush moves chunks, it does not hide them).
                        for seen in [count, rollupCount] where seen % batchSize != 0 || seen < previous {
                            failures.withLock { $0.append("series \(id): \(seen) samples after \(previous)") }
                        }
                        previous = max(count, rollupCount)
                    } catch {
                        failures.withLock { $0.append("series \(id): \(error)") }
                    }
                }
            }
        }
        Self.runConcurrently(bodies)
        #expect(failures.withLock { $0 } == [])
        #expect(try historian.samples(series: first, from: .min, to: .max).count == batches * batchSize)
        #expect(try historian.samples(series: second, from: .min, to: .max).count == batches * batchSize)
    }

    @Test func aRangeDeleteRemovesEarlierWritesAndKeepsLaterOnes() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let key = SeriesKey(measurement: "m", field: "v")
        let id: SeriesID
        do {
            let historian = try Historian(directory: directory.path, options: Self.smallHead)
            id = try #require(historian.register([(key, .float)]).first).id
            try historian.write((0..<10).map { (id, Sample(timestamp: Int64($0), value: .float(1))) })
            try historian.delete(series: id, from: 0, to: 10)
            // Written after the delete, in its range: kept.
            try historian.write([(id, Sample(timestamp: 5, value: .float(2)))])
            #expect(try historian.samples(series: id, from: .min, to: .max) == [Sample(timestamp: 5, value: .float(2))])
        }
        // Replayed from the WAL, the delete keeps its place between the writes.
        let reopened = try Historian(directory: directory.path, options: Self.smallHead)
        #expect(try reopened.samples(series: id, from: .min, to: .max) == [Sample(timestamp: 5, value: .float(2))])
    }
    /// Writers of the same series apply their batches shard by shard side by side; flushes and
    /// range deletes in between must leave the same samples a replay of the log gives.
    @Test func concurrentWritersOfTheSameSeriesWithDeletesAndFlushesMatchTheReplay() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let writerCount = 3
        let batches = 80
        let perSeries = 10
        var live: [SeriesID: [Sample]] = [:]
        let ids: [SeriesID]
        do {
            let historian = try Historian(directory: directory.path, options: Self.smallHead)
            ids = try historian.register((0..<6).map { (SeriesKey(measurement: "shared", field: "s\($0)"), ValueKind.float) }).map(\.id)
            #expect(Set(ids.map(Historian.shardIndex(of:))).count == ids.count)
            let seriesIDs = ids
            let failures = Mutex<[String]>([])
            let acknowledgedBatches = Atomic<Int>(0)
            var bodies: [@Sendable () -> Void] = []
            for writer in 0..<writerCount {
                bodies.append {
                    for batch in 0..<batches {
                        // Timestamps are unique across writers and interleave between them.
                        var samples: [(series: SeriesID, sample: Sample)] = []
                        for id in seriesIDs {
                            for index in 0..<perSeries {
                                let time = Int64((batch * writerCount + writer) * perSeries + index)
                                samples.append((id, Sample(timestamp: time, value: .float(Double(time) + Double(id) / 8))))
                            }
                        }
                        do {
                            try historian.write(samples)
                            acknowledgedBatches.add(1, ordering: .relaxed)
                        } catch {
                            failures.withLock { $0.append("writer \(writer) batch \(batch): \(error)") }
                            return
                        }
                    }
                }
            }
            bodies.append {
                var random = SplitMix64(seed: 7)
                for round in 0..<40 {
                    // Ranges in the part every writer has surely written (the writers stay within a few
                    // batches of each other), so that the deletes remove something.
                    let written = (acknowledgedBatches.load(ordering: .relaxed) / writerCount - 2) * writerCount * perSeries
                    guard written > 0 else {
                        usleep(500)
                        continue
                    }
                    let id = seriesIDs[Int(random.next() % UInt64(seriesIDs.count))]
                    // Odd rounds delete where the writers are writing now: batches logged but not yet
                    // applied must not survive the delete here and die in the replay (or the reverse).
                    let from = round % 2 == 0 ? Int64(random.next() % UInt64(written)) : Int64(written)
                    let to = from + (round % 2 == 0 ? 15 : Int64(6 * writerCount * perSeries))
                    do {
                        try historian.delete(series: id, from: from, to: to)
                        if round % 8 == 0 { try historian.flush() }
                    } catch {
                        failures.withLock { $0.append("delete \(round): \(error)") }
                    }
                    usleep(500)
                }
            }
            Self.runConcurrently(bodies)
            #expect(failures.withLock { $0 } == [])
            for id in ids {
                let samples = try historian.samples(series: id, from: .min, to: .max)
                #expect(samples.map(\.timestamp) == samples.map(\.timestamp).sorted())
                live[id] = samples
            }
            #expect(live.values.map(\.count).reduce(0, +) < ids.count * batches * writerCount * perSeries, "no delete removed anything")
        }
        let reopened = try Historian(directory: directory.path, options: Self.smallHead)
        for id in ids {
            #expect(try reopened.samples(series: id, from: .min, to: .max) == live[id], "series \(id)")
        }
    }

    @Test func aBadBatchIsRejectedWholeWithTheSeriesNamed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let historian = try Historian(directory: directory.path)
        let key = SeriesKey(measurement: "m", field: "v")
        let id = try #require(historian.register([(key, .float)]).first).id
        let good = (id, Sample(timestamp: 1, value: .float(1)))
        #expect(throws: HistorianError.query(.unknownSeries(id + 1))) {
            try historian.write([good, (id + 1, Sample(timestamp: 2, value: .float(2)))])
        }
        #expect(throws: HistorianError.catalog(.kindConflict(series: key.description, registered: .float, written: .boolean))) {
            try historian.write([good, (id, Sample(timestamp: 2, value: .boolean(true)))])
        }
        #expect(throws: HistorianError.unsupportedValue(series: key.description, reason: Historian.reservedTimestampReason)) {
            try historian.write([good, (id, Sample(timestamp: .max, value: .float(2)))])
        }
        // Nothing of the rejected batches reached the head.
        #expect(try historian.samples(series: id, from: .min, to: .max) == [])
    }
}
