/// Codes full-precision doubles by splitting their bits: the sign, the exponent and the top two
/// mantissa bits (14 bits) as one integer column, the low 50 mantissa bits as another.
///
/// For noise in every mantissa bit (vibration RMS, ratios of measurements) the low bits are
/// incompressible, but the high column takes few values with a skewed distribution (a bell-shaped or
/// log-normal signal fills the top mantissa bits unevenly), which the integer codec entropy-codes: the
/// vector costs about 50 bits plus two or three per value. Gorilla's XOR coding spends more there: each
/// change of exponent restarts its leading-zero window. The same observation drives ALP's "real doubles"
/// scheme (ALP_rd, SIGMOD 2024).
///
/// Layout: the high parts as an `IntegerVectorCodec` vector, then the low parts as another.
@usableFromInline
enum BitSplitVectorCodec {
    /// Mantissa bits in the low column; the two above them go with the exponent, where they are entropy-coded.
    @usableFromInline static let mantissaBits: UInt64 = 50

    @inlinable
    static func encode(_ values: UnsafeBufferPointer<Double>, into writer: inout ByteWriter) {
        let count = values.count
        guard count > 0 else { return }
        withUnsafeTemporaryAllocation(of: Int64.self, capacity: count) { column in
            for index in 0..<count { column[index] = Int64(bitPattern: values[index].bitPattern &>> mantissaBits) }
            IntegerVectorCodec.encode(UnsafeBufferPointer(column), into: &writer)
            let mask = (UInt64(1) &<< mantissaBits) &- 1
            for index in 0..<count { column[index] = Int64(bitPattern: values[index].bitPattern & mask) }
            IntegerVectorCodec.encode(UnsafeBufferPointer(column), into: &writer)
        }
    }

    @inlinable
    static func decode(
        _ reader: inout ByteReader,
        count: Int,
        into output: UnsafeMutablePointer<Double>
    ) throws(CompressionError) {
        guard count > 0 else { return }
        try withUnsafeTemporaryAllocation(of: Int64.self, capacity: count * 2) { columns throws(CompressionError) in
            guard let high = columns.baseAddress else { return }
            let low = high + count
            try IntegerVectorCodec.decode(&reader, count: count, into: high)
            try IntegerVectorCodec.decode(&reader, count: count, into: low)
            for index in 0..<count {
                let bits = (UInt64(bitPattern: high[index]) &<< mantissaBits) | UInt64(bitPattern: low[index])
                output[index] = Double(bitPattern: bits)
            }
        }
    }
}
