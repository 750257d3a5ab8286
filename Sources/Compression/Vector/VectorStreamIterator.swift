/// Decodes a stream one vector at a time and hands out its values in order.
@usableFromInline
struct VectorStreamIterator<Codec: VectorCodec>: Sendable {
    @usableFromInline let decoder: VectorStreamDecoder<Codec>
    @usableFromInline var nextVectorOffset: Int
    @usableFromInline var produced = 0
    @usableFromInline var vector: [Codec.Element] = []
    @usableFromInline var position = 0

    @inlinable
    init(_ decoder: VectorStreamDecoder<Codec>) {
        self.decoder = decoder
        nextVectorOffset = decoder.firstVectorOffset
    }

    @inlinable
    mutating func next() throws(CompressionError) -> Codec.Element? {
        if position == vector.count {
            guard produced < decoder.count else { return nil }
            try loadNextVector()
        }
        let value = vector[position]
        position += 1
        return value
    }

    @inlinable
    mutating func loadNextVector() throws(CompressionError) {
        let vectorCount = min(vectorCapacity, decoder.count - produced)
        let offset = nextVectorOffset
        var failure: CompressionError?
        var end = offset
        vector = [Codec.Element](unsafeUninitializedCapacity: vectorCount) { buffer, initialized in
            do throws(CompressionError) {
                end = try decoder.bytes.withCheckedBytes { bytes throws(CompressionError) in
                    guard let base = buffer.baseAddress else { return offset }
                    return try VectorStreamDecoder<Codec>.decodeVector(bytes, at: offset, count: vectorCount, into: base)
                }
                initialized = vectorCount
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        nextVectorOffset = end
        produced += vectorCount
        position = 0
        if produced == decoder.count && end != decoder.bytes.count {
            throw .corrupt(context: Codec.name, offset: end, reason: "\(decoder.bytes.count - end) bytes after the last vector")
        }
    }
}
