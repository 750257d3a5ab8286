/// A codec for one vector of up to `vectorCapacity` values; the streams of this module are sequences
/// of such vectors, so encoders buffer at most one vector and decoders can stop between vectors.
@usableFromInline
protocol VectorCodec {
    associatedtype Element: BitwiseCopyable & Sendable
    /// First byte of every stream of this codec; a decoder given another codec's bytes says so.
    static var formatTag: UInt8 { get }
    /// Names the stream in error messages.
    static var name: String { get }
    static func encodeVector(_ values: UnsafeBufferPointer<Element>, into writer: inout ByteWriter)
    static func decodeVector(
        _ reader: inout ByteReader,
        count: Int,
        into output: UnsafeMutablePointer<Element>
    ) throws(CompressionError)
}

/// Values per vector: large enough to amortise headers (an entropy-coded vector carries its own
/// table: on the plant workload 2,048 stores 0.7 % less than 1,024), small enough to stay in L1
/// while decoding (16 KB of doubles).
@usableFromInline let vectorCapacity = 2048

/// Version of the stream layout written by this build; decoders refuse other versions.
@usableFromInline let streamFormatVersion: UInt8 = 2
