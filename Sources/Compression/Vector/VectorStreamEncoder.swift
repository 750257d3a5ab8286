/// Appends values one at a time and encodes each full vector as it completes.
///
/// Stream layout: format tag, format version, varint value count, then per vector a varint byte
/// length and the vector's bytes. The last vector may be partial.
@usableFromInline
struct VectorStreamEncoder<Codec: VectorCodec>: Sendable {
    @usableFromInline var sealedVectors = ByteWriter()
    @usableFromInline var pending: [Codec.Element] = []
    @usableFromInline var count = 0

    /// The pending vector starts small and, when that fills, takes a whole vector at once (then is
    /// reused): reserving 16 KiB up front made a million open series hold gigabytes for one value
    /// each, and growing by doubling cost busy series a dozen copies per vector.
    @inlinable
    init() {}

    /// Values a new encoder makes room for before it needs a whole vector.
    @usableFromInline static var initialCapacity: Int { 64 }

    /// Bytes held by values waiting for their vector (the pending buffer's capacity).
    @inlinable
    var pendingBytes: Int { pending.capacity * MemoryLayout<Codec.Element>.stride }

    @inlinable
    mutating func append(_ value: Codec.Element) {
        if pending.count == pending.capacity {
            pending.reserveCapacity(pending.isEmpty ? Self.initialCapacity : vectorCapacity)
        }
        pending.append(value)
        count += 1
        if pending.count == vectorCapacity {
            pending.withUnsafeBufferPointer { Self.appendVector($0, to: &sealedVectors) }
            pending.removeAll(keepingCapacity: true)
        }
    }

    @inlinable
    func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: sealedVectors.count + 16 + pending.count * 2)
        writer.append(Codec.formatTag)
        writer.append(streamFormatVersion)
        writer.appendVarint(UInt64(count))
        writer.append(contentsOf: sealedVectors.bytes)
        if !pending.isEmpty {
            pending.withUnsafeBufferPointer { Self.appendVector($0, to: &writer) }
        }
        return writer.bytes
    }

    @inlinable
    static func appendVector(_ values: UnsafeBufferPointer<Codec.Element>, to writer: inout ByteWriter) {
        var vector = ByteWriter(capacity: values.count * 2)
        Codec.encodeVector(values, into: &vector)
        writer.appendVarint(UInt64(vector.count))
        writer.append(contentsOf: vector.bytes)
    }
}
