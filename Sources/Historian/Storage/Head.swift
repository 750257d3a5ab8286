/// The in-memory part of the store: one open chunk per series, and the chunks sealed since the
/// last flush to partition files.
///
/// A chunk seals when it reaches ``chunkSampleLimit`` samples, when a sample belongs to another
/// partition window, or when a sample is earlier than the chunk's last one (out of order): the
/// new sample then starts a new chunk with a higher sequence, and reads merge the overlap.
struct Head {
    let chunkSampleLimit: Int
    let windowLength: Int64
    /// The open chunk of each series, indexed by series id (ids are dense): an array, not a
    /// dictionary, because the dictionary's move in and out of its storage dominated ingest.
    private(set) var open: [OpenChunk?] = []
    private(set) var sealed: [SeriesID: [SealedChunk]] = [:]
    /// Samples held in open and sealed chunks, for the memory bound.
    private(set) var sampleCount = 0

    init(chunkSampleLimit: Int, windowLength: Int64) {
        self.chunkSampleLimit = chunkSampleLimit
        self.windowLength = windowLength
    }

    /// The start of the window `timestamp` falls in (windows are aligned to the Unix epoch); the
    /// first window is cut at Int64.min rather than overflow.
    func window(of timestamp: Int64) -> Int64 {
        let remainder = timestamp % windowLength
        guard remainder < 0 else { return timestamp - remainder }
        let (start, overflow) = (timestamp - remainder).subtractingReportingOverflow(windowLength)
        return overflow ? .min : start
    }

    mutating func append(_ sample: RawSample, kind: ValueKind, nextSequence: inout UInt64) {
        let index = Int(sample.series)
        if index >= open.count { open.append(contentsOf: repeatElement(nil, count: index + 1 - open.count)) }
        if let accepts = open[index]?.accepts(sample.timestamp, limit: chunkSampleLimit), !accepts {
            sealOpenChunk(at: index)
        }
        if open[index] == nil {
            let window = window(of: sample.timestamp)
            let (end, overflow) = window.addingReportingOverflow(windowLength)
            open[index] = OpenChunk(series: sample.series, kind: kind, window: window, windowEnd: overflow ? .max : end, sequence: nextSequence)
            nextSequence += 1
        }
        open[index]?.append(timestamp: sample.timestamp, bits: sample.bits, quality: sample.quality)
        sampleCount += 1
    }

    /// Seals the open chunk of `series`, so that samples written later get a higher sequence.
    mutating func seal(_ series: SeriesID) {
        if Int(series) < open.count { sealOpenChunk(at: Int(series)) }
    }

    private mutating func sealOpenChunk(at index: Int) {
        guard let chunk = open[index] else { return }
        open[index] = nil
        sealed[chunk.series, default: []].append(chunk.seal())
    }

    /// The sealed chunks of `series` that overlap `[from, to)`.
    func sealedChunks(of series: SeriesID, from: Int64, to: Int64) -> [SealedChunk] {
        (sealed[series] ?? []).filter { $0.statistics.minTime < to && $0.statistics.maxTime >= from }
    }

    /// The open chunk of `series`, if it has one.
    func openChunk(of series: SeriesID) -> OpenChunk? {
        Int(series) < open.count ? open[Int(series)] : nil
    }

    /// The largest timestamp among the sealed head chunks of `series`.
    func sealedMaxTime(of series: SeriesID) -> Int64? {
        sealed[series]?.map(\.statistics.maxTime).max()
    }

    /// Seals every open chunk and hands over all chunks, emptying the head.
    mutating func drain() -> [SealedChunk] {
        var chunks = sealed.values.flatMap { $0 }
        chunks.append(contentsOf: open.compactMap { $0?.seal() })
        open = []
        sealed = [:]
        sampleCount = 0
        return chunks
    }
}
