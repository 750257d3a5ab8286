import Foundation
import Glibc
import Synchronization
import TestSupport
import Testing

@testable import Historian

/// Compaction merges and writes a window's new file with no engine lock held; writes, queries and
/// flushes go on meanwhile, and a failed compaction leaves the old files serving every sample.
@Suite struct CompactionTests {
    static let key = SeriesKey(measurement: "m", field: "v")

    static func points(_ range: Range<Int>, value: (Int) -> Double = { Double($0) }) -> [Point] {
        range.map { Point(series: key, timestamp: Int64($0), value: .float(value($0))) }
    }

    /// Once armed, holds the next partition file creation until the test lets it go.
    final class ArmedPause: FileFaults, @unchecked Sendable {
        let reached = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let armed = Atomic<Bool>(false)

        func failure(of operation: FileOperation, path: String) -> Int32? {
            if operation == .create, path.contains("/partitions/"), armed.exchange(false, ordering: .relaxed) {
                reached.signal()
                release.wait()
            }
            return nil
        }
    }

    /// A historian with one window of two overlapping partition files (the second rewrites 250..<500).
    static func twoFiles(_ directory: TemporaryDirectory, faults: (any FileFaults)?) throws -> Historian {
        var options = HistorianOptions()
        options.fileFaults = faults
        let historian = try Historian(directory: directory.path, options: options)
        _ = try historian.write(points(0..<500))
        try historian.flush()
        _ = try historian.write(points(250..<1_000) { Double($0) * 2 })
        try historian.flush()
        #expect(historian.storageStatistics().partitionCount == 2)
        return historian
    }

    static func expected(_ range: Range<Int>) -> [Double] {
        range.map { $0 < 250 ? Double($0) : Double($0) * 2 }
    }

    @Test func writesQueriesAndFlushesGoOnWhileACompactionWritesItsFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let pause = ArmedPause()
        let historian = try Self.twoFiles(directory, faults: pause)
        pause.armed.store(true, ordering: .relaxed)
        let compacted = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<CompactionReport, HistorianError>?>(nil)
        Thread {
            let result = Result { () throws(HistorianError) in try historian.compact() }
            outcome.withLock { $0 = result }
            compacted.signal()
        }.start()
        #expect(pause.reached.wait(timeout: .now() + 30) == .success)
        // The compaction is stuck creating its file: writes, queries and a flush still complete.
        _ = try historian.write(Self.points(1_000..<1_100))
        let id = try #require(historian.series(for: Self.key)).id
        #expect(
            try historian.samples(series: id, from: 0, to: 2_000).map(\.value.doubleValue) == Self.expected(0..<1_000)
                + (1_000..<1_100).map(Double.init))
        try historian.flush()
        pause.release.signal()
        #expect(compacted.wait(timeout: .now() + 30) == .success)
        let report = try #require(try outcome.withLock { $0 }?.get())
        #expect(report.windowsCompacted == 1 && report.filesRemoved == 2)
        // The compacted file and the flush's file; every sample once, the later write winning.
        #expect(historian.storageStatistics().partitionCount == 2)
        #expect(
            try historian.samples(series: id, from: 0, to: 2_000).map(\.value.doubleValue) == Self.expected(0..<1_000)
                + (1_000..<1_100).map(Double.init))
        #expect(try historian.compact().windowsCompacted == 1)
        #expect(historian.storageStatistics().partitionCount == 1)
        #expect(try historian.samples(series: id, from: 0, to: 2_000).count == 1_100)
    }

    @Test func aCompactionThatHitsAFullDiskKeepsTheOldFilesServing() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let faults = FaultSwitch()
        do {
            let historian = try Self.twoFiles(directory, faults: faults)
            faults.fail(.write, pathContaining: "/partitions/", with: ENOSPC)
            #expect(throws: HistorianError.self) { try historian.compact() }
            let id = try #require(historian.series(for: Self.key)).id
            #expect(historian.storageStatistics().partitionCount == 2)
            #expect(try historian.samples(series: id, from: 0, to: 1_000).map(\.value.doubleValue) == Self.expected(0..<1_000))
            faults.clear()
            #expect(try historian.compact().windowsCompacted == 1)
            #expect(try historian.samples(series: id, from: 0, to: 1_000).map(\.value.doubleValue) == Self.expected(0..<1_000))
        }
        let reopened = try Historian(directory: directory.path)
        let id = try #require(reopened.series(for: Self.key)).id
        #expect(reopened.storageStatistics().partitionCount == 1)
        #expect(try reopened.samples(series: id, from: 0, to: 1_000).map(\.value.doubleValue) == Self.expected(0..<1_000))
    }

    @Test func aDeleteDuringCompactionStillApplies() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let pause = ArmedPause()
        let historian = try Self.twoFiles(directory, faults: pause)
        let id = try #require(historian.series(for: Self.key)).id
        pause.armed.store(true, ordering: .relaxed)
        let compacted = DispatchSemaphore(value: 0)
        Thread {
            _ = try? historian.compact()
            compacted.signal()
        }.start()
        #expect(pause.reached.wait(timeout: .now() + 30) == .success)
        try historian.delete(series: id, from: 100, to: 300)
        pause.release.signal()
        #expect(compacted.wait(timeout: .now() + 30) == .success)
        #expect(historian.storageStatistics().partitionCount == 1)
        let times = try historian.samples(series: id, from: 0, to: 1_000).map(\.timestamp)
        #expect(times == (0..<100).map(Int64.init) + (300..<1_000).map(Int64.init))
    }
}
