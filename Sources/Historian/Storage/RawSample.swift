/// A sample as the engine keeps it internally: series id and the raw 64 value bits.
struct RawSample: Sendable, Hashable {
    var series: SeriesID
    var timestamp: Int64
    var bits: UInt64
    var quality: UInt8
}
