import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The write-ahead log: numbered segment files `NNNNNNNNNNNNNNNNNNNN.wal` in one directory.
///
/// A segment starts with a 16-byte header: magic `HISTDWAL`, format version `UInt32`, and the
/// CRC-32C of those 12 bytes. Records follow: payload length `UInt32`, CRC-32C of the payload
/// `UInt32`, payload (see ``WALRecord``). All integers are little-endian.
///
/// Thread-safe. ``append(_:)`` writes a record and returns its log position; ``waitUntilDurable(_:)``
/// returns once that position is fsynced under the ``Durability`` setting. Writers that wait at the
/// same time share one fsync (group commit); with an interval, one fsync is scheduled when it is
/// due and wakes every writer it covers.
final class WriteAheadLog: Sendable {
    static let magic: [UInt8] = Array("HISTDWAL".utf8)
    static let formatVersion: UInt32 = 1
    static let headerSize = 16
    static let recordHeaderSize = 8
    /// Larger lengths cannot come from this writer: they mark a corrupt or torn length field.
    static let maximumRecordSize = 1 << 30

    private struct State {
        var descriptor: Int32
        var segment: UInt64
        var segmentBytes: Int
        /// The sizes of the other segments on disk (closed, not yet covered by a checkpoint).
        var olderSegmentBytes: [UInt64: Int]
        var writtenPosition: UInt64 = 0
        var durablePosition: UInt64 = 0
        var lastSync = ContinuousClock.now
    }

    let directory: String
    let durability: Durability
    let segmentLimit: Int
    private let faults: (any FileFaults)?
    private let syncObserver: (@Sendable (Duration) -> Void)?
    private let state: Mutex<State>
    /// Held for the duration of one fsync of ``waitUntilDurable(_:)``.
    private let syncTurn = Mutex<Void>(())
    /// The first failed fsync: after it the kernel may have dropped the unwritten pages and a
    /// later fsync could succeed without them, so nothing is reported durable again until a flush
    /// has put everything logged so far into partition files (``recover(coveredThrough:)``).
    private let syncFailure = Mutex<HistorianError?>(nil)
    /// The segment being written when `syncFailure` was recorded.
    private let failedSegment = Atomic<UInt64>(0)
    /// Runs the fsyncs that ``startSync()`` starts ahead of the waiters.
    private let backgroundSync = DispatchQueue(label: "histd.wal.sync")
    private let backgroundSyncPending = Atomic<Bool>(false)
    /// Whether an fsync is scheduled for when the interval is due (``Durability/interval(milliseconds:)``).
    private let scheduledSyncPending = Atomic<Bool>(false)
    /// Signalled after every fsync and on failure: writers waiting for an interval's fsync sleep on it.
    private let synced = ConditionVariable()
    /// `State.durablePosition`, readable without the state lock: a waiter checks it while holding
    /// the condition variable's mutex, which a rotation signals while holding the state lock.
    private let durableThrough = Atomic<UInt64>(0)

    init(
        directory: String, durability: Durability, segmentLimit: Int, segment: UInt64, olderSegmentBytes: [UInt64: Int],
        faults: (any FileFaults)?, syncObserver: (@Sendable (Duration) -> Void)?
    ) throws(HistorianError) {
        self.directory = directory
        self.durability = durability
        self.segmentLimit = segmentLimit
        self.faults = faults
        self.syncObserver = syncObserver
        let descriptor = try Self.createSegment(directory: directory, number: segment, faults: faults)
        state = Mutex(State(descriptor: descriptor, segment: segment, segmentBytes: Self.headerSize, olderSegmentBytes: olderSegmentBytes))
    }

    /// The failure after which nothing is reported durable (a failed fsync), or nil.
    var failure: HistorianError? {
        syncFailure.withLock { $0 }
    }

    /// Records the first failure after which the log cannot vouch for its current segment.
    private func recordFailure(_ error: HistorianError, segment: UInt64) {
        syncFailure.withLock { failure in
            guard failure == nil else { return }
            failure = error
            failedSegment.store(segment, ordering: .relaxed)
        }
    }

    /// Ends the state ``failure`` describes once partition files and a checkpoint cover every
    /// segment through `covered`, the failed one included: everything logged is durable there, so
    /// the log reports it durable and takes appends again, in the segment started since.
    /// - Returns: true when the log was failed and is usable again.
    @discardableResult
    func recover(coveredThrough covered: UInt64) -> Bool {
        let recovered = syncFailure.withLock { failure -> Bool in
            guard failure != nil, failedSegment.load(ordering: .relaxed) <= covered else { return false }
            failure = nil
            return true
        }
        guard recovered else { return false }
        state.withLock { state in
            state.durablePosition = state.writtenPosition
            durableThrough.store(state.durablePosition, ordering: .releasing)
        }
        synced.broadcast()
        return true
    }

    /// The log position through which every record is fsynced.
    var durablePosition: UInt64 {
        state.withLock { $0.durablePosition }
    }

    /// Bytes of all segments on disk: the one being written and the older ones not yet removed.
    var bytesOnDisk: Int {
        state.withLock { $0.segmentBytes + $0.olderSegmentBytes.values.reduce(0, +) }
    }

    deinit {
        _ = state.withLock { close($0.descriptor) }
    }

    static func segmentName(_ number: UInt64) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits + ".wal"
    }

    /// The numbers of the segment files in `directory`, ascending.
    static func segments(in directory: String) throws(HistorianError) -> [UInt64] {
        try FileIO.list(directory).compactMap { name in
            name.hasSuffix(".wal") ? UInt64(name.dropLast(4)) : nil
        }.sorted()
    }

    static func header() -> [UInt8] {
        var writer = ByteWriter()
        writer.append(contentsOf: magic)
        writer.append(formatVersion)
        writer.append(CRC32C.checksum(writer.bytes))
        return writer.bytes
    }

    private static func createSegment(directory: String, number: UInt64, faults: (any FileFaults)?) throws(HistorianError) -> Int32 {
        let path = directory + "/" + segmentName(number)
        let descriptor = try FileIO.create(path, flags: O_TRUNC | O_APPEND, faults: faults)
        do throws(HistorianError) {
            try FileIO.writeAll(descriptor: descriptor, path: path, header(), faults: faults)
            try FileIO.sync(descriptor: descriptor, path: path, faults: faults)
            try FileIO.syncDirectory(directory, faults: faults)
        } catch {
            close(descriptor)
            unlink(path)
            throw error
        }
        return descriptor
    }

    /// Appends one record and returns the log position just after it.
    func append(_ record: WALRecord) throws(HistorianError) -> UInt64 {
        try append(frame: Self.frame(record))
    }

    /// The bytes of `record` as the log stores it: length, CRC-32C, payload. Pure, so callers
    /// build it before taking their own locks and hold them only for ``append(frame:)``.
    static func frame(_ record: WALRecord) -> [UInt8] {
        var frame = ByteWriter()
        frame.bytes = record.encode(headroom: recordHeaderSize)
        let payloadLength = frame.bytes.count - recordHeaderSize
        let checksum = frame.bytes.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[recordHeaderSize...])) }
        frame.set(UInt32(payloadLength), at: 0)
        frame.set(checksum, at: 4)
        return frame.bytes
    }

    /// Appends a record framed by ``frame(_:)`` and returns the log position just after it.
    ///
    /// A failed write (a full disk) is cut off again, so the segment ends with its last whole
    /// record and the next append, once there is space, follows it; if even that fails, nothing is
    /// reported durable any more (see ``waitUntilDurable(_:)``).
    func append(frame bytes: [UInt8]) throws(HistorianError) -> UInt64 {
        if let failure { throw failure }
        return try state.withLock { (state) throws(HistorianError) -> UInt64 in
            if state.segmentBytes + bytes.count > segmentLimit && state.segmentBytes > Self.headerSize {
                try rotate(&state)
            }
            let path = directory + "/" + Self.segmentName(state.segment)
            do throws(HistorianError) {
                try FileIO.writeAll(descriptor: state.descriptor, path: path, bytes, faults: faults)
            } catch {
                if ftruncate(state.descriptor, off_t(state.segmentBytes)) != 0 {
                    recordFailure(.io(path: path, operation: "truncate after a failed write", code: errno), segment: state.segment)
                }
                throw error
            }
            state.segmentBytes += bytes.count
            state.writtenPosition += UInt64(bytes.count)
            return state.writtenPosition
        }
    }

    /// Returns once every record up to `position` is fsynced, under the durability setting.
    ///
    /// The fsync runs outside the append lock, so writers keep appending while it runs, and on a
    /// duplicate of the segment's descriptor, so a rotation closing the segment cannot pull it away.
    /// One fsync runs at a time; writers that wait meanwhile share the next one (group commit).
    func waitUntilDurable(_ position: UInt64) throws(HistorianError) {
        if let failure = syncFailure.withLock({ $0 }) { throw failure }
        if let remaining = state.withLock({ timeUntilSyncIsDue(for: position, $0) }), remaining > .zero {
            scheduleSync(after: remaining)
            // The scheduled fsync covers `position` (appended before this call) and wakes this
            // thread; the recheck only bounds the wait should a wake-up be lost.
            synced.wait(recheck: .milliseconds(100)) {
                durableThrough.load(ordering: .acquiring) >= position || syncFailure.withLock { $0 != nil }
            }
            if let failure = syncFailure.withLock({ $0 }) { throw failure }
            return
        }
        try sync(through: position)
    }

    /// Fsyncs everything appended so far unless `position` is durable already: one fsync at a
    /// time, and the writers that wait for it meanwhile find their records covered (group commit).
    private func sync(through position: UInt64) throws(HistorianError) {
        try syncTurn.withLock { (_) throws(HistorianError) in
            let pending = try state.withLock {
                (state) throws(HistorianError) -> (descriptor: Int32, path: String, through: UInt64, segment: UInt64)? in
                guard state.durablePosition < position else { return nil }
                let path = directory + "/" + Self.segmentName(state.segment)
                let copy = dup(state.descriptor)
                guard copy >= 0 else { throw .io(path: path, operation: "dup", code: errno) }
                return (copy, path, state.writtenPosition, state.segment)
            }
            guard let pending else { return }
            defer { close(pending.descriptor) }
            let started = ContinuousClock.now
            do throws(HistorianError) {
                try FileIO.sync(descriptor: pending.descriptor, path: pending.path, faults: faults)
            } catch {
                recordFailure(error, segment: pending.segment)
                synced.broadcast()
                throw error
            }
            let finished = ContinuousClock.now
            state.withLock { state in
                state.durablePosition = max(state.durablePosition, pending.through)
                state.lastSync = finished
                durableThrough.store(state.durablePosition, ordering: .releasing)
            }
            synced.broadcast()
            syncObserver?(finished - started)
        }
    }

    /// Schedules one fsync of everything appended by then, `delay` from now, unless one is scheduled.
    private func scheduleSync(after delay: Duration) {
        guard !scheduledSyncPending.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let (seconds, attoseconds) = delay.components
        let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
        backgroundSync.asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) { [self] in
            // An exchange, not a store: it reads the flag that every writer relying on this fsync
            // set, so their appends happen before the position taken below.
            _ = scheduledSyncPending.exchange(false, ordering: .acquiringAndReleasing)
            let through = state.withLock { $0.writtenPosition }
            // Its failure is recorded and reaches the waiters through `syncFailure`.
            try? sync(through: through)
        }
    }

    /// With durability `everyBatch`, starts an fsync of everything appended so far on a background
    /// thread, so that it runs while the caller applies its batch, before the caller's own
    /// ``waitUntilDurable(_:)``; that wait then finds the records durable or joins the fsync. Its
    /// failure reaches every later waiter.
    func startSync() {
        guard case .everyBatch = durability, !backgroundSyncPending.exchange(true, ordering: .acquiringAndReleasing) else { return }
        backgroundSync.async { [self] in
            backgroundSyncPending.store(false, ordering: .releasing)
            let through = state.withLock { $0.writtenPosition }
            try? waitUntilDurable(through)
        }
    }

    /// nil once `position` is durable; otherwise how long to wait before syncing (zero: now).
    private func timeUntilSyncIsDue(for position: UInt64, _ state: State) -> Duration? {
        if state.durablePosition >= position { return nil }
        if case .interval(let milliseconds) = durability {
            let due = state.lastSync + .milliseconds(milliseconds)
            let now = ContinuousClock.now
            if now < due { return due - now }
        }
        return .zero
    }

    private func sync(_ state: inout State) throws(HistorianError) {
        let started = ContinuousClock.now
        do throws(HistorianError) {
            try FileIO.sync(descriptor: state.descriptor, path: directory + "/" + Self.segmentName(state.segment), faults: faults)
        } catch {
            recordFailure(error, segment: state.segment)
            synced.broadcast()
            throw error
        }
        state.durablePosition = state.writtenPosition
        state.lastSync = ContinuousClock.now
        durableThrough.store(state.durablePosition, ordering: .releasing)
        synced.broadcast()
        syncObserver?(state.lastSync - started)
    }

    /// Starts the next segment. The closed one is fsynced first, unless the log has failed: then its
    /// bytes are in doubt and only a flush that covers it (``recover(coveredThrough:)``) helps.
    private func rotate(_ state: inout State) throws(HistorianError) {
        if failure == nil { try sync(&state) }
        let descriptor = try Self.createSegment(directory: directory, number: state.segment + 1, faults: faults)
        close(state.descriptor)
        state.olderSegmentBytes[state.segment] = state.segmentBytes
        state.descriptor = descriptor
        state.segment += 1
        state.segmentBytes = Self.headerSize
    }

    /// Closes the current segment (fsynced) and starts a new one; returns the number of the closed
    /// segment, so that a partition written afterwards covers it and every one before it.
    func startNewSegment() throws(HistorianError) -> UInt64 {
        try state.withLock { (state) throws(HistorianError) -> UInt64 in
            let closed = state.segment
            try rotate(&state)
            return closed
        }
    }

    /// Removes the segments numbered up to `number` (their records are durable in partitions).
    func removeSegments(through number: UInt64) throws(HistorianError) {
        for segment in try Self.segments(in: directory) where segment <= number {
            try FileIO.remove(directory + "/" + Self.segmentName(segment), faults: faults)
            state.withLock { _ = $0.olderSegmentBytes.removeValue(forKey: segment) }
        }
        try FileIO.syncDirectory(directory, faults: faults)
    }
}
