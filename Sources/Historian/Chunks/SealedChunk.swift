/// An immutable chunk: its statistics, its framed timestamp column and its framed value and
/// quality columns (see ``ChunkPayload``).
struct SealedChunk: Sendable {
    let series: SeriesID
    let window: Int64
    let sequence: UInt64
    let statistics: ChunkStatistics
    let timestamps: [UInt8]
    let payload: [UInt8]

    /// Bytes of memory the chunk holds: its frames and the chunk itself.
    var memoryBytes: Int {
        MemoryLayout<SealedChunk>.stride + timestamps.count + payload.count
    }
}
