/// Encodes a chunk of Float64 values appended one at a time, losslessly and bit-exactly (NaN payloads,
/// -0.0, infinities and subnormals included).
///
/// Each vector of 2,048 values is coded as decimals (`DecimalVectorCodec`) or with Gorilla's XOR coding,
/// whichever is smaller. Memory: the encoded bytes so far plus at most one vector not yet encoded.
public struct FloatEncoder: Sendable {
    @usableFromInline var stream = VectorStreamEncoder<FloatStreamCodec>()

    public init() {}

    /// Number of values appended.
    @inlinable
    public var count: Int { stream.count }

    /// Bytes held by values not yet encoded into a vector (they grow to one vector, then are reused).
    public var pendingBytes: Int { stream.pendingBytes }

    /// Appends `value`.
    @inlinable
    public mutating func append(_ value: Double) {
        stream.append(value)
    }

    /// The encoding of every value appended so far. The encoder stays usable.
    @inlinable
    public func encode() -> [UInt8] {
        stream.encode()
    }
}
