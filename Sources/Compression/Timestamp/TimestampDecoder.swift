/// Decodes what `TimestampEncoder` wrote.
public struct TimestampDecoder: Sendable {
    @usableFromInline let stream: VectorStreamDecoder<TimestampVectorCodec>

    /// Checks the stream's header.
    /// - Throws: `CompressionError` if the bytes are not a timestamp stream of this format version.
    @inlinable
    public init(_ bytes: [UInt8]) throws(CompressionError) {
        stream = try VectorStreamDecoder(bytes)
    }

    /// Number of timestamps in the stream.
    @inlinable
    public var count: Int { stream.count }

    /// Decodes every timestamp into the start of `buffer`, which must hold at least `count` values.
    /// - Throws: `CompressionError` on corrupt or truncated input or a too small buffer.
    @inlinable
    public func decode(into buffer: UnsafeMutableBufferPointer<Int64>) throws(CompressionError) {
        try stream.decode(into: buffer)
        // Each vector checks its own order; the first timestamp of a vector must not precede the last of the one before.
        var boundary = vectorCapacity
        while boundary < count {
            guard buffer[boundary] >= buffer[boundary - 1] else {
                throw .corrupt(context: TimestampVectorCodec.name, offset: 0, reason: "timestamp \(boundary) precedes its predecessor")
            }
            boundary += vectorCapacity
        }
    }

    /// Decodes every timestamp into a new array.
    @inlinable
    public func decodeAll() throws(CompressionError) -> [Int64] {
        var failure: CompressionError?
        let values = [Int64](unsafeUninitializedCapacity: count) { buffer, initialized in
            do throws(CompressionError) {
                try decode(into: buffer)
                initialized = count
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        return values
    }

    /// An iterator that decodes one vector at a time.
    @inlinable
    public func makeIterator() -> Iterator {
        Iterator(stream: VectorStreamIterator(stream))
    }

    /// Hands out timestamps in order; `next()` throws on corrupt input.
    public struct Iterator: Sendable {
        @usableFromInline var stream: VectorStreamIterator<TimestampVectorCodec>
        @usableFromInline var previous = Int64.min

        @inlinable
        init(stream: VectorStreamIterator<TimestampVectorCodec>) {
            self.stream = stream
        }

        /// The next timestamp, or nil after the last one.
        @inlinable
        public mutating func next() throws(CompressionError) -> Int64? {
            guard let value = try stream.next() else { return nil }
            guard value >= previous else {
                throw .corrupt(
                    context: TimestampVectorCodec.name, offset: 0,
                    reason: "timestamp \(stream.produced - stream.vector.count + stream.position - 1) precedes its predecessor")
            }
            previous = value
            return value
        }
    }
}
