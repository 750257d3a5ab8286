/// A sample addressed to a series by key, as the write API takes it.
public struct Point: Sendable, Hashable {
    /// The series; registered on first write with the kind of its value.
    public var series: SeriesKey
    /// The sample.
    public var sample: Sample

    /// Creates a point.
    public init(series: SeriesKey, sample: Sample) {
        self.series = series
        self.sample = sample
    }

    /// Creates a point from its parts.
    public init(series: SeriesKey, timestamp: Int64, value: SampleValue, quality: Quality = .good) {
        self.series = series
        sample = Sample(timestamp: timestamp, value: value, quality: quality)
    }
}
