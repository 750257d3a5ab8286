/// Validates a stream's header and decodes its vectors in bulk or one vector at a time.
@usableFromInline
struct VectorStreamDecoder<Codec: VectorCodec>: Sendable {
    @usableFromInline let bytes: [UInt8]
    @usableFromInline let count: Int
    @usableFromInline let firstVectorOffset: Int

    @inlinable
    init(_ bytes: [UInt8]) throws(CompressionError) {
        self.bytes = bytes
        (count, firstVectorOffset) = try bytes.withCheckedBytes { buffer throws(CompressionError) in
            var reader = ByteReader(buffer, context: Codec.name + " header")
            let tag = try reader.readByte()
            guard tag == Codec.formatTag else {
                throw reader.corrupt("format tag \(tag) is not \(Codec.formatTag)", at: 0)
            }
            let version = try reader.readByte()
            guard version == streamFormatVersion else {
                throw reader.corrupt("format version \(version) is not supported (this build reads \(streamFormatVersion))", at: 1)
            }
            // Each vector takes at least one byte, so a count beyond this cannot be genuine.
            let limit = max(0, reader.remaining) * vectorCapacity
            let count = try reader.readLength(limit: limit, what: "value count")
            return (count, reader.offset)
        }
    }

    @inlinable
    func decode(into output: UnsafeMutableBufferPointer<Codec.Element>) throws(CompressionError) {
        guard output.count >= count, let base = output.baseAddress else {
            if count == 0 { return }
            throw .bufferTooSmall(needed: count, available: output.count)
        }
        try bytes.withCheckedBytes { buffer throws(CompressionError) in
            var offset = firstVectorOffset
            var decoded = 0
            while decoded < count {
                let vectorCount = min(vectorCapacity, count - decoded)
                offset = try Self.decodeVector(buffer, at: offset, count: vectorCount, into: base + decoded)
                decoded += vectorCount
            }
            guard offset == buffer.count else {
                throw .corrupt(context: Codec.name, offset: offset, reason: "\(buffer.count - offset) bytes after the last vector")
            }
        }
    }

    @inlinable
    func decodeAll() throws(CompressionError) -> [Codec.Element] {
        var failure: CompressionError?
        let values = [Codec.Element](unsafeUninitializedCapacity: count) { buffer, initialized in
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

    /// Decodes the vector whose length prefix starts at `offset`; returns the offset after it.
    @inlinable
    static func decodeVector(
        _ buffer: UnsafeRawBufferPointer,
        at offset: Int,
        count: Int,
        into output: UnsafeMutablePointer<Codec.Element>
    ) throws(CompressionError) -> Int {
        var lengthReader = ByteReader(buffer, offset: offset, context: Codec.name)
        let length = try lengthReader.readByteCount(what: "vector length")
        let start = lengthReader.offset
        let end = start + length
        // The vector's reader ends where the vector ends, so no codec can read into the next one.
        var reader = ByteReader(UnsafeRawBufferPointer(rebasing: buffer[0..<end]), offset: start, context: Codec.name)
        try Codec.decodeVector(&reader, count: count, into: output)
        guard reader.offset == end else {
            throw .corrupt(context: Codec.name, offset: reader.offset, reason: "\(end - reader.offset) unread bytes in a vector")
        }
        return end
    }
}
