/// How the vectors of a float stream were coded: which codec the encoder chose, per vector.
public struct FloatCodingSummary: Sendable, Equatable {
    /// Vectors coded as decimals without a digit split.
    public var decimalVectors = 0
    /// Vectors coded as decimals split into a high and a low part.
    public var splitDecimalVectors = 0
    /// Vectors coded with Gorilla XOR.
    public var xorVectors = 0
    /// Vectors coded as separate exponent and mantissa columns.
    public var bitSplitVectors = 0
    /// Vectors coded as a dictionary of distinct values and indices.
    public var dictionaryVectors = 0
    /// Values kept as exceptions inside decimal vectors.
    public var exceptions = 0

    public init() {}

    /// A short label: the dominant coding, e.g. `decimal`, `decimal-split`, `xor`, or a mix.
    public var label: String {
        let parts = [
            ("decimal", decimalVectors), ("decimal-split", splitDecimalVectors), ("xor", xorVectors), ("bit-split", bitSplitVectors),
            ("dictionary", dictionaryVectors),
        ]
        .filter { $0.1 > 0 }
        guard parts.count > 1 else { return parts.first?.0 ?? "empty" }
        let total = parts.reduce(0) { $0 + $1.1 }
        return parts.map { "\($0.0) \(100 * $0.1 / total)%" }.joined(separator: ", ")
    }
}

extension FloatDecoder {
    /// Reads the vector headers only and reports the codec chosen for each.
    /// - Throws: `CompressionError` on corrupt or truncated input.
    public func codingSummary() throws(CompressionError) -> FloatCodingSummary {
        var summary = FloatCodingSummary()
        try stream.bytes.withCheckedBytes { buffer throws(CompressionError) in
            var reader = ByteReader(buffer, offset: stream.firstVectorOffset, context: FloatStreamCodec.name)
            var remaining = stream.count
            while remaining > 0 {
                let length = try reader.readByteCount(what: "vector length")
                var vector = ByteReader(
                    UnsafeRawBufferPointer(rebasing: buffer[0..<(reader.offset + length)]), offset: reader.offset, context: FloatStreamCodec.name)
                switch FloatStreamCodec.VectorKind(rawValue: try vector.readByte()) {
                case .decimal:
                    _ = try vector.readByte()
                    let split = try vector.readByte()
                    summary.exceptions += Int(try vector.readVarint())
                    if split > 0 { summary.splitDecimalVectors += 1 } else { summary.decimalVectors += 1 }
                case .xor:
                    summary.xorVectors += 1
                case .bitSplit:
                    summary.bitSplitVectors += 1
                case .dictionary:
                    summary.dictionaryVectors += 1
                case nil:
                    throw vector.corrupt("unknown float vector kind")
                }
                _ = try reader.skip(length)
                remaining -= min(remaining, vectorCapacity)
            }
        }
        return summary
    }
}
