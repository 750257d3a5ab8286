/// The vector codec of float streams: decimal coding when the vector's values are decimals; otherwise
/// Gorilla XOR coding or the exponent/mantissa split, whichever is smaller. The choice is made per
/// vector and recorded in its first byte.
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
        case bitSplit = 2
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
        var xor = ByteWriter(capacity: values.count * 8 + 16)
        xor.append(VectorKind.xor.rawValue)
        XorVectorCodec.encode(values, into: &xor)
        var split = ByteWriter(capacity: values.count * 8 + 16)
        split.append(VectorKind.bitSplit.rawValue)
        BitSplitVectorCodec.encode(values, into: &split)
        var best = xor.count <= split.count ? xor.bytes : split.bytes
        if isDecimal && decimal.count <= best.count { best = decimal.bytes }
        writer.append(contentsOf: best)
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
        case .bitSplit:
            try BitSplitVectorCodec.decode(&reader, count: count, into: output)
        case nil:
            throw reader.corrupt("unknown float vector kind \(kindByte)", at: kindOffset)
        }
    }
}
