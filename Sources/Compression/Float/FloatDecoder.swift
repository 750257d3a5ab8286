/// Decodes what `FloatEncoder` wrote.
public struct FloatDecoder: Sendable {
    @usableFromInline let stream: VectorStreamDecoder<FloatStreamCodec>

    /// Checks the stream's header.
    /// - Throws: `CompressionError` if the bytes are not a float stream of this format version.
    @inlinable
    public init(_ bytes: [UInt8]) throws(CompressionError) {
        stream = try VectorStreamDecoder(bytes)
    }

    /// Number of values in the stream.
    @inlinable
    public var count: Int { stream.count }

    /// Decodes every value into the start of `buffer`, which must hold at least `count` values.
    /// - Throws: `CompressionError` on corrupt or truncated input or a too small buffer.
    @inlinable
    public func decode(into buffer: UnsafeMutableBufferPointer<Double>) throws(CompressionError) {
        try stream.decode(into: buffer)
    }

    /// Decodes every value into a new array.
    @inlinable
    public func decodeAll() throws(CompressionError) -> [Double] {
        try stream.decodeAll()
    }

    /// An iterator that decodes one vector at a time.
    @inlinable
    public func makeIterator() -> Iterator {
        Iterator(stream: VectorStreamIterator(stream))
    }

    /// Hands out values in order; `next()` throws on corrupt input.
    public struct Iterator: Sendable {
        @usableFromInline var stream: VectorStreamIterator<FloatStreamCodec>

        @inlinable
        init(stream: VectorStreamIterator<FloatStreamCodec>) {
            self.stream = stream
        }

        /// The next value, or nil after the last one.
        @inlinable
        public mutating func next() throws(CompressionError) -> Double? {
            try stream.next()
        }
    }
}
