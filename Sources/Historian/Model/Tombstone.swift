/// A recorded range delete: samples of `series` in `[from, to)` written before it (in chunks of a
/// lower sequence) are gone; samples written after it are not affected.
struct Tombstone: Sendable, Equatable {
    var series: SeriesID
    var from: Int64
    var to: Int64
    /// Write order, shared with chunk sequences.
    var sequence: UInt64

    /// True when this delete removes a sample at `timestamp` from a chunk of sequence `chunkSequence`.
    func removes(_ timestamp: Int64, chunkSequence: UInt64) -> Bool {
        chunkSequence < sequence && timestamp >= from && timestamp < to
    }

    /// True when it may remove samples of a chunk.
    func affects(_ statistics: ChunkStatistics, chunkSequence: UInt64) -> Bool {
        chunkSequence < sequence && statistics.minTime < to && statistics.maxTime >= from
    }
}
