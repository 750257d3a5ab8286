/// Encodes a chunk of timestamps (Int64 nanoseconds, or any unit) appended one at a time.
///
/// Timestamps within a chunk never decrease; equal timestamps are allowed. Memory: the encoded
/// bytes so far plus at most one vector (2,048 values) not yet encoded.
public struct TimestampEncoder: Sendable {
    @usableFromInline var stream = VectorStreamEncoder<TimestampVectorCodec>()
    @usableFromInline var last: Int64?

    public init() {}

    /// Number of timestamps appended.
    @inlinable
    public var count: Int { stream.count }

    /// Bytes held by values not yet encoded into a vector (they grow to one vector, then are reused).
    public var pendingBytes: Int { stream.pendingBytes }

    /// Appends `timestamp`.
    /// - Throws: `CompressionError.timestampOutOfOrder` if it is smaller than the previous one; the
    ///   encoder is unchanged then.
    @inlinable
    public mutating func append(_ timestamp: Int64) throws(CompressionError) {
        if let last, timestamp < last {
            throw .timestampOutOfOrder(previous: last, next: timestamp)
        }
        last = timestamp
        stream.append(timestamp)
    }

    /// The encoding of every timestamp appended so far. The encoder stays usable.
    @inlinable
    public func encode() -> [UInt8] {
        stream.encode()
    }
}
