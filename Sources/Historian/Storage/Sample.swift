/// One stored sample of a series.
public struct Sample: Sendable, Hashable {
    /// Nanoseconds since the Unix epoch (UTC).
    public var timestamp: Int64
    public var value: SampleValue
    public var quality: Quality

    public init(timestamp: Int64, value: SampleValue, quality: Quality = .good) {
        self.timestamp = timestamp
        self.value = value
        self.quality = quality
    }
}

/// A sample addressed to a series by key, as the write API takes it.
public struct Point: Sendable, Hashable {
    public var series: SeriesKey
    public var sample: Sample

    public init(series: SeriesKey, sample: Sample) {
        self.series = series
        self.sample = sample
    }

    public init(series: SeriesKey, timestamp: Int64, value: SampleValue, quality: Quality = .good) {
        self.series = series
        sample = Sample(timestamp: timestamp, value: value, quality: quality)
    }
}

/// A sample as the engine keeps it internally: series id and the raw 64 value bits.
struct RawSample: Sendable, Hashable {
    var series: SeriesID
    var timestamp: Int64
    var bits: UInt64
    var quality: UInt8
}
