/// Sizes of the storage engine's parts, for monitoring.
public struct StorageStatistics: Sendable, Equatable {
    /// Registered series.
    public var seriesCount: Int
    /// Estimated bytes of memory of the head: open chunks (their encoders' reserved vectors and
    /// encoded bytes) and chunks sealed but not yet in partition files. Reaching
    /// ``HistorianOptions/headMemoryLimit`` flushes the head to partition files.
    public var headMemoryBytes: Int
    /// Partition files.
    public var partitionCount: Int
    /// Bytes of partition files.
    public var partitionBytes: Int
    /// Bytes of write-ahead log segments on disk (those not yet covered by partition files).
    public var walBytes: Int
    /// Bytes held by the rollup summary cache (bounded by ``HistorianOptions/summaryCacheBytes``).
    public var summaryCacheBytes: Int
}

extension Historian {
    /// Current sizes; cheap enough to call for every metrics scrape (no I/O: the engine keeps
    /// them up to date).
    public func storageStatistics() -> StorageStatistics {
        let (seriesCount, partitionCount, partitionBytes) = state.withLock { state in
            (state.catalog.all.count, state.partitions.count, state.partitions.reduce(0) { $0 + $1.size })
        }
        return StorageStatistics(
            seriesCount: seriesCount, headMemoryBytes: headByteCount.load(ordering: .relaxed),
            partitionCount: partitionCount, partitionBytes: partitionBytes, walBytes: log.bytesOnDisk,
            summaryCacheBytes: summaryCache.bytes)
    }
}
