/// One stored sample of a series.
public struct Sample: Sendable, Hashable {
    /// Nanoseconds since the Unix epoch (UTC).
    public var timestamp: Int64
    /// The value, of the series' kind.
    public var value: SampleValue
    /// OPC UA style quality; `.good` unless the source says otherwise.
    public var quality: Quality

    /// Creates a sample.
    public init(timestamp: Int64, value: SampleValue, quality: Quality = .good) {
        self.timestamp = timestamp
        self.value = value
        self.quality = quality
    }
}
