import Foundation
import Synchronization
import TestSupport
import Testing

@testable import Historian

@Suite struct WriteAheadLogTests {
    static func records(_ count: Int) -> [WALRecord] {
        (0..<count).map { index -> WALRecord in
            if index % 5 == 4 { return .delete(series: 1, from: Int64(index), to: Int64(index + 10)) }
            let samples = (0..<(index % 3 + 1)).map { offset -> RawSample in
                RawSample(series: SeriesID(index % 4 + 1), timestamp: Int64(index * 1000 + offset), bits: UInt64(index), quality: UInt8(offset % 3))
            }
            return .samples(samples)
        }
    }

    func recover(_ directory: String, coveredThrough: UInt64 = 0) throws(HistorianError) -> ([WALRecord], RecoveryReport, WriteAheadLog) {
        var replayed: [WALRecord] = []
        let (log, report) = try WriteAheadLog.recover(directory: directory, durability: .everyBatch, coveredThrough: coveredThrough) {
            replayed.append($0)
        }
        return (replayed, report, log)
    }

    @Test func replaysWhatWasAppendedAcrossSegments() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let written = Self.records(50)
        do {
            let (_, report, log) = try recover(directory.path)
            #expect(report == RecoveryReport())
            for record in written {
                try log.waitUntilDurable(try log.append(record))
            }
            _ = try log.startNewSegment()
        }
        let (replayed, report, _) = try recover(directory.path)
        #expect(replayed == written)
        #expect(report.tornTail == nil)
        #expect(report.recordsReplayed == 50)
    }

    /// `startSync` makes the appended records durable on its own, ahead of any waiter; with an
    /// fsync interval it leaves the timing to the interval.
    @Test func startSyncMakesAppendedRecordsDurableInTheBackground() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (_, _, log) = try recover(directory.path)
        let position = try log.append(Self.records(3)[0])
        #expect(log.durablePosition < position)
        log.startSync()
        let deadline = ContinuousClock.now + .seconds(30)
        while log.durablePosition < position && ContinuousClock.now < deadline { usleep(1_000) }
        #expect(log.durablePosition >= position)
        try log.waitUntilDurable(position)

        let other = try TemporaryDirectory()
        defer { other.remove() }
        let (interval, _) = try WriteAheadLog.recover(directory: other.path, durability: .interval(milliseconds: 60_000), coveredThrough: 0) { _ in }
        let unsynced = try interval.append(Self.records(3)[1])
        interval.startSync()
        usleep(50_000)
        #expect(interval.durablePosition < unsynced)
    }

    @Test func smallSegmentLimitRotatesAndIntervalDurabilityWaits() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let written = Self.records(30)
        do {
            let (log, _) = try WriteAheadLog.recover(
                directory: directory.path, durability: .interval(milliseconds: 5), segmentLimit: 200, coveredThrough: 0
            ) { _ in }
            for record in written { try log.waitUntilDurable(try log.append(record)) }
        }
        #expect(try WriteAheadLog.segments(in: directory.path).count > 3)
        let (replayed, _, _) = try recover(directory.path)
        #expect(replayed == written)
    }

    /// Runs `body(0..<count)` on `count` threads at once (not on the cores' worth of threads that
    /// `concurrentPerform` uses), and returns when all have finished.
    static func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let finished = DispatchGroup()
        for index in 0..<count {
            finished.enter()
            Thread.detachNewThread {
                body(index)
                finished.leave()
            }
        }
        finished.wait()
    }

    /// With an fsync interval, writers waiting at once are woken by the one fsync that covers them
    /// (no writer syncs on its own or polls), and each returns only once its record is durable.
    @Test func intervalDurabilityWakesEveryWriterTheScheduledFsyncCovers() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let fsyncs = Atomic<Int>(0)
        let (log, _) = try WriteAheadLog.recover(
            directory: directory.path, durability: .interval(milliseconds: 50), coveredThrough: 0,
            syncObserver: { _ in fsyncs.add(1, ordering: .relaxed) }
        ) { _ in }
        let before = fsyncs.load(ordering: .relaxed)
        let records = Self.records(8)
        let failures = Atomic<Int>(0)
        Self.onThreads(8) { writer in
            for _ in 0..<5 {
                do {
                    let position = try log.append(records[writer])
                    try log.waitUntilDurable(position)
                    if log.durablePosition < position { failures.add(1, ordering: .relaxed) }
                } catch {
                    failures.add(1, ordering: .relaxed)
                }
            }
        }
        #expect(failures.load(ordering: .relaxed) == 0)
        // 40 acknowledged writes by 8 writers at once: about one fsync per round, not one per write.
        let used = fsyncs.load(ordering: .relaxed) - before
        #expect(used >= 1 && used <= 12, "\(used) fsyncs for 40 writes")
    }

    /// A failing fsync wakes the writers waiting for it with the error; none hangs or succeeds.
    @Test func aFailedScheduledFsyncReachesEveryWaitingWriter() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let faults = FaultSwitch()
        let (log, _) = try WriteAheadLog.recover(
            directory: directory.path, durability: .interval(milliseconds: 50), coveredThrough: 0, faults: faults
        ) { _ in }
        // Let the first interval pass, so that the next waits are not due at once.
        try log.waitUntilDurable(try log.append(Self.records(1)[0]))
        faults.fail(.sync, pathContaining: ".wal", with: EIO)
        let refused = Atomic<Int>(0)
        Self.onThreads(4) { writer in
            do {
                try log.waitUntilDurable(try log.append(Self.records(4)[writer]))
            } catch {
                refused.add(1, ordering: .relaxed)
            }
        }
        #expect(refused.load(ordering: .relaxed) == 4)
        #expect(log.failure != nil)
    }

    @Test func coveredSegmentsAreRemovedNotReplayed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (_, _, log) = try recover(directory.path)
        _ = try log.append(.delete(series: 1, from: 0, to: 1))
        let closed = try log.startNewSegment()
        try log.waitUntilDurable(try log.append(.delete(series: 2, from: 0, to: 1)))
        let (replayed, _, _) = try recover(directory.path, coveredThrough: closed)
        #expect(replayed == [.delete(series: 2, from: 0, to: 1)])
        #expect(try WriteAheadLog.segments(in: directory.path).allSatisfy { $0 > closed })
    }

    /// Cuts the only segment at every offset: recovery keeps exactly the whole records before the
    /// cut and reports a torn tail unless the cut falls on a record boundary.
    @Test func tornTailAtEveryOffsetIsDroppedAndReported() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let written = Self.records(6)
        var boundaries = [WriteAheadLog.headerSize]
        do {
            let (_, _, log) = try recover(directory.path)
            for record in written {
                _ = try log.append(record)
                boundaries.append(boundaries[boundaries.count - 1] + WriteAheadLog.recordHeaderSize + record.encode().count)
            }
        }
        let segment = try #require(try WriteAheadLog.segments(in: directory.path).last)
        let path = directory.path + "/" + WriteAheadLog.segmentName(segment)
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(original.count == boundaries.last)
        for cut in 0...original.count {
            let trial = try TemporaryDirectory()
            defer { trial.remove() }
            try original.prefix(cut).write(to: URL(fileURLWithPath: trial.path + "/" + WriteAheadLog.segmentName(segment)))
            let (replayed, report, _) = try recover(trial.path)
            let whole = boundaries.filter { $0 <= cut }.count - 1
            #expect(replayed == Array(written.prefix(max(0, whole))), "cut at \(cut)")
            let onBoundary = boundaries.contains(cut)
            #expect((report.tornTail == nil) == onBoundary, "cut at \(cut)")
            if let torn = report.tornTail {
                #expect(torn.offset == (cut < WriteAheadLog.headerSize ? 0 : boundaries[whole]))
                #expect(torn.droppedBytes == cut - torn.offset)
            }
            // Recovery truncated the torn bytes: a second recovery finds a clean log.
            let (again, secondReport, _) = try recover(trial.path)
            #expect(again == replayed && secondReport.tornTail == nil, "cut at \(cut)")
        }
    }

    @Test func corruptionBeforeTheTailNamesFileAndOffset() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let written = Self.records(4)
        do {
            let (_, _, log) = try recover(directory.path)
            for record in written { _ = try log.append(record) }
        }
        let segment = try #require(try WriteAheadLog.segments(in: directory.path).last)
        let path = directory.path + "/" + WriteAheadLog.segmentName(segment)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let secondRecord = WriteAheadLog.headerSize + WriteAheadLog.recordHeaderSize + written[0].encode().count
        bytes[secondRecord + WriteAheadLog.recordHeaderSize + 2] ^= 0x40
        try bytes.write(to: URL(fileURLWithPath: path))
        let thirdRecord = secondRecord + WriteAheadLog.recordHeaderSize + written[1].encode().count
        let reason =
            "record checksum mismatch, and a valid record follows at offset \(thirdRecord): damage, not a torn write; "
            + "start with --accept-wal-loss to open with the records around it"
        #expect(throws: HistorianError.corrupt(path: path, offset: secondRecord, reason: reason)) {
            try recover(directory.path)
        }
        var header = bytes
        header[0] = UInt8(ascii: "X")
        try header.write(to: URL(fileURLWithPath: path))
        #expect(throws: HistorianError.corrupt(path: path, offset: 0, reason: "not a WAL segment (bad magic)")) {
            try recover(directory.path)
        }
    }

    @Test func aTornRecordInAnEarlierSegmentIsCorruption() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (_, _, log) = try recover(directory.path)
        _ = try log.append(.delete(series: 1, from: 0, to: 1))
        let closed = try log.startNewSegment()
        _ = try log.append(.delete(series: 2, from: 0, to: 1))
        let path = directory.path + "/" + WriteAheadLog.segmentName(closed)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count - 3).write(to: URL(fileURLWithPath: path))
        #expect(throws: HistorianError.self) { try recover(directory.path) }
        do {
            _ = try recover(directory.path)
        } catch {
            guard case .corrupt(let file, let offset, _) = error else { Issue.record("unexpected \(error)"); return }
            #expect(file == path)
            #expect(offset == WriteAheadLog.headerSize)
        }
    }

    /// Random bytes written over a record boundary in the middle of the last segment are damage, not
    /// a torn tail: the open is refused (it used to drop every later record), verify names it, and
    /// with the loss accepted every valid record after the damage is replayed.
    @Test func damageFollowedByValidRecordsIsNeverATornTail() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let written = (0..<40).map { index in
            WALRecord.samples([RawSample(series: 1, timestamp: Int64(index), bits: UInt64(index), quality: 0)])
        }
        var boundaries = [WriteAheadLog.headerSize]
        do {
            let (_, _, log) = try recover(directory.path)
            for record in written {
                _ = try log.append(record)
                boundaries.append(boundaries[boundaries.count - 1] + WriteAheadLog.recordHeaderSize + record.encode().count)
            }
        }
        let segment = try #require(try WriteAheadLog.segments(in: directory.path).last)
        let path = directory.path + "/" + WriteAheadLog.segmentName(segment)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        var generator = SplitMix64(seed: 2026)
        // Records 10 and 11 (from their boundary on) become random bytes.
        for offset in boundaries[10]..<boundaries[12] { bytes[offset] = UInt8(truncatingIfNeeded: generator.next()) }
        try bytes.write(to: URL(fileURLWithPath: path))

        #expect(throws: HistorianError.self) { try recover(directory.path) }
        #expect(throws: HistorianError.self) { try WriteAheadLog.verify(directory: directory.path, coveredThrough: 0, expectsSegments: true) }

        var replayed: [WALRecord] = []
        let (_, report) = try WriteAheadLog.recover(
            directory: directory.path, durability: .everyBatch, coveredThrough: 0, policy: .init(acceptLoss: true, expectsSegments: true)
        ) { replayed.append($0) }
        #expect(replayed == Array(written[..<10]) + Array(written[12...]))
        #expect(report.damage == [RecoveryReport.Damage(path: path, offset: boundaries[10], skippedBytes: boundaries[12] - boundaries[10])])
        #expect(report.tornTail == nil)
    }

    /// A segment deleted while the process was stopped held acknowledged records: the open and
    /// verify name it; with the loss accepted the others are replayed.
    @Test func aMissingSegmentIsDamage() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        do {
            let (_, _, log) = try recover(directory.path)
            _ = try log.append(.delete(series: 1, from: 0, to: 1))
            _ = try log.startNewSegment()
            _ = try log.append(.delete(series: 2, from: 0, to: 1))
            _ = try log.startNewSegment()
            _ = try log.append(.delete(series: 3, from: 0, to: 1))
        }
        let segments = try WriteAheadLog.segments(in: directory.path)
        #expect(segments == [1, 2, 3])
        try FileManager.default.removeItem(atPath: directory.path + "/" + WriteAheadLog.segmentName(2))
        #expect(throws: HistorianError.self) { try recover(directory.path) }
        #expect(throws: HistorianError.self) { try WriteAheadLog.verify(directory: directory.path, coveredThrough: 0, expectsSegments: true) }
        var replayed: [WALRecord] = []
        let (_, report) = try WriteAheadLog.recover(
            directory: directory.path, durability: .everyBatch, coveredThrough: 0, policy: .init(acceptLoss: true, expectsSegments: true)
        ) { replayed.append($0) }
        #expect(replayed == [.delete(series: 1, from: 0, to: 1), .delete(series: 3, from: 0, to: 1)])
        #expect(report.missingSegments == [2])

        // The whole log gone from a directory that was used: nothing after the checkpoint is left.
        let emptied = try TemporaryDirectory()
        defer { emptied.remove() }
        #expect(throws: HistorianError.self) {
            try WriteAheadLog.recover(directory: emptied.path, durability: .everyBatch, coveredThrough: 4, policy: .init(expectsSegments: true)) {
                _ in
            }
        }
    }

    /// Random and mutated segments: recovery and verify throw or succeed, and never trap.
    @Test func mutatedSegmentsNeverTrap() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        do {
            let (_, _, log) = try recover(directory.path)
            for record in Self.records(30) { _ = try log.append(record) }
        }
        let segment = try #require(try WriteAheadLog.segments(in: directory.path).last)
        let original = try Data(contentsOf: URL(fileURLWithPath: directory.path + "/" + WriteAheadLog.segmentName(segment)))
        var generator = SplitMix64(seed: 77)
        for round in 0..<400 {
            var bytes = original
            switch round % 4 {
            case 0:
                for _ in 0..<(1 + Int(generator.next() % 8)) {
                    bytes[Int(generator.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: generator.next())
                }
            case 1: bytes = bytes.prefix(Int(generator.next() % UInt64(bytes.count)))
            case 2: bytes.append(contentsOf: (0..<Int(generator.next() % 200)).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
            default: bytes = Data(WriteAheadLog.header() + (0..<Int(generator.next() % 500)).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
            }
            let trial = try TemporaryDirectory()
            defer { trial.remove() }
            try bytes.write(to: URL(fileURLWithPath: trial.path + "/" + WriteAheadLog.segmentName(1)))
            _ = try? WriteAheadLog.verify(directory: trial.path, coveredThrough: 0, expectsSegments: true)
            _ = try? WriteAheadLog.recover(
                directory: trial.path, durability: .everyBatch, coveredThrough: 0, policy: .init(acceptLoss: round % 2 == 0)
            ) { _ in }
        }
    }
}
