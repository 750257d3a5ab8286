import Compression

/// The chunk of one series that is still receiving samples, encoded as they arrive.
///
/// Timestamps must not decrease within a chunk; the head seals the chunk and opens a new one
/// when a sample comes earlier than the chunk's last (the read path merges overlapping chunks).
struct OpenChunk: Sendable {
    let series: SeriesID
    let kind: ValueKind
    /// The partition window `[window, windowEnd)` the chunk belongs to.
    let window: Int64
    let windowEnd: Int64
    /// Write order; on equal timestamps the chunk with the higher sequence wins.
    let sequence: UInt64
    private var timestamps = TimestampEncoder()
    private var values: ValueEncoder
    private var qualities = RunLengthEncoder()
    private(set) var statistics = ChunkStatistics()
    /// The stored bits and quality of the last sample appended, for `latest` without decoding.
    private(set) var lastBits: UInt64 = 0
    private(set) var lastQuality: UInt8 = 0
    /// The encoded size of the three columns when the chunk last completed a vector of
    /// ``vectorLength`` samples (the samples since wait in the encoders' reserved vectors).
    private(set) var encodedBytes = 0

    /// The samples the Compression encoders collect before they encode them as one vector.
    static let vectorLength = 1_024

    init(series: SeriesID, kind: ValueKind, window: Int64, windowEnd: Int64, sequence: UInt64) {
        self.series = series
        self.kind = kind
        self.window = window
        self.windowEnd = windowEnd
        self.sequence = sequence
        values = ValueEncoder(kind: kind)
    }

    var count: Int { statistics.count }

    /// True when `timestamp` can be appended: in order, in the chunk's window, below `limit` samples.
    func accepts(_ timestamp: Int64, limit: Int) -> Bool {
        statistics.count < limit && timestamp < windowEnd && timestamp >= window
            && (statistics.count == 0 || timestamp >= statistics.maxTime)
    }

    /// Appends a sample; the caller checked ``accepts(_:limit:)``.
    mutating func append(timestamp: Int64, bits: UInt64, quality: UInt8) {
        // Cannot throw: accepts(_:limit:) guarantees the order.
        try? timestamps.append(timestamp)
        values.append(bits: bits)
        qualities.append(Int64(quality))
        lastBits = bits
        lastQuality = quality
        if quality != Quality.good.rawValue { statistics.hasNonGoodQuality = true }
        statistics.add(timestamp: timestamp, value: SampleValue.number(bits: bits, kind: kind))
        if statistics.count % Self.vectorLength == 0 {
            // The encoders have just encoded a vector and hold no pending values: encoding now
            // copies their bytes, once per 1,024 samples.
            encodedBytes = timestamps.encode().count + values.encode().count + qualities.encode().count
        }
    }

    /// Estimated bytes of memory the chunk holds: the encoders' reserved vectors, the encoded
    /// bytes as of the last complete vector, and the chunk itself.
    var memoryBytes: Int {
        MemoryLayout<OpenChunk>.stride + OpenChunk.vectorLength * MemoryLayout<Int64>.size + values.reservedBytes + encodedBytes
    }

    /// The encoded columns of everything appended so far, unframed: what a query of the head reads
    /// (framing would spend a zstd attempt on every query).
    func columns() -> ChunkColumns {
        ChunkColumns(timestamps: timestamps.encode(), values: values.encode(), qualities: qualities.encode())
    }

    /// The immutable chunk of everything appended so far.
    func seal() -> SealedChunk {
        SealedChunk(
            series: series, window: window, sequence: sequence, statistics: statistics,
            timestamps: ChunkPayload.encode(timestamps: timestamps.encode()),
            payload: ChunkPayload.encode(values: values.encode(), qualities: qualities.encode()))
    }
}
