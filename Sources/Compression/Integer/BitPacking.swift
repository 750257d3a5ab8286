/// Packs unsigned integers of a fixed bit width back to back, little-endian bit order.
///
/// `count` values of `width` bits take `byteCount(count:width:)` bytes; the last byte is zero-padded.
@usableFromInline
enum BitPacking {
    @inlinable
    static func byteCount(count: Int, width: Int) -> Int {
        (count &* width &+ 7) >> 3
    }

    @inlinable
    static func mask(width: Int) -> UInt64 {
        width >= 64 ? UInt64.max : (UInt64(1) &<< UInt64(width)) &- 1
    }

    /// Appends the low `width` bits of each value. Bits above `width` must be zero.
    ///
    /// The words are assembled in a temporary buffer (on the stack for a block of 128) and reach the
    /// writer in one copy: this runs once per block, so it must not allocate.
    @inlinable
    static func pack(_ values: UnsafeBufferPointer<UInt64>, width: Int, into writer: inout ByteWriter) {
        guard width > 0 else { return }
        let byteCount = byteCount(count: values.count, width: width)
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: byteCount / 8 + 1) { words in
            var accumulator: UInt64 = 0
            var filled = 0
            var wordIndex = 0
            for value in values {
                accumulator |= value &<< UInt64(filled)
                filled &+= width
                if filled >= 64 {
                    words[wordIndex] = accumulator.littleEndian
                    wordIndex &+= 1
                    filled &-= 64
                    // The bits of `value` that did not fit in the stored word.
                    accumulator = filled == 0 ? 0 : value &>> UInt64(width &- filled)
                }
            }
            words[wordIndex] = accumulator.littleEndian
            writer.bytes.append(contentsOf: UnsafeRawBufferPointer(start: words.baseAddress, count: byteCount))
        }
    }

    /// Reads `count` values of `width` bits starting at `byteOffset`.
    ///
    /// The caller has checked that `byteOffset + byteCount(count:width:) <= buffer.count`.
    @inlinable
    static func unpack(
        _ buffer: UnsafeRawBufferPointer,
        at byteOffset: Int,
        count: Int,
        width: Int,
        into output: UnsafeMutablePointer<UInt64>
    ) {
        guard width > 0 else {
            output.update(repeating: 0, count: count)
            return
        }
        let mask = mask(width: width)
        var index = 0
        if width <= 56 {
            // Values whose 8-byte window lies inside the buffer load with one unaligned read.
            let lastFastByte = buffer.count &- 8
            while index < count {
                let bitPosition = index &* width
                let byte = byteOffset &+ (bitPosition >> 3)
                if byte > lastFastByte { break }
                let word = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: byte, as: UInt64.self))
                output[index] = (word &>> UInt64(bitPosition & 7)) & mask
                index &+= 1
            }
        }
        while index < count {
            output[index] = readBits(buffer, bitOffset: byteOffset &* 8 &+ index &* width, width: width)
            index &+= 1
        }
    }

    /// Reads `width` bits at an absolute bit offset, one byte at a time; never reads past the buffer.
    @inlinable
    static func readBits(_ buffer: UnsafeRawBufferPointer, bitOffset: Int, width: Int) -> UInt64 {
        var result: UInt64 = 0
        var produced = 0
        var byte = bitOffset >> 3
        var shift = bitOffset & 7
        while produced < width && byte < buffer.count {
            let available = 8 &- shift
            let bits = UInt64(buffer[byte]) &>> UInt64(shift)
            result |= bits &<< UInt64(produced)
            produced &+= available
            byte &+= 1
            shift = 0
        }
        return result & mask(width: width)
    }
}
