import Foundation

/// Sizes of the storage engine's parts, for monitoring.
public struct StorageStatistics: Sendable, Equatable {
    /// Registered series.
    public var seriesCount: Int
    /// Samples in memory that are not yet in partition files.
    public var headSamples: Int
    /// Partition files.
    public var partitionCount: Int
    /// Bytes of partition files.
    public var partitionBytes: Int
    /// Bytes of write-ahead log segments on disk.
    public var walBytes: Int
}

extension Historian {
    /// Current sizes; cheap enough to call for every metrics scrape (one `stat` per WAL segment).
    public func storageStatistics() -> StorageStatistics {
        let (seriesCount, partitionCount, partitionBytes) = state.withLock { state in
            (state.catalog.all.count, state.partitions.count, state.partitions.reduce(0) { $0 + $1.size })
        }
        var walBytes = 0
        for name in (try? FileIO.list(walDirectory)) ?? [] {
            var status = stat()
            if stat(walDirectory + "/" + name, &status) == 0 { walBytes += Int(status.st_size) }
        }
        return StorageStatistics(
            seriesCount: seriesCount, headSamples: headSampleCount.load(ordering: .relaxed),
            partitionCount: partitionCount, partitionBytes: partitionBytes, walBytes: walBytes)
    }
}
