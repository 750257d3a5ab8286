import Dispatch
import Synchronization

extension Historian {
    /// Seals every chunk of the head and writes them to new partition files (one per window), then
    /// removes the WAL segments they cover. Writes and queries go on meanwhile; see
    /// ``flush(whenHeadHolds:)``. Runs on its own when the head reaches
    /// ``HistorianOptions/headMemoryLimit`` (see ``requestFlush()``).
    /// - Throws: ``HistorianError/io`` when a file cannot be written; the chunks stay readable and
    ///   the WAL keeps them, and the next flush writes them again.
    public func flush() throws(HistorianError) {
        try flush(whenHeadHolds: 0)
    }

    /// Why the last flush failed, while it has not succeeded since: the WAL keeps
    /// growing meanwhile, so health checks report it.
    public var flushFailure: HistorianError? {
        flushScheduler.failure
    }

    /// Why writes cannot be made durable now, or nil: a failed WAL fsync (until a flush has put
    /// everything logged into partition files: the kernel may have dropped the unwritten pages, so
    /// the WAL segment cannot be trusted; ``recoverDurability()`` runs that flush) or a flush that
    /// failed and has not succeeded since (the WAL then grows without bound).
    public var storageFailure: HistorianError? {
        log.failure ?? flushScheduler.failure
    }

    /// Flushes when the head holds at least `minimum` bytes (or, for 0, anything to flush), in
    /// three steps, so that no lock is held while files are written:
    /// 1. with the write gate exclusive and every shard and the engine locked (a moment): start a
    ///    new WAL segment, drain the head's chunks into ``EngineState/flushing`` (queries read them
    ///    from there), take the pending range deletes;
    /// 2. with no lock but ``flushTurn``: write one partition file per window;
    /// 3. under the engine lock: publish the files and record the range deletes; then, outside
    ///    it, write the checkpoint and remove the covered WAL segments.
    /// A failure in step 2 or 3 leaves the chunks in `flushing` and the WAL in place; the next
    /// flush writes them together with what the head gathered since.
    func flush(whenHeadHolds minimum: Int) throws(HistorianError) {
        let report = try flushTurn.withLock { (_) throws(HistorianError) -> FlushReport? in
            do throws(HistorianError) {
                let report = try flushLocked(whenHeadHolds: minimum)
                flushScheduler.succeeded()
                return report
            } catch {
                flushScheduler.failed(error)
                throw error
            }
        }
        // Told once the flushed chunks are released, so that an observer can return their memory.
        if let report { options.flushObserver?(report) }
    }

    private func flushLocked(whenHeadHolds minimum: Int) throws(HistorianError) -> FlushReport? {
        let started = ContinuousClock.now
        let taken = try writeGate.withExclusive {
            () throws(HistorianError) -> (covered: UInt64, chunks: [SeriesID: [FlushingChunk]], tombstones: Int)? in
            try withShardsLocked(Array(shards.indices)) { (heads) throws(HistorianError) in
                try state.withLock { (state) throws(HistorianError) in
                    let held = heads.reduce(0) { $0 + ($1?.pointee.memoryBytes ?? 0) }
                    let logFailed = log.failure != nil
                    guard logFailed || (held >= minimum && (held > 0 || !state.pendingTombstones.isEmpty || !state.flushing.isEmpty)) else {
                        return nil
                    }
                    let covered = try log.startNewSegment()
                    for head in heads {
                        for chunk in head?.pointee.drain() ?? [] { state.flushing[chunk.series, default: []].append(chunk) }
                    }
                    headByteCount.subtract(held, ordering: .relaxed)
                    // The dictionary itself, shared (copy-on-write) until step 3 clears it: a copy of a
                    // million series' chunks cost the flush of the million-series test ~470 MB.
                    return (covered, state.flushing, state.pendingTombstones.count)
                }
            }
        }
        guard let taken else { return nil }
        let drained = ContinuousClock.now
        var paths: [String] = []
        var written: [PartitionFile] = []
        do throws(HistorianError) {
            try writePartitions(of: taken.chunks, covered: taken.covered, into: &paths)
            for path in paths { written.append(try PartitionFile(path: path)) }
        } catch {
            // Unpublished files would be read twice once the chunks are written again.
            for path in paths { try? FileIO.remove(path) }
            throw error
        }
        let filesWritten = ContinuousClock.now
        try state.withLock { (state) throws(HistorianError) in
            state.partitions.append(contentsOf: written)
            state.flushing = [:]
            guard taken.tombstones > 0 else { return }
            do throws(CatalogError) {
                try state.catalog.addTombstones(Array(state.pendingTombstones.prefix(taken.tombstones)))
            } catch {
                throw .catalog(error)
            }
            state.pendingTombstones.removeFirst(taken.tombstones)
        }
        // Outside the engine lock (its fsyncs took a quarter of a second and stalled every writer):
        // a crash before the checkpoint leaves files it does not cover, which the next open removes
        // while the WAL replays their samples.
        try Checkpoint.write(covered: taken.covered, to: checkpointPath, directory: directory, faults: options.fileFaults)
        try log.removeSegments(through: taken.covered)
        log.recover(coveredThrough: taken.covered)
        return FlushReport(
            pause: drained - started, writing: filesWritten - drained, publishing: .now - filesWritten,
            chunks: taken.chunks.values.reduce(0) { $0 + $1.count }, files: written.count)
    }

    /// The most partition files one pass of a flush writes at once (each holds a descriptor and a buffer).
    static let windowsPerFlushPass = 16

    /// Seals the drained chunks and writes one partition file per window, series by series: sealing
    /// (encoding and compressing) happens here, with no lock held, and each sealed chunk is in the
    /// file's buffer and gone before the next series is sealed. A flush of many windows (a backfill)
    /// writes them ``windowsPerFlushPass`` at a time. Adds each file's path to `paths` once it is complete.
    private func writePartitions(
        of chunks: [SeriesID: [FlushingChunk]], covered: UInt64, into paths: inout [String]
    ) throws(HistorianError) {
        let series = chunks.keys.sorted()
        var chunksPerWindow: [Int64: Int] = [:]
        for flushing in chunks.values {
            for chunk in flushing { chunksPerWindow[chunk.window, default: 0] += 1 }
        }
        let ordered = chunksPerWindow.keys.sorted()
        var passStart = 0
        while passStart < ordered.count {
            let pass = ordered[passStart..<min(passStart + Self.windowsPerFlushPass, ordered.count)]
            passStart = pass.endIndex
            var writers: [Int64: PartitionFileWriter] = [:]
            for window in pass {
                let end = window.addingReportingOverflow(max(1, options.partitionWindow))
                writers[window] = try PartitionFileWriter(
                    windowStart: window, windowEnd: end.overflow ? .max : end.partialValue, coveredSegment: covered,
                    directory: partitionDirectory, expectedChunks: chunksPerWindow[window] ?? 0, faults: options.fileFaults)
            }
            for id in series {
                var sealed = (chunks[id] ?? []).compactMap { writers[$0.window] == nil ? nil : $0.sealed() }
                sealed.sort { ($0.statistics.minTime, $0.sequence) < ($1.statistics.minTime, $1.sequence) }
                for chunk in sealed { try writers[chunk.window]?.append(chunk) }
            }
            for window in pass {
                // A window whose chunks were all empty open ones gets no file.
                guard let writer = writers.removeValue(forKey: window), writer.count > 0 else { continue }
                paths.append(try writer.finish())
            }
        }
    }

    /// Starts a flush on the background queue when the head passed its limit, unless one is
    /// running or a failed one is waiting out its back-off. No writer waits for it: only the
    /// moment of step 1 of ``flush(whenHeadHolds:)`` stops writes. The queue holds the instance
    /// weakly; an instance released while its flush runs closes when the flush ends (see
    /// ``DirectoryLock`` for a reopen meanwhile).
    func requestFlush() {
        guard flushScheduler.begin() else { return }
        flushScheduler.queue.async { [weak self] in
            guard let self else { return }
            defer { flushScheduler.end() }
            lock.whileWorking { try? flush(whenHeadHolds: options.headMemoryLimit) }
        }
    }

    /// After a failed WAL fsync: flushes everything to partition files in the background, so that
    /// the doubtful segment is no longer needed and writes are taken again, without a restart.
    /// A failed attempt is retried after the flush back-off (1 s, doubling up to 30 s) for as long
    /// as the log stays failed. Writes that fail because of the log call this.
    func recoverDurability() {
        guard log.failure != nil else { return }
        guard flushScheduler.begin() else { return retryRecovery() }
        flushScheduler.queue.async { [weak self] in
            guard let self else { return }
            lock.whileWorking { try? flush(whenHeadHolds: 0) }
            flushScheduler.end()
            if log.failure != nil { retryRecovery() }
        }
    }

    private func retryRecovery() {
        flushScheduler.queue.asyncAfter(deadline: .now() + flushScheduler.retryDelay) { [weak self] in self?.recoverDurability() }
    }
}

/// Runs background flushes one at a time, remembers why the last flush failed and spaces out the
/// automatic retries (1 s, doubling up to 30 s), so that a full disk is not hammered.
final class FlushScheduler: Sendable {
    private struct State {
        var running = false
        var failure: HistorianError?
        var failures = 0
        var notBefore = ContinuousClock.now
    }

    let queue = DispatchQueue(label: "histd.flush")
    private let state = Mutex(State())

    var failure: HistorianError? {
        state.withLock { $0.failure }
    }

    /// True when the caller should start a background flush (and call ``end()`` after it).
    func begin() -> Bool {
        state.withLock { state in
            guard !state.running, ContinuousClock.now >= state.notBefore else { return false }
            state.running = true
            return true
        }
    }

    func end() {
        state.withLock { $0.running = false }
    }

    /// How long until ``begin()`` may start a flush again (at least 100 ms, for a retry loop).
    var retryDelay: DispatchTimeInterval {
        let remaining = state.withLock { $0.notBefore } - .now
        let milliseconds = max(100, Int(remaining.components.seconds) * 1_000 + Int(remaining.components.attoseconds / 1_000_000_000_000_000))
        return .milliseconds(milliseconds)
    }

    func succeeded() {
        state.withLock { state in
            state.failure = nil
            state.failures = 0
            state.notBefore = .now
        }
    }

    func failed(_ error: HistorianError) {
        state.withLock { state in
            state.failure = error
            state.failures += 1
            state.notBefore = .now + .seconds(min(30, 1 << min(state.failures - 1, 5)))
        }
    }
}
