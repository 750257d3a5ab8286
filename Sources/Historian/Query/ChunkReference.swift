/// A chunk a query may read: in a partition file or in memory (head), with its statistics.
struct ChunkReference: Sendable {
    enum Source: Sendable {
        case file(PartitionFile, ChunkIndexEntry)
        case memory(SealedChunk)
        /// A copy of the open chunk as it was when the query started (copy-on-write: taking it is
        /// cheap under the engine lock; it is encoded when read, outside the lock).
        case open(OpenChunk)
    }

    let source: Source
    let statistics: ChunkStatistics
    let sequence: UInt64

    func decode(kind: ValueKind) throws(HistorianError) -> DecodedChunk {
        switch source {
        case .file(let file, let entry):
            try ChunkPayload.decode(try file.columns(of: entry), kind: kind, context: file.path, offset: entry.offset)
        case .memory(let chunk):
            try ChunkPayload.decode(timestamps: chunk.timestamps, payload: chunk.payload, kind: kind, context: "head", offset: 0)
        case .open(let chunk):
            try ChunkPayload.decode(chunk.columns(), kind: kind, context: "head", offset: 0)
        }
    }

    func decodeNumeric(kind: ValueKind) throws(HistorianError) -> (timestamps: [Int64], values: [Double]) {
        switch source {
        case .file(let file, let entry):
            try ChunkPayload.decodeNumeric(try file.columns(of: entry), kind: kind, context: file.path, offset: entry.offset)
        case .memory(let chunk):
            try ChunkPayload.decodeNumeric(timestamps: chunk.timestamps, payload: chunk.payload, kind: kind, context: "head", offset: 0)
        case .open(let chunk):
            try ChunkPayload.decodeNumeric(chunk.columns(), kind: kind, context: "head", offset: 0)
        }
    }

    func overlaps(_ other: ChunkReference) -> Bool {
        statistics.minTime <= other.statistics.maxTime && other.statistics.minTime <= statistics.maxTime
    }
}
