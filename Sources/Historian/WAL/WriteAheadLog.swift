#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// The write-ahead log: numbered segment files `NNNNNNNNNNNNNNNNNNNN.wal` in one directory.
///
/// A segment starts with a 16-byte header: magic `HISTDWAL`, format version `UInt32`, and the
/// CRC-32C of those 12 bytes. Records follow: payload length `UInt32`, CRC-32C of the payload
/// `UInt32`, payload (see ``WALRecord``). All integers are little-endian.
///
/// Thread-safe. ``append(_:)`` writes a record and returns its log position; ``waitUntilDurable(_:)``
/// returns once that position is fsynced under the ``Durability`` setting. Writers that wait at the
/// same time share one fsync (group commit).
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
    /// later fsync could succeed without them, so nothing is reported durable again.
    private let syncFailure = Mutex<HistorianError?>(nil)
    /// Runs the fsyncs that ``startSync()`` starts ahead of the waiters.
    private let backgroundSync = DispatchQueue(label: "histd.wal.sync")
    private let backgroundSyncPending = Atomic<Bool>(false)

    private init(
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

    /// Opens the log in `directory`: removes segments up to `coveredThrough` (their records are in
    /// partition files), replays the others in order through `replay`, drops a torn record at the
    /// very end, and starts a new segment for appends.
    ///
    /// - Throws: ``HistorianError/corrupt`` naming the file and offset for damage anywhere but the
    ///   tail, ``HistorianError/unsupportedVersion``, ``HistorianError/io``, and what `replay` throws.
    static func recover(
        directory: String, durability: Durability, segmentLimit: Int = 64 << 20, coveredThrough: UInt64,
        faults: (any FileFaults)? = nil, syncObserver: (@Sendable (Duration) -> Void)? = nil, replay: (WALRecord) throws(HistorianError) -> Void
    ) throws(HistorianError) -> (log: WriteAheadLog, report: RecoveryReport) {
        try FileIO.makeDirectory(directory)
        var report = RecoveryReport()
        let numbers = try segments(in: directory)
        var removed = false
        for number in numbers where number <= coveredThrough {
            try FileIO.remove(directory + "/" + segmentName(number))
            removed = true
        }
        if removed { try FileIO.syncDirectory(directory) }
        let live = numbers.filter { $0 > coveredThrough }
        var kept: [UInt64: Int] = [:]
        for (index, number) in live.enumerated() {
            let path = directory + "/" + segmentName(number)
            let bytes = try FileIO.readFile(path)
            let isLast = index == live.count - 1
            let end = try bytes.withUnsafeBytes { raw in
                Result { () throws(HistorianError) in try scan(raw, path: path, isLast: isLast, report: &report, replay: replay) }
            }.get()
            report.segmentsReplayed += 1
            if let torn = end.1 {
                report.tornTail = torn
                // A segment whose header was cut holds nothing: remove it rather than leave an empty file.
                if end.0 == 0 { try FileIO.remove(path) } else { try FileIO.truncateFile(path, to: end.0) }
                if end.0 > 0 { kept[number] = end.0 }
            } else if end.0 == headerSize {
                // No records: every open starts a new segment, so drop empty ones instead of piling them up.
                try FileIO.remove(path)
            } else {
                kept[number] = end.0
            }
        }
        let next = max(coveredThrough, numbers.last ?? 0) + 1
        let log = try WriteAheadLog(
            directory: directory, durability: durability, segmentLimit: segmentLimit, segment: next, olderSegmentBytes: kept,
            faults: faults, syncObserver: syncObserver)
        return (log, report)
    }

    /// Checks every segment in `directory` after `coveredThrough` without changing anything.
    /// - Returns: per segment its path and record count, and the torn tail a recovery would drop.
    /// - Throws: the first corruption, naming file and offset.
    static func verify(directory: String, coveredThrough: UInt64) throws(HistorianError) -> (segments: [(path: String, records: Int)], tornTail: RecoveryReport.TornTail?) {
        let live = try segments(in: directory).filter { $0 > coveredThrough }
        var checked: [(path: String, records: Int)] = []
        var tornTail: RecoveryReport.TornTail?
        for (index, number) in live.enumerated() {
            let path = directory + "/" + segmentName(number)
            let bytes = try FileIO.readFile(path)
            var report = RecoveryReport()
            let end = try bytes.withUnsafeBytes { raw in
                Result { () throws(HistorianError) in try scan(raw, path: path, isLast: index == live.count - 1, report: &report) { _ in } }
            }.get()
            if let torn = end.1 { tornTail = torn }
            checked.append((path, report.recordsReplayed))
        }
        return (checked, tornTail)
    }

    /// Replays the records of one segment; returns the offset of the end of the last good record
    /// and the torn tail, if any.
    private static func scan(
        _ bytes: UnsafeRawBufferPointer, path: String, isLast: Bool, report: inout RecoveryReport,
        replay: (WALRecord) throws(HistorianError) -> Void
    ) throws(HistorianError) -> (Int, RecoveryReport.TornTail?) {
        func torn(_ offset: Int, _ reason: String) throws(HistorianError) -> (Int, RecoveryReport.TornTail?) {
            guard isLast else { throw .corrupt(path: path, offset: offset, reason: reason + " in a segment that is not the last") }
            return (offset, RecoveryReport.TornTail(path: path, offset: offset, droppedBytes: bytes.count - offset))
        }
        var reader = ByteReader(bytes)
        guard bytes.count >= headerSize else { return try torn(0, "segment header cut short") }
        guard reader.readBytes(8) == magic else { throw .corrupt(path: path, offset: 0, reason: "not a WAL segment (bad magic)") }
        let version = reader.readUInt32() ?? 0
        let headerChecksum = reader.readUInt32() ?? 0
        guard headerChecksum == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<12])) else {
            throw .corrupt(path: path, offset: 12, reason: "segment header checksum mismatch")
        }
        guard version == formatVersion else { throw .unsupportedVersion(path: path, version: version) }
        while reader.remaining > 0 {
            let recordStart = reader.offset
            guard let length = reader.readUInt32(), let checksum = reader.readUInt32() else {
                return try torn(recordStart, "record header cut short")
            }
            guard Int(length) <= maximumRecordSize, Int(length) <= reader.remaining else {
                return try torn(recordStart, "record of \(length) bytes runs past the end of the file")
            }
            let payload = UnsafeRawBufferPointer(rebasing: bytes[reader.offset..<(reader.offset + Int(length))])
            let recordEnd = reader.offset + Int(length)
            guard CRC32C.checksum(payload) == checksum else {
                if recordEnd == bytes.count { return try torn(recordStart, "record checksum mismatch") }
                throw .corrupt(path: path, offset: recordStart, reason: "record checksum mismatch")
            }
            guard let record = WALRecord.decode(payload) else {
                throw .corrupt(path: path, offset: recordStart, reason: "record with a valid checksum but an impossible structure")
            }
            // Skipped, not read: a copy of a large record was put on the stack and overflowed it.
            _ = reader.skip(Int(length))
            if case .samples(let samples) = record { report.samplesReplayed += samples.count }
            report.recordsReplayed += 1
            try replay(record)
        }
        return (bytes.count, nil)
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
                    let failure = HistorianError.io(path: path, operation: "truncate after a failed write", code: errno)
                    syncFailure.withLock { $0 = $0 ?? failure }
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
        while let remaining = state.withLock({ timeUntilSyncIsDue(for: position, $0) }) {
            guard remaining > .zero else { break }
            let (seconds, attoseconds) = remaining.components
            var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
            nanosleep(&request, nil)
        }
        try syncTurn.withLock { (_) throws(HistorianError) in
            let pending = try state.withLock { (state) throws(HistorianError) -> (descriptor: Int32, path: String, through: UInt64)? in
                guard state.durablePosition < position else { return nil }
                let path = directory + "/" + Self.segmentName(state.segment)
                let copy = dup(state.descriptor)
                guard copy >= 0 else { throw .io(path: path, operation: "dup", code: errno) }
                return (copy, path, state.writtenPosition)
            }
            guard let pending else { return }
            defer { close(pending.descriptor) }
            let started = ContinuousClock.now
            do throws(HistorianError) {
                try FileIO.sync(descriptor: pending.descriptor, path: pending.path, faults: faults)
            } catch {
                syncFailure.withLock { $0 = $0 ?? error }
                throw error
            }
            let finished = ContinuousClock.now
            state.withLock { state in
                state.durablePosition = max(state.durablePosition, pending.through)
                state.lastSync = finished
            }
            syncObserver?(finished - started)
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
        try FileIO.sync(descriptor: state.descriptor, path: directory + "/" + Self.segmentName(state.segment), faults: faults)
        state.durablePosition = state.writtenPosition
        state.lastSync = ContinuousClock.now
        syncObserver?(state.lastSync - started)
    }

    private func rotate(_ state: inout State) throws(HistorianError) {
        try sync(&state)
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
