/// Writes bit fields of up to 64 bits, least significant bit first.
@usableFromInline
struct BitWriter {
    @usableFromInline var writer: ByteWriter
    @usableFromInline var accumulator: UInt64 = 0
    @usableFromInline var filled = 0

    @inlinable
    init(capacity: Int) {
        writer = ByteWriter(capacity: capacity)
    }

    /// Appends the low `width` bits of `value` (0 ... 64); higher bits of `value` must be zero.
    @inlinable
    mutating func write(_ value: UInt64, width: Int) {
        guard width > 0 else { return }
        accumulator |= value &<< UInt64(filled)
        filled &+= width
        if filled >= 64 {
            writer.appendLittleEndian(accumulator)
            filled &-= 64
            accumulator = filled == 0 ? 0 : value &>> UInt64(width &- filled)
        }
    }

    /// Flushes the partial last byte and returns everything written.
    @inlinable
    mutating func finish() -> ByteWriter {
        var remainingBits = filled
        while remainingBits > 0 {
            writer.append(UInt8(truncatingIfNeeded: accumulator))
            accumulator >>= 8
            remainingBits -= 8
        }
        filled = 0
        accumulator = 0
        return writer
    }
}
