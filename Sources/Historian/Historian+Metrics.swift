extension Historian {
    /// Estimated bytes of memory the head holds: the open chunks (their encoders' reserved vectors
    /// and encoded bytes) and the chunks sealed but not yet in partition files. Reaching
    /// ``HistorianOptions/headMemoryLimit`` flushes the head to partition files.
    public var headMemoryBytes: Int {
        headByteCount.load(ordering: .relaxed)
    }

    /// Bytes of the write-ahead log segments on disk (those not yet covered by partition files).
    public var walBytes: Int {
        log.bytesOnDisk
    }

    /// The number of registered series.
    public var seriesCount: Int {
        state.withLock { $0.catalog.all.count }
    }

    /// The number of partition files and their total bytes.
    public var partitionFiles: (count: Int, bytes: Int) {
        state.withLock { state in (state.partitions.count, state.partitions.reduce(0) { $0 + $1.size }) }
    }

    /// Bytes held by the rollup summary cache (bounded by ``HistorianOptions/summaryCacheBytes``).
    public var summaryCacheBytes: Int {
        summaryCache.bytes
    }
}
