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
}
