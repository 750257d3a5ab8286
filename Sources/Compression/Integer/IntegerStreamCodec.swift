/// The vector codec of integer streams (`IntegerEncoder`, `IntegerDecoder`).
@usableFromInline
enum IntegerStreamCodec: VectorCodec {
    @usableFromInline typealias Element = Int64
    @usableFromInline static let formatTag: UInt8 = 0x49 // "I"
    @usableFromInline static let name = "integer stream"

    @inlinable
    static func encodeVector(_ values: UnsafeBufferPointer<Int64>, into writer: inout ByteWriter) {
        IntegerVectorCodec.encode(values, into: &writer)
    }

    @inlinable
    static func decodeVector(
        _ reader: inout ByteReader,
        count: Int,
        into output: UnsafeMutablePointer<Int64>
    ) throws(CompressionError) {
        try IntegerVectorCodec.decode(&reader, count: count, into: output)
    }
}
