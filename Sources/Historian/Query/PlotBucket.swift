/// One pixel column of a plot query: the first, last, minimum and maximum samples of `[start, end)`
/// (the M4 method: Jugel et al., "M4: A Visualization-Oriented Time Series Data Aggregation", VLDB 2014).
public struct PlotBucket: Sendable, Equatable {
    /// Start of the bucket (ns, inclusive).
    public var start: Int64
    /// End of the bucket (ns, exclusive).
    public var end: Int64
    /// The earliest sample.
    public var first: Sample
    /// The latest sample.
    public var last: Sample
    /// The earliest sample with the smallest value.
    public var minimum: Sample
    /// The earliest sample with the largest value.
    public var maximum: Sample

    /// The distinct samples of the bucket in time order: what a plot draws.
    public var points: [Sample] {
        var seen = Set<Int64>()
        return [first, minimum, maximum, last].sorted { $0.timestamp < $1.timestamp }.filter { seen.insert($0.timestamp).inserted }
    }
}
