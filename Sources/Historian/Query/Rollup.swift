/// A rollup and how it was computed.
public struct Rollup: Sendable, Equatable {
    /// One bucket per `every` from `from`, empty ones included.
    public var buckets: [RollupBucket]
    /// Chunks answered from their statistics without decoding.
    public var chunksFromStatistics: Int
    /// Chunks answered from cached grain summaries without decoding (see ``HistorianOptions/summaryCacheBytes``).
    public var chunksFromSummaryCache: Int
    /// Chunks decoded.
    public var chunksDecoded: Int
}
