/// A chunk a flush took out of the head: sealed already, or still open. Open ones are sealed by
/// the flush after it let go of the engine's locks (sealing encodes and compresses), and queries
/// read them as they read the head's open chunks meanwhile.
enum FlushingChunk: Sendable {
    case sealed(SealedChunk)
    case open(OpenChunk)

    /// The series it belongs to.
    var series: SeriesID {
        switch self {
        case .sealed(let chunk): chunk.series
        case .open(let chunk): chunk.series
        }
    }

    /// The start of the partition window it belongs to.
    var window: Int64 {
        switch self {
        case .sealed(let chunk): chunk.window
        case .open(let chunk): chunk.window
        }
    }

    /// What a query reads of it, when it overlaps `[from, to)`.
    func reference(from: Int64, to: Int64) -> ChunkReference? {
        switch self {
        case .sealed(let chunk):
            guard chunk.statistics.minTime < to && chunk.statistics.maxTime >= from else { return nil }
            return ChunkReference(source: .memory(chunk), statistics: chunk.statistics, sequence: chunk.sequence)
        case .open(let chunk):
            guard chunk.count > 0 else { return nil }
            let statistics = chunk.statistics
            guard statistics.minTime < to && statistics.maxTime >= from else { return nil }
            return ChunkReference(source: .open(chunk), statistics: statistics, sequence: chunk.sequence)
        }
    }

    /// The time of its latest sample; nil when it holds none.
    var maxTime: Int64? {
        switch self {
        case .sealed(let chunk): chunk.statistics.maxTime
        case .open(let chunk): chunk.count > 0 ? chunk.statistics.maxTime : nil
        }
    }

    /// It sealed; nil for an open chunk without samples.
    func sealed() -> SealedChunk? {
        switch self {
        case .sealed(let chunk): chunk
        case .open(let chunk): chunk.count > 0 ? chunk.seal() : nil
        }
    }
}
