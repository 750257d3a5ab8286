/// Settings of a ``Historian`` data directory.
public struct HistorianOptions: Sendable {
    /// When writes are durable (default: every batch).
    public var durability: Durability = .everyBatch
    /// The time window of one partition file, in nanoseconds (default: one day).
    public var partitionWindow: Int64 = 86_400_000_000_000
    /// A chunk seals at this many samples (default 8,192; taken within 1 ... ``maximumChunkSamples``).
    public var chunkSampleLimit = 8_192
    /// The largest chunk: the Compression decoders refuse streams of more than 2^24 values, so
    /// chunks stay far below that.
    public static let maximumChunkSamples = 1 << 20
    /// The newest samples of each series the head keeps unencoded and sorted by time (default 256),
    /// so that batches of concurrent writers arriving out of time order still fill one chunk; a
    /// sample earlier than all of them starts a new, overlapping chunk. 0 encodes every sample at once.
    /// Costs about 32 bytes per buffered sample and series (taken within 0 ... ``maximumReorderWindow``).
    public var reorderWindowSamples = 256
    /// The largest reorder window (inserting into the buffer moves up to this many samples).
    public static let maximumReorderWindow = 4_096
    /// The head flushes its chunks to partition files when it holds this many samples (default 8 M).
    public var headSampleLimit = 8 << 20
    /// A WAL segment is closed when it reaches this many bytes (default 64 MiB).
    public var walSegmentBytes = 64 << 20
    /// Called after every WAL fsync with its duration (for monitoring); must be cheap and must not
    /// call back into the ``Historian``.
    public var walSyncObserver: (@Sendable (Duration) -> Void)?

    /// The defaults above.
    public init() {}

    /// ``chunkSampleLimit`` within its bounds.
    var effectiveChunkSampleLimit: Int {
        min(max(1, chunkSampleLimit), Self.maximumChunkSamples)
    }

    /// ``reorderWindowSamples`` within its bounds.
    var effectiveReorderWindow: Int {
        min(max(0, reorderWindowSamples), Self.maximumReorderWindow)
    }
}
