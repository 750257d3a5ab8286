/// Reading the log back: recovery at open and `histd verify`.
///
/// Only the last record of the last segment can be torn by a crash (appends go to the end of the
/// newest segment). Anything else is damage: a bad record followed by a valid one (found by
/// looking for the next offset where a frame with a matching checksum and a sound structure
/// starts), a bad record in an earlier segment, or a segment missing from the sequence that
/// follows the checkpoint. Damage refuses the open, naming file and offset, unless the caller
/// accepts the loss: then every valid record around the damage is replayed and the loss reported.
extension WriteAheadLog {
    /// How recovery treats damage.
    struct RecoveryPolicy {
        /// Replay what can be read around damage and missing segments instead of refusing.
        var acceptLoss = false
        /// Whether at least one segment after the checkpoint must exist: true once the directory
        /// has been opened before (every open starts a segment, and only a checkpoint removes one).
        var expectsSegments = false
    }

    /// Opens the log in `directory`: removes segments up to `coveredThrough` (their records are in
    /// partition files), replays the others in order through `replay`, drops a torn record at the
    /// very end, and starts a new segment for appends.
    ///
    /// - Throws: ``HistorianError/corrupt`` naming the file and offset for damage (see above) unless
    ///   `policy.acceptLoss`, ``HistorianError/unsupportedVersion``, ``HistorianError/io``, and what
    ///   `replay` throws.
    static func recover(
        directory: String, durability: Durability, segmentLimit: Int = 64 << 20, coveredThrough: UInt64,
        policy: RecoveryPolicy = RecoveryPolicy(), faults: (any FileFaults)? = nil, syncObserver: (@Sendable (Duration) -> Void)? = nil,
        replay: (WALRecord) throws(HistorianError) -> Void
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
        try checkSequence(live, directory: directory, coveredThrough: coveredThrough, policy: policy, report: &report)
        var kept: [UInt64: Int] = [:]
        var last = coveredThrough
        for (index, number) in live.enumerated() {
            let path = directory + "/" + segmentName(number)
            let bytes = try FileIO.readFile(path)
            let isLast = index == live.count - 1
            let end = try bytes.withUnsafeBytes { raw in
                Result { () throws(HistorianError) in
                    try scan(raw, path: path, isLast: isLast, acceptLoss: policy.acceptLoss, report: &report, replay: replay)
                }
            }.get()
            report.segmentsReplayed += 1
            if let torn = end.tornTail {
                report.tornTail = torn
                // A segment whose header was cut holds nothing: remove it rather than leave an empty file.
                if end.validEnd == 0 { try FileIO.remove(path) } else { try FileIO.truncateFile(path, to: end.validEnd) }
                if end.validEnd > 0 {
                    kept[number] = end.validEnd
                    last = number
                }
            } else if end.validEnd == headerSize && isLast {
                // No records: every open starts a new segment, so drop an empty last one (its number
                // is taken again) instead of piling them up. Earlier ones stay: the numbers must not gap.
                try FileIO.remove(path)
            } else {
                kept[number] = end.validEnd
                last = number
            }
        }
        let log = try WriteAheadLog(
            directory: directory, durability: durability, segmentLimit: segmentLimit, segment: last + 1, olderSegmentBytes: kept,
            faults: faults, syncObserver: syncObserver)
        return (log, report)
    }

    /// Checks every segment in `directory` after `coveredThrough` without changing anything.
    /// - Returns: per segment its path and record count, and the torn tail a recovery would drop.
    /// - Throws: the first damage, naming file and offset (a missing segment names its number).
    static func verify(
        directory: String, coveredThrough: UInt64, expectsSegments: Bool
    ) throws(HistorianError) -> (segments: [(path: String, records: Int)], tornTail: RecoveryReport.TornTail?) {
        let live = FileIO.exists(directory) ? try segments(in: directory).filter { $0 > coveredThrough } : []
        var sequenceReport = RecoveryReport()
        try checkSequence(
            live, directory: directory, coveredThrough: coveredThrough, policy: RecoveryPolicy(expectsSegments: expectsSegments),
            report: &sequenceReport)
        var checked: [(path: String, records: Int)] = []
        var tornTail: RecoveryReport.TornTail?
        for (index, number) in live.enumerated() {
            let path = directory + "/" + segmentName(number)
            let bytes = try FileIO.readFile(path)
            var report = RecoveryReport()
            let end = try bytes.withUnsafeBytes { raw in
                Result { () throws(HistorianError) in
                    try scan(raw, path: path, isLast: index == live.count - 1, acceptLoss: false, report: &report) { _ in }
                }
            }.get()
            if let torn = end.tornTail { tornTail = torn }
            checked.append((path, report.recordsReplayed))
        }
        return (checked, tornTail)
    }

    /// The segments after the checkpoint must run `coveredThrough + 1, + 2, ...` without a gap, and
    /// at least one must exist once the directory has been used: a missing one held acknowledged
    /// records. With `acceptLoss` the missing numbers are reported instead.
    private static func checkSequence(
        _ live: [UInt64], directory: String, coveredThrough: UInt64, policy: RecoveryPolicy, report: inout RecoveryReport
    ) throws(HistorianError) {
        var missing: [UInt64] = []
        var expected = coveredThrough + 1
        for number in live {
            if number > expected { missing.append(contentsOf: expected..<min(number, expected + 1_000)) }
            expected = number + 1
        }
        if live.isEmpty && policy.expectsSegments { missing.append(expected) }
        guard !missing.isEmpty else { return }
        guard policy.acceptLoss else {
            let names = missing.prefix(5).map(segmentName).joined(separator: ", ")
            throw .corrupt(
                path: directory + "/" + segmentName(missing[0]), offset: 0,
                reason: "WAL segment missing (\(names)\(missing.count > 5 ? ", ..." : "")): the checkpoint covers the log through segment "
                    + "\(coveredThrough), and the records after it are needed; start with --accept-wal-loss to open without them")
        }
        report.missingSegments = missing
    }

    /// Where a segment's readable records end, and the torn tail, if any.
    struct ScanEnd {
        var validEnd: Int
        var tornTail: RecoveryReport.TornTail?
    }

    /// Replays the records of one segment.
    static func scan(
        _ bytes: UnsafeRawBufferPointer, path: String, isLast: Bool, acceptLoss: Bool, report: inout RecoveryReport,
        replay: (WALRecord) throws(HistorianError) -> Void
    ) throws(HistorianError) -> ScanEnd {
        guard bytes.count >= headerSize else {
            guard isLast else { throw .corrupt(path: path, offset: 0, reason: "segment header cut short in a segment that is not the last") }
            return ScanEnd(validEnd: 0, tornTail: RecoveryReport.TornTail(path: path, offset: 0, droppedBytes: bytes.count))
        }
        var reader = ByteReader(bytes)
        guard reader.readBytes(8) == magic else { throw .corrupt(path: path, offset: 0, reason: "not a WAL segment (bad magic)") }
        let version = reader.readUInt32() ?? 0
        let headerChecksum = reader.readUInt32() ?? 0
        guard headerChecksum == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<12])) else {
            throw .corrupt(path: path, offset: 12, reason: "segment header checksum mismatch")
        }
        guard version == formatVersion else { throw .unsupportedVersion(path: path, version: version) }
        var offset = headerSize
        var validEnd = headerSize
        while offset < bytes.count {
            switch record(in: bytes, at: offset) {
            case .valid(let record, let end):
                if case .samples(let samples) = record { report.samplesReplayed += samples.count }
                report.recordsReplayed += 1
                try replay(record)
                offset = end
                validEnd = end
            case .invalid(let reason):
                guard let next = nextRecord(in: bytes, after: offset) else {
                    guard isLast else {
                        guard acceptLoss else { throw .corrupt(path: path, offset: offset, reason: reason + " in a segment that is not the last") }
                        report.damage.append(.init(path: path, offset: offset, skippedBytes: bytes.count - offset))
                        return ScanEnd(validEnd: bytes.count)
                    }
                    return ScanEnd(
                        validEnd: validEnd, tornTail: RecoveryReport.TornTail(path: path, offset: offset, droppedBytes: bytes.count - offset))
                }
                guard acceptLoss else {
                    throw .corrupt(
                        path: path, offset: offset,
                        reason: reason + ", and a valid record follows at offset \(next): damage, not a torn write; "
                            + "start with --accept-wal-loss to open with the records around it")
                }
                report.damage.append(.init(path: path, offset: offset, skippedBytes: next - offset))
                offset = next
            }
        }
        return ScanEnd(validEnd: bytes.count)
    }

    private enum RecordRead {
        case valid(WALRecord, end: Int)
        case invalid(String)
    }

    /// The record framed at `offset`, or why there is none.
    private static func record(in bytes: UnsafeRawBufferPointer, at offset: Int) -> RecordRead {
        var reader = ByteReader(bytes, from: offset)
        guard let length = reader.readUInt32(), let checksum = reader.readUInt32() else { return .invalid("record header cut short") }
        guard Int(length) <= maximumRecordSize, Int(length) <= reader.remaining else {
            return .invalid("record of \(length) bytes runs past the end of the file")
        }
        let payload = UnsafeRawBufferPointer(rebasing: bytes[reader.offset..<(reader.offset + Int(length))])
        guard CRC32C.checksum(payload) == checksum else { return .invalid("record checksum mismatch") }
        guard let record = WALRecord.decode(payload) else { return .invalid("record with a valid checksum but an impossible structure") }
        return .valid(record, end: reader.offset + Int(length))
    }

    /// The first offset after `offset` where a valid record starts, or nil. Candidates whose length
    /// cannot hold the structure their type byte announces are passed over before any checksum is
    /// computed, so a torn tail of random bytes costs little.
    static func nextRecord(in bytes: UnsafeRawBufferPointer, after offset: Int) -> Int? {
        var candidate = offset + 1
        while candidate + recordHeaderSize < bytes.count {
            defer { candidate += 1 }
            let length = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: candidate, as: UInt32.self)))
            let payloadStart = candidate + recordHeaderSize
            guard length >= 1, length <= bytes.count - payloadStart,
                WALRecord.isPlausible(UnsafeRawBufferPointer(rebasing: bytes[payloadStart..<(payloadStart + Swift.min(length, 5))]), length: length)
            else { continue }
            if case .valid = record(in: bytes, at: candidate) { return candidate }
        }
        return nil
    }
}
