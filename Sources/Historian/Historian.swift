import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The storage engine of one data directory: catalog, write-ahead log, head and partition files.
///
/// Directory layout: `catalog.sqlite` (series), `wal/` (log segments), `partitions/` (immutable
/// partition files), `checkpoint` (the WAL segment the partitions cover through).
///
/// Thread-safe: writers and readers may call from any thread. The head is split into
/// ``headShardCount`` shards by series id (`id % headShardCount`), each behind its own lock, so
/// that concurrent batches append to different shards at the same time; they wait for durability
/// outside every lock. A query takes a snapshot of the chunks of its series under that series'
/// shard lock and the engine lock, and decodes them outside, so it sees a consistent state: the
/// samples a batch holds of one series are applied under one lock, so a query of that series sees
/// all of them or none. Samples of one series with equal timestamps written by concurrent batches
/// are kept in either order.
///
/// Lock order (a thread holding several takes them in this order, which rules out deadlock):
/// 0. the flush turn: one flush at a time, held while it writes files with no lock below;
/// 1. the write gate: shared by a write from logging its batch to applying it, exclusive for a
///    flush or range delete;
/// 2. shard locks: a write holds one at a time; a flush takes all in ascending shard index;
/// 3. the engine lock `state` (catalog, partitions, pending range deletes);
/// 4. the write-ahead log's own lock, held only inside its calls.
/// A write copies the series kinds under the engine lock (and registers string codes under it),
/// then checks its batch outside every lock and takes its shards.
public final class Historian: Sendable {
    /// The data directory.
    public let directory: String
    /// The settings the directory was opened with.
    public let options: HistorianOptions
    /// What opening the directory replayed from the WAL, and any torn record it dropped.
    public let recovery: RecoveryReport

    /// The number of head shards: a power of two, `1 << headShardShift`.
    static let headShardCount = 1 << headShardShift
    static let headShardShift = 4

    let log: WriteAheadLog
    let state: Mutex<EngineState>
    /// The head, by shard: series `id` lives in `shards[id % headShardCount]`.
    let shards: [HeadShard]
    /// The sequence the next chunk or range delete takes (write order across the engine).
    let nextSequence: Atomic<UInt64>
    /// Estimated bytes of memory of all head shards (the sum of their ``Head/memoryBytes``), for
    /// the memory bound; changed under the shard locks.
    let headByteCount = Atomic<Int>(0)
    /// Orders writes against flushes and range deletes (see the lock order above).
    let writeGate = WriteGate()
    /// Where the next batch starts applying among its shards, so concurrent batches start apart.
    let applyRotation = Atomic<UInt>(0)
    /// Grain summaries of sealed partition chunks, for rollups.
    let summaryCache: SummaryCache
    /// Holds the exclusive lock on `DIR/lock` while this instance lives: one process per directory.
    let lock: DirectoryLock
    /// One flush at a time; held while partition files are written, outside every other lock.
    let flushTurn = Mutex<Void>(())
    /// One compaction or retention rewrite at a time; held while their files are written, outside
    /// every other lock, so that two of them never rewrite the same window.
    let maintenanceTurn = Mutex<Void>(())
    /// Background flushes, the last flush failure and the back-off (see ``Historian/requestFlush()``).
    let flushScheduler = FlushScheduler()
    /// Delivers durable batches to the observers registered with ``addCommitObserver(_:)``.
    let commits = CommitDelivery()
    /// Set by ``cancelReads()``: reads throw instead of starting another series.
    let readsCancelled = Atomic<Bool>(false)

    struct EngineState {
        var catalog: SeriesCatalog
        var partitions: [PartitionFile]
        /// Range deletes not yet recorded in the catalog (they are in the WAL).
        var pendingTombstones: [Tombstone] = []
        /// Chunks taken out of the head by a flush and not yet in a published partition file: still
        /// read from memory meanwhile, and written again by the next flush if this one fails.
        var flushing: [SeriesID: [FlushingChunk]] = [:]

        /// The range deletes of `series`, recorded and pending.
        func tombstones(of series: SeriesID) -> [Tombstone] {
            (catalog.tombstones + pendingTombstones).filter { $0.series == series }
        }
    }

    var partitionDirectory: String { directory + "/partitions" }
    var walDirectory: String { directory + "/wal" }
    var checkpointPath: String { directory + "/checkpoint" }

    /// Opens (creating if needed) the data directory and recovers: loads the catalog and partition
    /// files, removes the leftovers of an interrupted flush, and replays the WAL into the head.
    ///
    /// - Throws: ``HistorianError`` naming the file (and offset) of any corruption or I/O failure.
    public init(directory: String, options: HistorianOptions = HistorianOptions()) throws(HistorianError) {
        self.directory = directory
        self.options = options
        summaryCache = SummaryCache(limit: options.summaryCacheBytes)
        try FileIO.makeDirectory(directory)
        lock = try DirectoryLock(directory: directory)
        // Declared before it is assigned: initialized in one statement, region isolation checking
        // refuses to send its state into the Mutex below.
        let recovered: Recovered
        recovered = try Self.recover(directory: directory, options: options)
        log = recovered.log
        recovery = recovered.report
        state = Mutex(recovered.state)
        shards = recovered.heads.map(HeadShard.init)
        nextSequence = Atomic(recovered.nextSequence)
        headByteCount.store(recovered.heads.reduce(0) { $0 + $1.memoryBytes }, ordering: .relaxed)
    }

    /// What recovery rebuilt from the directory.
    private struct Recovered {
        var log: WriteAheadLog
        var report: RecoveryReport
        var state: EngineState
        var heads: [Head]
        var nextSequence: UInt64
    }

    private static func recover(
        directory: String, options: HistorianOptions
    ) throws(HistorianError) -> Recovered {
        // A directory opened before has a catalog, and then a WAL segment after its checkpoint.
        let usedBefore = isDataDirectory(directory)
        try FileIO.makeDirectory(directory + "/partitions")
        let catalog: SeriesCatalog
        do {
            catalog = try SeriesCatalog(path: directory + "/catalog.sqlite")
        } catch {
            throw .catalog(error)
        }
        let covered = try Checkpoint.read(directory + "/checkpoint")
        var partitions: [PartitionFile] = []
        var nextSequence: UInt64 = 1
        for name in try FileIO.list(directory + "/partitions") {
            let path = directory + "/partitions/" + name
            if name.hasSuffix(".tmp") {
                try FileIO.remove(path)
                continue
            }
            guard name.hasSuffix(".part") else { continue }
            // A file of a flush that did not reach its checkpoint: its samples are still in the WAL.
            if let segment = UInt64(name.prefix { $0 != "-" }), segment > covered {
                try FileIO.remove(path)
                continue
            }
            let file = try PartitionFile(path: path)
            for entry in file.entries { nextSequence = max(nextSequence, entry.sequence + 1) }
            partitions.append(file)
        }
        for tombstone in catalog.tombstones { nextSequence = max(nextSequence, tombstone.sequence + 1) }
        var pendingTombstones: [Tombstone] = []
        var heads = [Head](
            repeating: Head(
                chunkSampleLimit: options.effectiveChunkSampleLimit, windowLength: max(1, options.partitionWindow),
                reorderWindow: options.effectiveReorderWindow, slotShift: headShardShift),
            count: headShardCount)
        let walDirectory = directory + "/wal"
        let (log, report) = try WriteAheadLog.recover(
            directory: walDirectory, durability: options.durability, segmentLimit: options.walSegmentBytes, coveredThrough: covered,
            policy: WriteAheadLog.RecoveryPolicy(acceptLoss: options.acceptWALLoss, expectsSegments: usedBefore),
            faults: options.fileFaults, syncObserver: options.walSyncObserver
        ) { (record) throws(HistorianError) in
            if case .delete(let series, let from, let to) = record {
                guard catalog.series(series) != nil else {
                    throw .corrupt(path: walDirectory, offset: 0, reason: "WAL range delete of series \(series), which the catalog does not know")
                }
                heads[shardIndex(of: series)].seal(series)
                pendingTombstones.append(Tombstone(series: series, from: from, to: to, sequence: nextSequence))
                nextSequence += 1
            }
            guard case .samples(let samples) = record else { return }
            for sample in samples where catalog.kind(sample.series) == nil {
                throw .corrupt(path: walDirectory, offset: 0, reason: "WAL sample of series \(sample.series), which the catalog does not know")
            }
            for (index, part) in splitByShard(samples).enumerated() where !part.isEmpty {
                heads[index].append(part, kinds: catalog.kinds) {
                    defer { nextSequence += 1 }
                    return nextSequence
                }
            }
        }
        let state = EngineState(catalog: catalog, partitions: partitions, pendingTombstones: pendingTombstones)
        return Recovered(log: log, report: report, state: state, heads: heads, nextSequence: nextSequence)
    }

    /// Every registered series, in id order.
    public var allSeries: [Series] {
        state.withLock { $0.catalog.all }
    }

    /// The series of `measurement` (of every measurement when nil) that carry all of `tags` and,
    /// when given, have one of `fields`, in id order, from the catalog's indexes. Finer tests (regular expressions, negations) belong to
    /// the caller, outside the engine lock, so that writes never wait for them.
    public func series(measurement: String?, tags: [SeriesKey.Tag] = [], fields: Set<String>? = nil) -> [Series] {
        state.withLock { $0.catalog.series(measurement: measurement, tags: tags, fields: fields) }
    }

    /// The series with `key`, or nil when it is not registered.
    public func series(for key: SeriesKey) -> Series? {
        state.withLock { $0.catalog.lookup(key) }
    }

    /// The series with `id`, or nil.
    public func series(_ id: SeriesID) -> Series? {
        state.withLock { $0.catalog.series(id) }
    }

    /// Registers the new keys among `keys` in one catalog transaction and returns every key's series.
    /// - Throws: ``HistorianError/catalog(_:)`` with ``CatalogError/kindConflict`` when a key is known
    ///   with another kind, ``CatalogError/fieldTypeConflict`` when a new key's field has another type
    ///   in its measurement, ``CatalogError/seriesLimit`` when a new one would pass
    ///   ``HistorianOptions/maximumSeries`` (then nothing is registered).
    public func register(_ keys: [(key: SeriesKey, kind: ValueKind)]) throws(HistorianError) -> [Series] {
        try state.withLock { (state) throws(HistorianError) -> [Series] in
            var newKeys = Set<SeriesKey>()
            for (key, _) in keys where state.catalog.lookup(key) == nil { newKeys.insert(key) }
            guard state.catalog.all.count + newKeys.count <= options.maximumSeries else {
                throw .catalog(.seriesLimit(limit: options.maximumSeries))
            }
            for (measurement, added) in Dictionary(grouping: newKeys, by: \.measurement)
            where state.catalog.seriesCount(measurement: measurement) + added.count > options.maximumSeriesPerMeasurement {
                throw .catalog(.measurementSeriesLimit(measurement: measurement, limit: options.maximumSeriesPerMeasurement))
            }
            var pendingFieldKinds: [String: [String: ValueKind]] = [:]
            for (key, kind) in keys where newKeys.contains(key) {
                if let conflict = state.catalog.fieldTypeConflict(key, kind: kind, pending: pendingFieldKinds) { throw .catalog(conflict) }
                pendingFieldKinds[key.measurement, default: [:]][key.field] = pendingFieldKinds[key.measurement]?[key.field] ?? kind
            }
            do throws(CatalogError) {
                return try state.catalog.register(keys).compactMap { $0 }
            } catch {
                throw .catalog(error)
            }
        }
    }

    /// Registers as many of the new keys as ``HistorianOptions/maximumSeries`` and
    /// ``HistorianOptions/maximumSeriesPerMeasurement`` allow, in order; the keys past them, and
    /// those whose field has another type in its measurement, get nil (InfluxDB's partial write;
    /// ``refusalReason(for:kind:)`` says why).
    /// - Throws: ``HistorianError/catalog(_:)`` with ``CatalogError/kindConflict`` when a key is known with another kind.
    package func registerWithinLimit(_ keys: [(key: SeriesKey, kind: ValueKind)]) throws(HistorianError) -> [Series?] {
        try state.withLock { (state) throws(HistorianError) -> [Series?] in
            do throws(CatalogError) {
                return try state.catalog.register(keys, limit: options.maximumSeries, measurementLimit: options.maximumSeriesPerMeasurement)
            } catch {
                throw .catalog(error)
            }
        }
    }

    /// The conflict a new series with `key` and `kind` would make with the type its field has in
    /// its measurement, or nil (InfluxDB types a field per measurement).
    package func fieldTypeConflict(_ key: SeriesKey, kind: ValueKind) -> CatalogError? {
        state.withLock { $0.catalog.fieldTypeConflict(key, kind: kind) }
    }

    /// Why a new series with `key` and `kind` was refused by ``registerWithinLimit(_:)``: its
    /// field's type in the measurement, the limit per measurement when its measurement is full, else
    /// the limit of the database.
    package func refusalReason(for key: SeriesKey, kind: ValueKind) -> CatalogError {
        let (conflict, count) = state.withLock {
            ($0.catalog.fieldTypeConflict(key, kind: kind), $0.catalog.seriesCount(measurement: key.measurement))
        }
        if let conflict { return conflict }
        return count >= options.maximumSeriesPerMeasurement
            ? .measurementSeriesLimit(measurement: key.measurement, limit: options.maximumSeriesPerMeasurement)
            : .seriesLimit(limit: options.maximumSeries)
    }

    /// Replaces the metadata of series `id`.
    public func setMetadata(_ metadata: SeriesMetadata, for id: SeriesID) throws(HistorianError) {
        try state.withLock { (state) throws(HistorianError) in
            guard state.catalog.series(id) != nil else { throw .query(.unknownSeries(id)) }
            do throws(CatalogError) {
                try state.catalog.setMetadata(metadata, for: id)
            } catch {
                throw .catalog(error)
            }
        }
    }

    /// Writes samples of registered series and returns once they are durable under ``HistorianOptions/durability``.
    ///
    /// The batch is all or nothing: it is checked first, then logged as one WAL record.
    /// - Throws: ``HistorianError/query(_:)`` for an unknown series id, ``HistorianError/catalog(_:)``
    ///   with a kind conflict for a value of the wrong kind, ``HistorianError/io`` when the log cannot be written.
    public func write(_ samples: [(series: SeriesID, sample: Sample)]) throws(HistorianError) {
        guard !samples.isEmpty else { return }
        // Checked against a copy of the kinds, outside the engine lock: a series' kind never changes.
        let kinds = state.withLock { $0.catalog.kinds }
        // Check the whole batch first, so that nothing is registered or logged for a bad one.
        var texts: [(series: SeriesID, text: String)] = []
        for (id, sample) in samples {
            guard id >= 1 && Int(id) <= kinds.count else { throw .query(.unknownSeries(id)) }
            let kind = kinds[Int(id) - 1]
            guard sample.timestamp != .max else {
                throw .unsupportedValue(series: name(of: id), reason: Self.reservedTimestampReason)
            }
            guard kind == sample.value.kind else {
                throw .catalog(.kindConflict(series: name(of: id), registered: kind, written: sample.value.kind))
            }
            if case .string(let text) = sample.value { texts.append((id, text)) }
        }
        let codes = texts.isEmpty ? [] : try codes(for: texts)
        var nextCode = codes.makeIterator()
        var raw: [RawSample] = []
        raw.reserveCapacity(samples.count)
        for (id, sample) in samples {
            // A string's bits are its code, taken in the order the texts were collected.
            let bits = sample.value.bits ?? nextCode.next() ?? 0
            raw.append(RawSample(series: id, timestamp: sample.timestamp, bits: bits, quality: sample.quality.rawValue))
        }
        try logAndApply(raw, kinds: kinds)
    }

    /// Writes points addressed by series key, registering new series (kind of their first value).
    ///
    /// Points whose value kind conflicts with their series are rejected and the others written,
    /// as InfluxDB does with a partial write.
    /// - Returns: the rejected points' indices in `points`, with the reason.
    public func write(_ points: [Point]) throws(HistorianError) -> [(index: Int, error: HistorianError)] {
        var rejected: [(index: Int, error: HistorianError)] = []
        var accepted: [(series: SeriesID, sample: Sample)] = []
        try state.withLock { (state) throws(HistorianError) in
            var newKeys: [(key: SeriesKey, kind: ValueKind)] = []
            var newIndex: [SeriesKey: ValueKind] = [:]
            for point in points where state.catalog.lookup(point.series) == nil && newIndex[point.series] == nil {
                newIndex[point.series] = point.sample.value.kind
                newKeys.append((point.series, point.sample.value.kind))
            }
            do throws(CatalogError) {
                _ = try state.catalog.register(newKeys)
            } catch {
                throw .catalog(error)
            }
            for (index, point) in points.enumerated() {
                guard let series = state.catalog.lookup(point.series) else {
                    let reason = state.catalog.fieldTypeConflict(point.series, kind: point.sample.value.kind) ?? .seriesLimit(limit: .max)
                    rejected.append((index, .catalog(reason)))
                    continue
                }
                if series.kind == point.sample.value.kind {
                    accepted.append((series.id, point.sample))
                } else {
                    let conflict = CatalogError.kindConflict(
                        series: point.series.description, registered: series.kind, written: point.sample.value.kind)
                    rejected.append((index, .catalog(conflict)))
                }
            }
        }
        try write(accepted)
        return rejected
    }

    /// Deletes the samples of series `id` in `[from, to)` written so far; later writes in the range
    /// are kept. The delete is logged like a write and recorded in the catalog at the next flush.
    /// - Throws: ``HistorianError/query(_:)`` for an unknown series or an empty range; I/O failures.
    public func delete(series id: SeriesID, from: Int64, to: Int64) throws(HistorianError) {
        guard from < to else { throw .query(.emptyRange(from: from, to: to)) }
        // Exclusive: a batch logged before the delete but applied after it would survive it
        // here and be deleted by a replay.
        let position = try writeGate.withExclusive { () throws(HistorianError) -> UInt64 in
            try shards[Self.shardIndex(of: id)].head.withLock { (head) throws(HistorianError) -> UInt64 in
                try state.withLock { (state) throws(HistorianError) -> UInt64 in
                    guard state.catalog.series(id) != nil else { throw .query(.unknownSeries(id)) }
                    let position = try log.append(.delete(series: id, from: from, to: to))
                    // Sealing under the shard lock puts every earlier sample of the series in a chunk
                    // with a lower sequence than the delete, every later one in a chunk with a higher.
                    let before = head.memoryBytes
                    head.seal(id)
                    headByteCount.add(head.memoryBytes - before, ordering: .relaxed)
                    let sequence = nextSequence.wrappingAdd(1, ordering: .relaxed).oldValue
                    state.pendingTombstones.append(Tombstone(series: id, from: from, to: to, sequence: sequence))
                    return position
                }
            }
        }
        try waitUntilDurable(position)
    }
}

extension Historian {
    /// The codes of texts of string series, registering new ones in one catalog transaction.
    package func codes(for texts: [(series: SeriesID, text: String)]) throws(HistorianError) -> [UInt64] {
        try state.withLock { (state) throws(HistorianError) -> [UInt64] in
            do throws(CatalogError) {
                return try state.catalog.codes(for: texts)
            } catch {
                throw .catalog(error)
            }
        }
    }

    /// Timestamps are in `[Int64.min, Int64.max)`: Int64.max is the open end of every range.
    package static let reservedTimestampReason = "timestamp 9223372036854775807 (Int64.max) is reserved as the open end of time ranges"

    /// Writes samples whose series ids and kinds the caller has checked (the ingesters'
    /// fast path); returns once they are durable, or with `waitForDurability` false as soon as
    /// they are logged and applied: the caller then passes the returned WAL position to
    /// ``waitUntilDurable(_:)`` before acknowledging them.
    @discardableResult
    package func writeRaw(_ samples: [RawSample], waitForDurability: Bool = true) throws(HistorianError) -> UInt64 {
        guard !samples.isEmpty else { return 0 }
        let kinds = state.withLock { $0.catalog.kinds }
        for sample in samples where sample.series == 0 || Int(sample.series) > kinds.count || sample.timestamp == .max {
            if sample.timestamp == .max { throw .unsupportedValue(series: name(of: sample.series), reason: Self.reservedTimestampReason) }
            throw .query(.unknownSeries(sample.series))
        }
        return try logAndApply(samples, kinds: kinds, waitForDurability: waitForDurability)
    }

    /// Returns once every write logged at or before WAL `position` is durable.
    package func waitUntilDurable(_ position: UInt64) throws(HistorianError) {
        do throws(HistorianError) {
            try log.waitUntilDurable(position)
        } catch {
            recoverDurability()
            throw error
        }
        if commits.isObserved { commits.deliver(through: log.durablePosition) }
    }

    /// The name of series `id` for messages.
    private func name(of id: SeriesID) -> String {
        state.withLock { $0.catalog.name(of: id) }
    }

    /// The shard of series `id`.
    static func shardIndex(of id: SeriesID) -> Int {
        Int(id & SeriesID(headShardCount - 1))
    }

    /// `samples` split by shard, each part in write order.
    static func splitByShard(_ samples: [RawSample]) -> [[RawSample]] {
        var counts = [Int](repeating: 0, count: headShardCount)
        for sample in samples { counts[shardIndex(of: sample.series)] += 1 }
        var parts = [[RawSample]](repeating: [], count: headShardCount)
        if let only = counts.firstIndex(of: samples.count) {
            parts[only] = samples
            return parts
        }
        for index in parts.indices { parts[index].reserveCapacity(counts[index]) }
        for sample in samples { parts[shardIndex(of: sample.series)].append(sample) }
        return parts
    }

    /// Logs checked samples as one WAL record and appends them to the head, one shard at a time,
    /// all inside the shared write gate (a flush or delete never sees the batch logged but not
    /// applied); flushes at the head's limit, then waits for durability. Concurrent batches apply
    /// shard by shard side by side, starting at different shards. Series are registered, so the
    /// kinds taken earlier hold them: kinds never change. The record is encoded and checksummed
    /// before the gate; only its bytes are appended inside it.
    ///
    /// A batch of more than ``HistorianOptions/samplesPerWALRecord`` samples is logged and applied
    /// as consecutive records of at most that many, and acknowledged once all are durable. A crash
    /// before that leaves the batch unacknowledged; recovery then replays its complete records (a
    /// prefix of the batch in write order) and drops a torn last one, as InfluxDB 1.x, which is not
    /// atomic across shards either, may keep part of a failed write.
    @discardableResult
    private func logAndApply(_ samples: [RawSample], kinds: [ValueKind], waitForDurability: Bool = true) throws(HistorianError) -> UInt64 {
        let recordLimit = max(1, options.samplesPerWALRecord)
        if samples.count > recordLimit {
            var position: UInt64 = 0
            for start in stride(from: 0, to: samples.count, by: recordLimit) {
                let part = Array(samples[start..<min(start + recordLimit, samples.count)])
                position = try logAndApply(part, kinds: kinds, waitForDurability: false)
            }
            if waitForDurability { try waitUntilDurable(position) }
            return position
        }
        let parts = Self.splitByShard(samples)
        let touched = parts.indices.filter { !parts[$0].isEmpty }
        let frame = WriteAheadLog.frame(.samples(samples))
        let firstShard = Int(applyRotation.wrappingAdd(1, ordering: .relaxed).oldValue % UInt(max(1, touched.count)))
        let position = try writeGate.withShared { () throws(HistorianError) -> UInt64 in
            let position: UInt64
            do throws(HistorianError) {
                position = try log.append(frame: frame)
            } catch {
                recoverDurability()
                throw error
            }
            log.startSync()
            func apply(_ head: inout Head, _ index: Int) {
                let before = head.memoryBytes
                head.append(parts[index], kinds: kinds) {
                    nextSequence.wrappingAdd(1, ordering: .relaxed).oldValue
                }
                headByteCount.add(head.memoryBytes - before, ordering: .relaxed)
            }
            // Shards another batch is appending to are skipped and retried later: waiting on a
            // busy lock spins in the kernel, and there is other work to do meanwhile.
            var remaining = Array(touched[firstShard...] + touched[..<firstShard])
            while let first = remaining.first {
                var busy: [Int] = []
                for index in remaining where shards[index].head.withLockIfAvailable({ apply(&$0, index) }) == nil {
                    busy.append(index)
                }
                if busy.count == remaining.count {
                    shards[first].head.withLock { apply(&$0, first) }
                    busy.removeFirst()
                }
                remaining = busy
            }
            return position
        }
        if commits.isObserved { commits.enqueue(samples, position: position, kinds: kinds) }
        let held = headByteCount.load(ordering: .relaxed)
        if held >= 2 * options.headMemoryLimit && flushScheduler.failure == nil {
            // Writers outrun the flush: this one waits for the running flush and flushes again. Its
            // batch is logged and applied already, so a failure here is the flush's, not the
            // batch's: it is kept for health checks and retried after a back-off.
            try? flush(whenHeadHolds: options.headMemoryLimit)
        } else if held >= options.headMemoryLimit {
            requestFlush()
        }
        if waitForDurability { try waitUntilDurable(position) }
        return position
    }

    /// Runs `body` with the shards of `indices` (ascending, distinct) locked in that order; `body`
    /// gets each locked head at its shard index (nil for the others), valid only during the call.
    func withShardsLocked<Result: Sendable>(
        _ indices: [Int], _ body: ([UnsafeMutablePointer<Head>?]) throws(HistorianError) -> Result
    ) throws(HistorianError) -> Result {
        var locked = [UnsafeMutablePointer<Head>?](repeating: nil, count: shards.count)
        return try lock(indices[...], into: &locked, body)
    }

    private func lock<Result: Sendable>(
        _ remaining: ArraySlice<Int>, into locked: inout [UnsafeMutablePointer<Head>?],
        _ body: ([UnsafeMutablePointer<Head>?]) throws(HistorianError) -> Result
    ) throws(HistorianError) -> Result {
        guard let index = remaining.first else { return try body(locked) }
        return try shards[index].head.withLock { (head) throws(HistorianError) -> Result in
            try withUnsafeMutablePointer(to: &head) { (pointer) throws(HistorianError) -> Result in
                locked[index] = pointer
                return try lock(remaining.dropFirst(), into: &locked, body)
            }
        }
    }
}
