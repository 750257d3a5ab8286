/// When a write is durable, and so when the write call returns.
public enum Durability: Sendable, Equatable {
    /// Every write batch is fsynced before its call returns; concurrent batches share one fsync (group commit).
    case everyBatch
    /// The log is fsynced at most every `milliseconds`; a write returns after the fsync that covers it,
    /// so it waits up to that long and many writers share one fsync.
    case interval(milliseconds: Int)
}
