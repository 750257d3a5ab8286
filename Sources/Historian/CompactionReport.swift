/// What ``Historian/compact()`` did.
public struct CompactionReport: Sendable, Equatable {
    /// Partition windows rewritten.
    public var windowsCompacted = 0
    /// Partition files replaced.
    public var filesRemoved = 0
    /// Chunks written to the new files.
    public var chunksWritten = 0
}
