import Foundation
import Glibc
import Synchronization
import TestSupport
import Testing

@testable import Historian

/// The flush writes partition files with no engine lock held, and a failed flush (a full disk)
/// keeps everything readable, keeps the WAL, and succeeds later without a restart.
@Suite struct BackgroundFlushTests {
    static let key = SeriesKey(measurement: "m", field: "v")

    static func points(_ range: Range<Int>) -> [Point] {
        range.map { Point(series: key, timestamp: Int64($0), value: .float(Double($0))) }
    }

    /// The errno of the ``HistorianError/io`` that `body` throws; nil when it throws nothing else.
    static func errorCode(_ body: () throws -> Void) -> Int32? {
        do {
            try body()
            return nil
        } catch {
            if case .io(_, _, let code) = error as? HistorianError { return code }
            return nil
        }
    }

    /// Holds the flush inside its file-writing step until the test lets it go.
    final class PausingFaults: FileFaults, @unchecked Sendable {
        let reached = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        private let paused = Atomic<Bool>(false)

        func failure(of operation: FileOperation, path: String) -> Int32? {
            if operation == .create, path.contains("/partitions/"), !paused.exchange(true, ordering: .relaxed) {
                reached.signal()
                release.wait()
            }
            return nil
        }
    }

    @Test func writesAndQueriesGoOnWhileAFlushWritesItsFiles() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var options = HistorianOptions()
        let faults = PausingFaults()
        options.fileFaults = faults
        let historian = try Historian(directory: directory.path, options: options)
        _ = try historian.write(Self.points(0..<1_000))
        let flushed = DispatchSemaphore(value: 0)
        let flushError = Mutex<HistorianError?>(nil)
        Thread {
            do throws(HistorianError) {
                try historian.flush()
            } catch {
                flushError.withLock { $0 = error }
            }
            flushed.signal()
        }.start()
        #expect(faults.reached.wait(timeout: .now() + 30) == .success)
        // The flush is stuck writing its partition file: a write and a query still complete.
        _ = try historian.write(Self.points(1_000..<1_100))
        let id = try #require(historian.series(for: Self.key)).id
        #expect(try historian.samples(series: id, from: 0, to: 2_000).count == 1_100)
        // A late sample starts a new open chunk; the latest sample is still in the flushing chunk.
        _ = try historian.write([Point(series: Self.key, timestamp: 500, value: .float(-1))])
        #expect(try historian.latest(series: id) == Sample(timestamp: 1_099, value: .float(1_099)))
        faults.release.signal()
        #expect(flushed.wait(timeout: .now() + 30) == .success)
        #expect(flushError.withLock { $0 } == nil)
        #expect(try historian.latest(series: id) == Sample(timestamp: 1_099, value: .float(1_099)))
        #expect(try historian.samples(series: id, from: 500, to: 501) == [Sample(timestamp: 500, value: .float(-1))])
        #expect(try historian.samples(series: id, from: 0, to: 2_000).map(\.timestamp) == (0..<1_100).map(Int64.init))
    }

    @Test func aFlushThatHitsAFullDiskLosesNothingAndSucceedsLater() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var options = HistorianOptions()
        let faults = FaultSwitch()
        options.fileFaults = faults
        do {
            let historian = try Historian(directory: directory.path, options: options)
            _ = try historian.write(Self.points(0..<500))
            faults.fail(.write, pathContaining: "/partitions/", with: ENOSPC)
            #expect(Self.errorCode { try historian.flush() } == ENOSPC)
            #expect(historian.flushFailure != nil)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path + "/partitions").isEmpty, "no partial file is left")
            // Still readable from memory, still in the WAL; new writes go on.
            _ = try historian.write(Self.points(500..<600))
            let id = try #require(historian.series(for: Self.key)).id
            #expect(try historian.samples(series: id, from: 0, to: 1_000).count == 600)
            faults.clear()
            try historian.flush()
            #expect(historian.flushFailure == nil)
            #expect(try historian.samples(series: id, from: 0, to: 1_000).map(\.timestamp) == (0..<600).map(Int64.init))
            #expect(historian.storageStatistics().partitionCount == 1)
        }
        let reopened = try Historian(directory: directory.path)
        #expect(reopened.recovery.samplesReplayed == 0)
        let id = try #require(reopened.series(for: Self.key)).id
        #expect(try reopened.samples(series: id, from: 0, to: 1_000).map(\.timestamp) == (0..<600).map(Int64.init))
    }

    @Test func aCrashAfterAFailedFlushRecoversEverythingFromTheWAL() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var options = HistorianOptions()
        let faults = FaultSwitch()
        options.fileFaults = faults
        do {
            let historian = try Historian(directory: directory.path, options: options)
            _ = try historian.write(Self.points(0..<300))
            faults.fail(.rename, pathContaining: "/partitions/", with: EIO)
            #expect(throws: HistorianError.self) { try historian.flush() }
            _ = try historian.write(Self.points(300..<400))
        }
        let reopened = try Historian(directory: directory.path)
        #expect(reopened.recovery.samplesReplayed == 400)
        let id = try #require(reopened.series(for: Self.key)).id
        #expect(try reopened.samples(series: id, from: 0, to: 1_000).count == 400)
    }

    @Test func aWALWriteOnAFullDiskFailsThatWriteOnlyAndTheLogStaysWhole() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var options = HistorianOptions()
        let faults = FaultSwitch()
        options.fileFaults = faults
        do {
            let historian = try Historian(directory: directory.path, options: options)
            _ = try historian.write(Self.points(0..<100))
            faults.fail(.write, pathContaining: "/wal/", with: ENOSPC)
            #expect(Self.errorCode { _ = try historian.write(Self.points(100..<200)) } == ENOSPC)
            let id = try #require(historian.series(for: Self.key)).id
            #expect(try historian.samples(series: id, from: 0, to: 1_000).count == 100, "the failed batch was not applied")
            faults.clear()
            _ = try historian.write(Self.points(200..<300))
        }
        let report = try Historian.verify(directory: directory.path)
        #expect(report.faults.isEmpty, "\(report.faults)")
        let reopened = try Historian(directory: directory.path)
        let id = try #require(reopened.series(for: Self.key)).id
        #expect(try reopened.samples(series: id, from: 0, to: 1_000).map(\.timestamp) == (Array(0..<100) + Array(200..<300)).map(Int64.init))
    }

    /// A failed WAL fsync (EIO): that write fails, later ones too while the segment is in doubt;
    /// a flush in the background then puts everything into partition files and writes are taken
    /// again without a restart; verify finds nothing wrong and a reopen has every sample.
    @Test func aFailedWALFsyncRecoversWithoutARestart() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var options = HistorianOptions()
        let faults = FaultSwitch()
        options.fileFaults = faults
        do {
            let historian = try Historian(directory: directory.path, options: options)
            _ = try historian.write(Self.points(0..<100))
            faults.fail(.sync, pathContaining: ".wal", with: EIO)
            #expect(Self.errorCode { _ = try historian.write(Self.points(100..<200)) } == EIO)
            #expect(historian.storageFailure != nil)
            #expect(Self.errorCode { _ = try historian.write(Self.points(200..<300)) } == EIO, "refused while the segment is in doubt")
            faults.clear()
            let deadline = ContinuousClock.now + .seconds(60)
            while historian.storageFailure != nil, ContinuousClock.now < deadline { usleep(20_000) }
            #expect(historian.storageFailure == nil, "the background flush did not end the failure")
            _ = try historian.write(Self.points(300..<400))
            let id = try #require(historian.series(for: Self.key)).id
            // The batch that failed at its fsync had been applied: a write answered with an error may
            // still be stored (as in InfluxDB); the one refused at its append was not.
            let expected = (Array(0..<200) + Array(300..<400)).map(Int64.init)
            #expect(try historian.samples(series: id, from: 0, to: 1_000).map(\.timestamp) == expected)
        }
        let report = try Historian.verify(directory: directory.path)
        #expect(report.faults.isEmpty, "\(report.faults)")
        let reopened = try Historian(directory: directory.path)
        let id = try #require(reopened.series(for: Self.key)).id
        #expect(try reopened.samples(series: id, from: 0, to: 1_000).map(\.timestamp) == (Array(0..<200) + Array(300..<400)).map(Int64.init))
    }

    @Test func theFlushObserverHearsTheStepsOfEachFlush() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var options = HistorianOptions()
        let reports = Mutex<[FlushReport]>([])
        options.flushObserver = { report in reports.withLock { $0.append(report) } }
        let historian = try Historian(directory: directory.path, options: options)
        _ = try historian.write(Self.points(0..<100))
        try historian.flush()
        try historian.flush()
        let heard = reports.withLock { $0 }
        #expect(heard.count == 1, "a flush with nothing to write reports nothing")
        #expect(heard.first?.chunks == 1)
        #expect(heard.first?.files == 1)
        #expect((heard.first?.pause ?? .zero) >= .zero && (heard.first?.writing ?? .zero) > .zero)
    }

    @Test func committedBatchesReachTheObserverOnceDurable() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let historian = try Historian(directory: directory.path)
        let seen = Mutex<[(Int64, Double?)]>([])
        let observer = historian.addCommitObserver { batch in
            seen.withLock { seen in
                for index in 0..<batch.count where batch.series(at: index) == 1 && batch.quality(at: index) == .good {
                    seen.append((batch.timestamp(at: index), batch.number(at: index)))
                }
            }
        }
        _ = try historian.write(Self.points(0..<3))
        #expect(seen.withLock { $0.map(\.0) } == [0, 1, 2])
        #expect(seen.withLock { $0.map(\.1) } == [0, 1, 2])
        historian.removeCommitObserver(observer)
        _ = try historian.write(Self.points(3..<5))
        #expect(seen.withLock { $0.count } == 3)
    }
}
