/// The vector codec of float streams: decimal coding when the vector's values are decimals, Gorilla
/// XOR coding otherwise, chosen per vector by encoded size and recorded in the vector's first byte.
@usableFromInline
enum FloatStreamCodec: VectorCodec {
    @usableFromInline typealias Element = Double
    @usableFromInline static let formatTag: UInt8 = 0x46  // "F"
    @usableFromInline static let name = "float stream"

    /// The coding of one vector, as recorded in its first byte.
    @usableFromInline
    enum VectorKind: UInt8 {
        case decimal = 0
        case xor = 1
    }

    /// Above this many bits per value the decimal coding is compared against XOR coding.
    @usableFromInline static let decimalComparisonThreshold = 24

    @inlinable
    static func encodeVector(_ values: UnsafeBufferPointer<Double>, into writer: inout ByteWriter) {
        var decimal = ByteWriter(capacity: values.count * 2 + 16)
        decimal.append(VectorKind.decimal.rawValue)
        let isDecimal = DecimalVectorCodec.encode(values, into: &decimal)
        if isDecimal && decimal.count * 8 <= values.count * decimalComparisonThreshold {
            writer.append(contentsOf: decimal.bytes)
            return
        }
        var xor = ByteWriter(capacity: values.count * 4 + 16)
        xor.append(VectorKind.xor.rawValue)
        XorVectorCodec.encode(values, into: &xor)
        writer.append(contentsOf: isDecimal && decimal.count <= xor.count ? decimal.bytes : xor.bytes)
    }

    @inlinable
    static func decodeVector(
        _ reader: inout ByteReader,
        count: Int,
        into output: UnsafeMutablePointer<Double>
    ) throws(CompressionError) {
        guard count > 0 else { return }
        let kindOffset = reader.offset
        let kindByte = try reader.readByte()
        switch VectorKind(rawValue: kindByte) {
        case .decimal:
            try DecimalVectorCodec.decode(&reader, count: count, into: output)
        case .xor:
            try XorVectorCodec.decode(&reader, count: count, into: output)
        case nil:
            throw reader.corrupt("unknown float vector kind \(kindByte)", at: kindOffset)
        }
    }
}
