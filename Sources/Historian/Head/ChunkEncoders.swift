import Compression

/// The streaming encoders of an open chunk with what they hold: the samples that left its reorder
/// buffer, their statistics and the latest of them.
struct ChunkEncoders: Sendable {
    private(set) var timestamps = TimestampEncoder()
    private(set) var values: ValueEncoder
    private(set) var qualities = RunLengthEncoder()
    /// Statistics of the encoded samples.
    private(set) var statistics = ChunkStatistics()
    private(set) var lastBits: UInt64 = 0
    private(set) var lastQuality: UInt8 = 0
    /// The encoded size of the three columns when the encoders last completed a vector of
    /// ``vectorLength`` samples (the samples since wait in the encoders' pending vectors).
    private(set) var encodedBytes = 0

    /// The samples the Compression encoders collect before they encode them as one vector.
    static let vectorLength = 2_048

    init(kind: ValueKind) {
        values = ValueEncoder(kind: kind)
    }

    /// Bytes held by values not yet encoded into a vector.
    var pendingBytes: Int { timestamps.pendingBytes + values.pendingBytes }

    /// Encodes `sample`, which is no earlier than the last one encoded.
    mutating func encode(_ sample: RawSample, kind: ValueKind) {
        // Cannot throw: samples reach the encoders in time order, none earlier than the last encoded.
        try? timestamps.append(sample.timestamp)
        values.append(bits: sample.bits)
        qualities.append(Int64(sample.quality))
        lastBits = sample.bits
        lastQuality = sample.quality
        Self.add(sample, kind: kind, to: &statistics)
        if statistics.count % Self.vectorLength == 0 {
            // The encoders have just encoded a vector and hold no pending values: encoding now
            // copies their bytes, once per vector.
            encodedBytes = timestamps.encode().count + values.encode().count + qualities.encode().count
        }
    }

    /// Adds `sample` to `statistics`, its quality included.
    static func add(_ sample: RawSample, kind: ValueKind, to statistics: inout ChunkStatistics) {
        if sample.quality != Quality.good.rawValue { statistics.hasNonGoodQuality = true }
        statistics.add(timestamp: sample.timestamp, value: SampleValue.number(bits: sample.bits, kind: kind))
    }
}
