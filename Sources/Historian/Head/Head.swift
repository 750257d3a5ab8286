/// The in-memory part of the store for one shard of the series: one open chunk per series, and
/// the chunks sealed since the last flush to partition files.
///
/// The engine keeps ``Historian/headShardCount`` heads; this one holds the series whose ids are
/// congruent modulo `1 << slotShift`, so series `id` has the slot `id >> slotShift` of ``open``.
///
/// A chunk seals when it reaches ``chunkSampleLimit`` samples, when a sample belongs to another
/// partition window, or when a sample is earlier than the chunk's last encoded one (out of order
/// beyond the ``reorderWindow`` newest samples, which the open chunk keeps sorted unencoded): the
/// new sample then starts a new chunk with a higher sequence, and reads merge the overlap.
struct Head {
    let chunkSampleLimit: Int
    let windowLength: Int64
    /// The newest samples of each open chunk that are kept unencoded, so later samples may go before them.
    let reorderWindow: Int
    /// The base-2 logarithm of the distance between the ids of this head's series (the shard
    /// count): a shift rather than a division, which ingest would pay twice per sample.
    let slotShift: Int
    /// The open chunk of each series, indexed by slot `id >> slotShift` (ids are dense): an array,
    /// not a dictionary, because the dictionary's move in and out of its storage dominated ingest.
    private(set) var open: [OpenChunk?] = []
    private(set) var sealed: [SeriesID: [SealedChunk]] = [:]
    /// Estimated bytes of memory of the open and sealed chunks (see ``OpenChunk/memoryBytes``,
    /// ``SealedChunk/memoryBytes``), for the memory bound; kept up to date by every change.
    private(set) var memoryBytes = 0

    init(chunkSampleLimit: Int, windowLength: Int64, reorderWindow: Int = 0, slotShift: Int = 0) {
        self.chunkSampleLimit = chunkSampleLimit
        self.windowLength = windowLength
        self.reorderWindow = reorderWindow
        self.slotShift = slotShift
    }

    private func slot(of series: SeriesID) -> Int {
        Int(series) &>> slotShift
    }

    /// The start of the window `timestamp` falls in (windows are aligned to the Unix epoch); the
    /// first window is cut at Int64.min rather than overflow.
    func window(of timestamp: Int64) -> Int64 {
        let remainder = timestamp % windowLength
        guard remainder < 0 else { return timestamp - remainder }
        let (start, overflow) = (timestamp - remainder).subtractingReportingOverflow(windowLength)
        return overflow ? .min : start
    }

    /// Appends a batch of this head's series: samples are grouped by series (a stable counting sort,
    /// so each series keeps its write order), and each series' open chunk is taken out once and fed
    /// its whole run, which keeps its encoders hot in cache. `kinds[id - 1]` is the kind of series
    /// `id`; `nextSequence` hands out the sequence of each new chunk.
    mutating func append(_ samples: [RawSample], kinds: [ValueKind], nextSequence: () -> UInt64) {
        guard let largest = samples.lazy.map(\.series).max() else { return }
        let slotCount = slot(of: largest) + 1
        var starts = [Int](repeating: 0, count: slotCount + 1)
        for sample in samples { starts[slot(of: sample.series) + 1] += 1 }
        for slot in 0..<slotCount { starts[slot + 1] += starts[slot] }
        var order = [Int](repeating: 0, count: samples.count)
        var next = starts
        for (position, sample) in samples.enumerated() {
            let slot = slot(of: sample.series)
            order[next[slot]] = position
            next[slot] += 1
        }
        if slotCount > open.count { open.append(contentsOf: repeatElement(nil, count: slotCount - open.count)) }
        var run: [RawSample] = []
        // Callers check the ids; a sample of an id without a kind (0, or unknown) is never appended.
        for slot in 0..<slotCount where starts[slot] < starts[slot + 1] {
            let first = samples[order[starts[slot]]]
            let series = first.series
            guard series >= 1 && Int(series) <= kinds.count else { continue }
            let kind = kinds[Int(series) - 1]
            // Moved out and back, never copied: a copy would share the chunk's buffers, and the
            // next append would then copy them all (once per series and batch).
            var chunk: OpenChunk
            if let taken = open[slot].take() {
                memoryBytes -= taken.memoryBytes
                chunk = consume taken
            } else {
                chunk = newChunk(series, kind, at: first.timestamp, sequence: nextSequence())
            }
            run.removeAll(keepingCapacity: true)
            var sorted = true
            for rank in starts[slot]..<starts[slot + 1] {
                let sample = samples[order[rank]]
                if let last = run.last, sample.timestamp < last.timestamp { sorted = false }
                run.append(sample)
            }
            if sorted, let runFirst = run.first, let runLast = run.last,
                chunk.acceptsSortedRun(first: runFirst.timestamp, last: runLast.timestamp, count: run.count, limit: chunkSampleLimit)
            {
                chunk.append(sorted: run[...])
                memoryBytes += chunk.memoryBytes
                open[slot] = chunk
                continue
            }
            for sample in run {
                if !chunk.accepts(sample.timestamp, limit: chunkSampleLimit) {
                    let full = chunk.seal()
                    memoryBytes += full.memoryBytes
                    sealed[series, default: []].append(full)
                    chunk = newChunk(series, kind, at: sample.timestamp, sequence: nextSequence())
                }
                chunk.append(timestamp: sample.timestamp, bits: sample.bits, quality: sample.quality)
            }
            memoryBytes += chunk.memoryBytes
            open[slot] = chunk
        }
    }

    private func newChunk(_ series: SeriesID, _ kind: ValueKind, at timestamp: Int64, sequence: UInt64) -> OpenChunk {
        let window = window(of: timestamp)
        let (end, overflow) = window.addingReportingOverflow(windowLength)
        return OpenChunk(
            series: series, kind: kind, window: window, windowEnd: overflow ? .max : end, sequence: sequence, reorderWindow: reorderWindow)
    }

    /// Seals the open chunk of `series`, so that samples written later get a higher sequence.
    mutating func seal(_ series: SeriesID) {
        if slot(of: series) < open.count { sealOpenChunk(at: slot(of: series)) }
    }

    private mutating func sealOpenChunk(at index: Int) {
        guard let chunk = open[index] else { return }
        open[index] = nil
        let full = chunk.seal()
        memoryBytes += full.memoryBytes - chunk.memoryBytes
        sealed[chunk.series, default: []].append(full)
    }

    /// The sealed chunks of `series` that overlap `[from, to)`.
    func sealedChunks(of series: SeriesID, from: Int64, to: Int64) -> [SealedChunk] {
        (sealed[series] ?? []).filter { $0.statistics.minTime < to && $0.statistics.maxTime >= from }
    }

    /// The open chunk of `series`, if it has one.
    func openChunk(of series: SeriesID) -> OpenChunk? {
        slot(of: series) < open.count ? open[slot(of: series)] : nil
    }

    /// The largest timestamp among the sealed head chunks of `series`.
    func sealedMaxTime(of series: SeriesID) -> Int64? {
        sealed[series]?.map(\.statistics.maxTime).max()
    }

    /// ``memoryBytes`` summed afresh over every chunk (the bookkeeping is checked against it in tests).
    func recountMemoryBytes() -> Int {
        open.reduce(0) { $0 + ($1?.memoryBytes ?? 0) }
            + sealed.values.reduce(0) { total, chunks in
                chunks.reduce(total) { $0 + $1.memoryBytes }
            }
    }

    /// Seals every open chunk and hands over all chunks, emptying the head.
    /// Takes every chunk out of the head, the open ones unsealed (the flush seals them outside
    /// the engine's locks).
    mutating func drain() -> [FlushingChunk] {
        var chunks = sealed.values.flatMap { $0 }.map(FlushingChunk.sealed)
        chunks.append(contentsOf: open.compactMap { $0.map(FlushingChunk.open) })
        open = []
        sealed = [:]
        memoryBytes = 0
        return chunks
    }
}
