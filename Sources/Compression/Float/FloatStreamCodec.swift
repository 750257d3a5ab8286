/// The vector codec of float streams: decimal coding when the vector's values are decimals; otherwise
/// Gorilla XOR coding or the exponent/mantissa split, whichever is smaller. The choice is made per
/// vector and recorded in its first byte.
@usableFromInline
enum FloatStreamCodec: VectorCodec {
    @usableFromInline typealias Element = Double
    @usableFromInline static let formatTag: UInt8 = 0x46 // "F"
    @usableFromInline static let name = "float stream"

    /// The coding of one vector, as recorded in its first byte.
    @usableFromInline
    enum VectorKind: UInt8 {
        case decimal = 0
        case xor = 1
        case bitSplit = 2
        case dictionary = 3
    }

    /// Above this many bits per value the decimal coding is compared against XOR coding.
    @usableFromInline static let decimalComparisonThreshold = 24
    /// Above this many bits per value of XOR coding the exponent/mantissa split is tried too: the split
    /// costs about 52 mantissa bits plus the exponent's, so below this it cannot win.
    @usableFromInline static let splitComparisonThreshold = 50

    /// Above this many bits per value a dictionary coding is tried as well.
    @usableFromInline static let dictionaryComparisonThreshold = 4

    @inlinable
    static func encodeVector(_ values: UnsafeBufferPointer<Double>, into writer: inout ByteWriter) {
        var best = ByteWriter(capacity: values.count * 2 + 16)
        encodeWithoutDictionary(values, into: &best)
        if values.count > 1 && best.count * 8 > values.count * dictionaryComparisonThreshold {
            var dictionary = ByteWriter(capacity: values.count + 64)
            dictionary.append(VectorKind.dictionary.rawValue)
            if DictionaryVectorCodec.encode(values, into: &dictionary) && dictionary.count < best.count {
                best = dictionary
            }
        }
        writer.append(contentsOf: best.bytes)
    }

    /// Encodes one vector with every coding but the dictionary: a dictionary's own entries use this,
    /// so that no coding calls itself (recursion would also keep the optimiser from specialising).
    @inlinable
    static func encodeWithoutDictionary(_ values: UnsafeBufferPointer<Double>, into writer: inout ByteWriter) {
        var decimal = ByteWriter(capacity: values.count * 2 + 16)
        decimal.append(VectorKind.decimal.rawValue)
        let isDecimal = DecimalVectorCodec.encode(values, into: &decimal)
        if isDecimal && decimal.count * 8 <= values.count * decimalComparisonThreshold {
            writer.append(contentsOf: decimal.bytes)
            return
        }
        // XOR's size is cheap to compute exactly; the split pays only for noise in most mantissa bits.
        let xorBytes = 1 + (XorVectorCodec.encodedBitCount(values) + 7) / 8
        if isDecimal && decimal.count <= xorBytes {
            writer.append(contentsOf: decimal.bytes)
            return
        }
        if xorBytes * 8 > values.count * splitComparisonThreshold {
            var split = ByteWriter(capacity: values.count * 8 + 16)
            split.append(VectorKind.bitSplit.rawValue)
            BitSplitVectorCodec.encode(values, into: &split)
            if split.count < xorBytes && !(isDecimal && decimal.count <= split.count) {
                writer.append(contentsOf: split.bytes)
                return
            }
            if isDecimal && decimal.count <= split.count {
                writer.append(contentsOf: decimal.bytes)
                return
            }
        }
        writer.append(VectorKind.xor.rawValue)
        XorVectorCodec.encode(values, into: &writer)
    }

    @inlinable
    static func decodeVector(
        _ reader: inout ByteReader,
        count: Int,
        into output: UnsafeMutablePointer<Double>
    ) throws(CompressionError) {
        guard count > 0 else { return }
        if reader.offset < reader.buffer.count && reader.buffer[reader.offset] == VectorKind.dictionary.rawValue {
            reader.offset += 1
            try DictionaryVectorCodec.decode(&reader, count: count, into: output)
            return
        }
        try decodeWithoutDictionary(&reader, count: count, into: output)
    }

    /// Decodes a vector of any coding but the dictionary; a dictionary here is corrupt input.
    @inlinable
    static func decodeWithoutDictionary(
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
        case .dictionary:
            throw reader.corrupt("a dictionary inside a dictionary", at: kindOffset)
        case nil:
            throw reader.corrupt("unknown float vector kind \(kindByte)", at: kindOffset)
        }
    }
}
