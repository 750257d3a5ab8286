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
    /// The head flushes its chunks to partition files (sealing every open chunk early) when its
    /// estimated memory reaches this many bytes (default 256 MiB), in the background; a writer
    /// that finds twice this much flushes itself, so the head stays under twice the limit.
    /// Every series being written holds an open chunk of about 8 KiB (booleans, strings) or 16 KiB
    /// (numbers) however few samples it has, so the bound should exceed that times the active series.
    public var headMemoryLimit = 256 << 20
    /// Bytes the rollup summary cache may hold (default 64 MiB; 0 turns it off). It keeps, per sealed
    /// partition chunk, the statistics of each 1-second, 1-minute or 1-hour cell that rollups
    /// aligned to those grains merge, so that a repeated rollup decodes nothing. A cell costs about
    /// 90 bytes; chunks with fewer than 8 samples per cell are not cached.
    public var summaryCacheBytes = 64 << 20
    /// The grains of summary cells, in nanoseconds (see ``RollupGrain``); tests set small ones.
    var summaryGrains: [Int64] = RollupGrain.defaultGrains
    /// Chunks with fewer samples per cell than this are not cached (see ``RollupGrain``); tests set 1.
    var summaryMinimumSamplesPerCell = RollupGrain.minimumSamplesPerCachedCell
    /// The newest samples of each series the head keeps unencoded and sorted by time (default 256),
    /// so that batches of concurrent writers arriving out of time order still fill one chunk; a
    /// sample earlier than all of them starts a new, overlapping chunk. 0 encodes every sample at once.
    /// Costs about 32 bytes per buffered sample and series (taken within 0 ... ``maximumReorderWindow``).
    public var reorderWindowSamples = 256
    /// The largest reorder window (inserting into the buffer moves up to this many samples).
    public static let maximumReorderWindow = 4_096
    /// A batch larger than this many samples is logged as several WAL records of at most this many
    /// (see ``Historian`` on what a crash during such a batch leaves); tests set small ones.
    var samplesPerWALRecord = 4_194_304
    /// A WAL segment is closed when it reaches this many bytes (default 64 MiB).
    public var walSegmentBytes = 64 << 20
    /// Called after every WAL fsync with its duration (for monitoring); must be cheap and must not
    /// call back into the ``Historian``.
    public var walSyncObserver: (@Sendable (Duration) -> Void)?
    /// The most series the directory may hold (default 1,000,000, as InfluxDB's
    /// `max-series-per-database`); writes that would register more are refused for the new series.
    public var maximumSeries = 1_000_000
    /// Most series one measurement may hold (InfluxDB's limits are per database; one runaway
    /// measurement, a tag holding a request id, must not use up the database's).
    public var maximumSeriesPerMeasurement = Int.max
    /// Opens a directory whose write-ahead log is damaged or misses segments (which holds
    /// acknowledged writes the partitions do not): every readable record around the damage is
    /// replayed and the loss reported in ``Historian/recovery``, instead of refusing to open
    /// (default false: refuse, naming file and offset).
    public var acceptWALLoss = false
    /// Called after every successful flush, once its chunks are released, with the durations of its
    /// steps (for monitoring), on the thread that flushed; must not call back into the ``Historian``.
    public var flushObserver: (@Sendable (FlushReport) -> Void)?
    /// Makes file operations fail on purpose (tests of full and failing disks); nil in production.
    package var fileFaults: (any FileFaults)?

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
