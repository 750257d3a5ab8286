/// Retention and compaction, run by the server in the background.
public struct MaintenanceSettings: Sendable, Equatable {
    /// Partitions whose window ended longer ago than this (nanoseconds) are dropped; nil keeps everything.
    public var retention: Int64?
    /// Retention per measurement, in nanoseconds, overriding ``retention`` for that measurement.
    public var retentionByMeasurement: [String: Int64] = [:]
    /// How often retention and compaction run.
    public var interval = Duration.seconds(600)

    /// The defaults: keep everything, run every 10 minutes.
    public init() {}
}
