/// An immutable chunk: its statistics and its framed, compressed payload (see ``ChunkPayload``).
struct SealedChunk: Sendable {
    let series: SeriesID
    let window: Int64
    let sequence: UInt64
    let statistics: ChunkStatistics
    let payload: [UInt8]
}
