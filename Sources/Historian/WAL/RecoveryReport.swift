/// What opening a data directory found in the write-ahead log.
public struct RecoveryReport: Sendable, Equatable {
    /// A record cut short by a crash at the end of the log: dropped, and the file truncated there.
    public struct TornTail: Sendable, Equatable {
        /// The segment file.
        public var path: String
        /// Byte offset where the torn record started (the file now ends there).
        public var offset: Int
        /// Bytes dropped.
        public var droppedBytes: Int
    }

    /// Log segments replayed into the head.
    public var segmentsReplayed = 0
    /// Records replayed.
    public var recordsReplayed = 0
    /// Samples replayed.
    public var samplesReplayed = 0
    /// The torn record dropped at the tail, if there was one.
    public var tornTail: TornTail?

    /// Bytes of a segment that were not a valid record, skipped because the open accepted the loss.
    public struct Damage: Sendable, Equatable {
        /// The segment file.
        public var path: String
        /// Byte offset where the damage starts.
        public var offset: Int
        /// Bytes skipped up to the next valid record (or the end of the segment).
        public var skippedBytes: Int
    }

    /// Damage skipped because the open accepted the loss (``HistorianOptions/acceptWALLoss``).
    public var damage: [Damage] = []
    /// Numbers of WAL segments that were missing, skipped because the open accepted the loss.
    public var missingSegments: [UInt64] = []
}
