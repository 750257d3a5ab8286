/// How long the steps of one flush took (see ``Historian/flush(whenHeadHolds:)``), for monitoring.
public struct FlushReport: Sendable {
    /// Step 1, with writes and queries stopped: WAL rotation and draining the head.
    public var pause: Duration
    /// Step 2, with no lock held: sealing the open chunks and writing the partition files.
    public var writing: Duration
    /// Step 3: publishing the files (under the engine lock), the checkpoint, removing WAL segments.
    public var publishing: Duration
    /// Chunks written.
    public var chunks: Int
    /// Partition files written.
    public var files: Int

    /// A duration in whole and fractional milliseconds, for logs.
    public static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1_000 + Double(attoseconds) / 1e15
    }
}
