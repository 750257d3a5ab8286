/// The chunk of one series that is still receiving samples.
///
/// The newest samples (up to `reorderWindow`) wait unencoded in a buffer sorted by time, so that
/// batches of concurrent writers that arrive out of time order still land in one chunk; the oldest
/// buffered sample moves into the streaming encoders when the buffer is full. Only a sample earlier
/// than the last encoded one is refused: the head then seals the chunk and opens a new one (the read
/// path merges overlapping chunks). Equal timestamps keep write order, so the later write sits at the
/// later position, which is the one the read path keeps.
struct OpenChunk: Sendable {
    let series: SeriesID
    let kind: ValueKind
    /// The partition window `[window, windowEnd)` the chunk belongs to.
    let window: Int64
    let windowEnd: Int64
    /// Write order; on equal timestamps the chunk with the higher sequence wins.
    let sequence: UInt64
    /// The most samples held unencoded.
    let reorderWindow: Int
    /// The encoders, allocated with the first sample that leaves the buffer: a series that gets few
    /// samples between flushes (a million slow series) holds only its small buffer, not the ~370
    /// bytes of encoders and statistics.
    private var encoders: EncodersBox?
    /// The buffered samples are `buffer[bufferStart...]`, sorted by time, equal timestamps in write
    /// order; the encoded prefix is dropped in batches rather than one by one (each drop shifts the array).
    private var buffer: [RawSample] = []
    private var bufferStart = 0

    /// Copy on write: copies of a chunk (a query's view, ``seal()``) share the box until one of them
    /// appends, and every append copies a shared box first, so no box is mutated while shared.
    private final class EncodersBox: @unchecked Sendable {
        var encoders: ChunkEncoders

        init(_ encoders: ChunkEncoders) {
            self.encoders = encoders
        }
    }

    init(series: SeriesID, kind: ValueKind, window: Int64, windowEnd: Int64, sequence: UInt64, reorderWindow: Int = 0) {
        self.series = series
        self.kind = kind
        self.window = window
        self.windowEnd = windowEnd
        self.sequence = sequence
        self.reorderWindow = max(0, reorderWindow)
    }

    /// Statistics of the encoded samples only (the buffer is added when asked, in time order, so the
    /// result is bit for bit what a recomputation over the sealed chunk gives).
    private var encodedStatistics: ChunkStatistics {
        encoders?.encoders.statistics ?? ChunkStatistics()
    }

    private var encodedCount: Int { encoders?.encoders.statistics.count ?? 0 }

    /// Samples in the chunk, buffered ones included.
    var count: Int { encodedCount + buffer.count - bufferStart }

    /// The statistics of every sample in the chunk, buffered ones included.
    var statistics: ChunkStatistics {
        var result = encodedStatistics
        for sample in buffer[bufferStart...] { ChunkEncoders.add(sample, kind: kind, to: &result) }
        return result
    }

    /// The stored bits of the latest sample (largest timestamp; of equal ones the last written).
    var lastBits: UInt64 { buffer.count > bufferStart ? buffer[buffer.count - 1].bits : encoders?.encoders.lastBits ?? 0 }
    /// The quality of the latest sample.
    var lastQuality: UInt8 { buffer.count > bufferStart ? buffer[buffer.count - 1].quality : encoders?.encoders.lastQuality ?? 0 }

    /// True when `timestamp` can be appended: not earlier than the last encoded sample, in the
    /// chunk's window, below `limit` samples.
    func accepts(_ timestamp: Int64, limit: Int) -> Bool {
        count < limit && timestamp < windowEnd && timestamp >= window
            && (encodedCount == 0 || timestamp >= encodedStatistics.maxTime)
    }

    /// True when the samples of a run sorted by time, from `first` to `last`, can all be appended:
    /// then appending them one by one would accept every one.
    func acceptsSortedRun(first: Int64, last: Int64, count runCount: Int, limit: Int) -> Bool {
        count + runCount <= limit && first >= window && last < windowEnd
            && (encodedCount == 0 || first >= encodedStatistics.maxTime)
    }

    /// Appends samples sorted by time (the caller checked ``acceptsSortedRun(first:last:count:limit:)``),
    /// with the result of appending them one by one. A run that starts before the latest buffered
    /// sample (a concurrent writer's batch landed first) is merged with the buffered samples after
    /// its start in one pass, instead of shifting the buffer once per sample.
    mutating func append(sorted run: ArraySlice<RawSample>) {
        guard let first = run.first else { return }
        ownEncoders()
        guard buffer.count > bufferStart, first.timestamp < buffer[buffer.count - 1].timestamp else {
            for sample in run { appendLatest(sample) }
            return
        }
        // Buffered samples at the run's start stay first: equal timestamps keep write order.
        let split = insertionIndex(of: first.timestamp)
        let later = Array(buffer[split...])
        buffer.removeSubrange(split...)
        var laterIndex = 0
        var runIndex = run.startIndex
        while laterIndex < later.count || runIndex < run.endIndex {
            if runIndex == run.endIndex || (laterIndex < later.count && later[laterIndex].timestamp <= run[runIndex].timestamp) {
                appendLatest(later[laterIndex])
                laterIndex += 1
            } else {
                appendLatest(run[runIndex])
                runIndex += 1
            }
        }
    }

    /// Appends a sample; the caller checked ``accepts(_:limit:)``.
    mutating func append(timestamp: Int64, bits: UInt64, quality: UInt8) {
        ownEncoders()
        let sample = RawSample(series: series, timestamp: timestamp, bits: bits, quality: quality)
        if let last = buffer.last, buffer.count > bufferStart, timestamp < last.timestamp {
            buffer.insert(sample, at: insertionIndex(of: timestamp))
            encodeOverflow()
        } else {
            appendLatest(sample)
        }
    }

    /// Appends a sample no earlier than every buffered one.
    private mutating func appendLatest(_ sample: RawSample) {
        buffer.append(sample)
        encodeOverflow()
    }

    /// Encodes the oldest buffered sample when the buffer holds more than the reorder window.
    private mutating func encodeOverflow() {
        if buffer.count - bufferStart > reorderWindow {
            encode(buffer[bufferStart])
            bufferStart += 1
            if bufferStart >= max(reorderWindow, 16) {
                buffer.removeFirst(bufferStart)
                bufferStart = 0
            }
        }
    }

    /// The position after every buffered sample at or before `timestamp` (so equal timestamps keep write order).
    private func insertionIndex(of timestamp: Int64) -> Int {
        var low = bufferStart
        var high = buffer.count
        while low < high {
            let middle = (low + high) / 2
            if buffer[middle].timestamp <= timestamp { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Encodes `sample`; the appends that lead here made the box unique first (see ``ownEncoders()``).
    private mutating func encode(_ sample: RawSample) {
        if encoders == nil { encoders = EncodersBox(ChunkEncoders(kind: kind)) }
        encoders?.encoders.encode(sample, kind: kind)
    }

    /// Gives this chunk its own copy of a box it shares with a copy of itself; once per append
    /// rather than once per encoded sample.
    private mutating func ownEncoders() {
        if !isKnownUniquelyReferenced(&encoders), let shared = encoders { encoders = EncodersBox(shared.encoders) }
    }

    /// Estimated bytes of memory the chunk holds: the chunk itself, its encoders (their pending
    /// vectors as far as they have grown, the encoded bytes as of the last complete vector) and the
    /// reorder buffer.
    var memoryBytes: Int {
        let encoded = encoders.map { MemoryLayout<ChunkEncoders>.stride + $0.encoders.pendingBytes + $0.encoders.encodedBytes } ?? 0
        return MemoryLayout<OpenChunk>.stride + encoded + buffer.capacity * MemoryLayout<RawSample>.stride
    }

    /// The encoded columns of every sample in the chunk, unframed: what a query of the head reads
    /// (framing would spend a zstd attempt on every query).
    func columns() -> ChunkColumns {
        let complete = completeEncoders()
        return ChunkColumns(timestamps: complete.timestamps.encode(), values: complete.values.encode(), qualities: complete.qualities.encode())
    }

    /// The immutable chunk of every sample in the chunk.
    func seal() -> SealedChunk {
        let complete = completeEncoders()
        return SealedChunk(
            series: series, window: window, sequence: sequence, statistics: complete.statistics,
            timestamps: ChunkPayload.encode(timestamps: complete.timestamps.encode()),
            payload: ChunkPayload.encode(values: complete.values.encode(), qualities: complete.qualities.encode()))
    }

    /// The encoders with every buffered sample encoded too; the chunk is unchanged.
    private func completeEncoders() -> ChunkEncoders {
        var complete = encoders?.encoders ?? ChunkEncoders(kind: kind)
        for sample in buffer[bufferStart...] { complete.encode(sample, kind: kind) }
        return complete
    }
}
