/// Encodes a chunk of Int64 values (counters, integer fields) appended one at a time.
///
/// Each vector is coded as patched frame-of-reference blocks of the values or of their
/// differences, whichever is smaller. Memory: the encoded bytes so far plus at most one vector
/// (2,048 values) not yet encoded.
public struct IntegerEncoder: Sendable {
    @usableFromInline var stream = VectorStreamEncoder<IntegerStreamCodec>()

    public init() {}

    /// Number of values appended.
    @inlinable
    public var count: Int { stream.count }

    /// Bytes held by values not yet encoded into a vector (they grow to one vector, then are reused).
    public var pendingBytes: Int { stream.pendingBytes }

    /// Appends `value`.
    @inlinable
    public mutating func append(_ value: Int64) {
        stream.append(value)
    }

    /// The encoding of every value appended so far. The encoder stays usable.
    @inlinable
    public func encode() -> [UInt8] {
        stream.encode()
    }
}
