/// Reads bit fields written by `BitWriter`; throws instead of reading past its buffer.
@usableFromInline
struct BitReader {
    @usableFromInline let buffer: UnsafeRawBufferPointer
    @usableFromInline var nextByte: Int
    @usableFromInline var bits: UInt64 = 0
    @usableFromInline var bitCount = 0
    @usableFromInline let context: String

    @inlinable
    init(_ buffer: UnsafeRawBufferPointer, offset: Int, context: String) {
        self.buffer = buffer
        self.nextByte = offset
        self.context = context
    }

    /// Tops the bit buffer up to at least 56 bits where the input allows.
    @inlinable
    mutating func refill() {
        if nextByte &+ 8 <= buffer.count {
            let word = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: nextByte, as: UInt64.self))
            bits |= word &<< UInt64(bitCount)
            nextByte &+= (63 &- bitCount) >> 3
            bitCount |= 56
            bits &= BitPacking.mask(width: bitCount)
        } else {
            while bitCount <= 56 && nextByte < buffer.count {
                bits |= UInt64(buffer[nextByte]) &<< UInt64(bitCount)
                bitCount &+= 8
                nextByte &+= 1
            }
        }
    }

    /// Reads `width` bits, 0 ... 56.
    @inlinable
    mutating func read(_ width: Int) throws(CompressionError) -> UInt64 {
        if bitCount < width {
            refill()
            guard bitCount >= width else { throw .truncated(context: context, offset: buffer.count) }
        }
        let value = bits & BitPacking.mask(width: width)
        bits = width >= 64 ? 0 : bits &>> UInt64(width)
        bitCount &-= width
        return value
    }

    /// Reads `width` bits, 0 ... 64.
    @inlinable
    mutating func readWide(_ width: Int) throws(CompressionError) -> UInt64 {
        guard width > 32 else { return try read(width) }
        let low = try read(32)
        let high = try read(width &- 32)
        return low | (high &<< 32)
    }

    /// Bits read so far, counted from `start`.
    @inlinable
    func bitsConsumed(since start: Int) -> Int {
        (nextByte &- start) &* 8 &- bitCount
    }
}
