/// Writes bit fields of up to 64 bits, least significant bit first.
///
/// Full 64-bit words collect in a word array and reach the byte writer in one copy at the end:
/// appending eight bytes at a time to a byte array costs more than the coding itself.
@usableFromInline
struct BitWriter {
    @usableFromInline var words: [UInt64]
    @usableFromInline var accumulator: UInt64 = 0
    @usableFromInline var filled = 0

    @inlinable
    init(capacityInBits: Int) {
        words = []
        words.reserveCapacity(capacityInBits / 64 + 1)
    }

    /// Appends the low `width` bits of `value` (0 ... 64); higher bits of `value` must be zero.
    @inlinable
    mutating func write(_ value: UInt64, width: Int) {
        guard width > 0 else { return }
        accumulator |= value &<< UInt64(filled)
        filled &+= width
        if filled >= 64 {
            words.append(accumulator.littleEndian)
            filled &-= 64
            accumulator = filled == 0 ? 0 : value &>> UInt64(width &- filled)
        }
    }

    /// Appends everything written, the partial last byte zero-padded, to `writer`.
    @inlinable
    func finish(into writer: inout ByteWriter) {
        words.withUnsafeBytes { writer.bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: accumulator.littleEndian) { tail in
            writer.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: tail[0..<((filled + 7) / 8)]))
        }
    }
}
