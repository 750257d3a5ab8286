/// A sample as the engine keeps it internally: series id and the raw 64 value bits.
///
/// The 8-byte fields come first so that an array of samples has a stride of 24 bytes instead of
/// 32 (a batch and every open chunk's reorder buffer hold them by the thousand).
package struct RawSample: Sendable, Hashable {
    package var timestamp: Int64
    package var bits: UInt64
    package var series: SeriesID
    package var quality: UInt8

    package init(series: SeriesID, timestamp: Int64, bits: UInt64, quality: UInt8) {
        self.series = series
        self.timestamp = timestamp
        self.bits = bits
        self.quality = quality
    }
}
