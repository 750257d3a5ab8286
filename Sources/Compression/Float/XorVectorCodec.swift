/// Gorilla's XOR coding of doubles (Pelkonen et al., "Gorilla: A Fast, Scalable, In-Memory Time Series
/// Database", PVLDB 8(12), 2015, section 4.1.2): each value is XORed with its predecessor; a zero XOR
/// costs one bit, otherwise the meaningful bits are written inside the previous leading/trailing-zero
/// window when they fit, or with a new window (5 bits leading zeros, 6 bits length).
///
/// The fallback for values that are not decimals: full-precision noise, ratios, raw sensor doubles.
/// Bit-exact for every bit pattern, NaN payloads included.
@usableFromInline
enum XorVectorCodec {
    @inlinable
    static func encode(_ values: UnsafeBufferPointer<Double>, into writer: inout ByteWriter) {
        guard let first = values.first else { return }
        var bits = BitWriter(capacityInBits: values.count * 32)
        var previous = first.bitPattern
        bits.write(previous & 0xFFFF_FFFF, width: 32)
        bits.write(previous >> 32, width: 32)
        var windowLeading = Int.max
        var windowTrailing = 0
        for index in 1..<values.count {
            let current = values[index].bitPattern
            let difference = current ^ previous
            previous = current
            if difference == 0 {
                bits.write(0, width: 1)
                continue
            }
            let leading = min(difference.leadingZeroBitCount, 31)
            let trailing = difference.trailingZeroBitCount
            if leading >= windowLeading && trailing >= windowTrailing {
                // Control bits "1" then "0", low bit first: 0b01.
                bits.write(0b01, width: 2)
                let width = 64 &- windowLeading &- windowTrailing
                writeWide(&bits, difference &>> UInt64(windowTrailing), width: width)
            } else {
                let width = 64 &- leading &- trailing
                // Control bits "1", "1"; 5 bits leading; 6 bits width (64 written as 0).
                bits.write(0b11 | UInt64(leading) << 2 | UInt64(width & 63) << 7, width: 13)
                writeWide(&bits, difference &>> UInt64(trailing), width: width)
                windowLeading = leading
                windowTrailing = trailing
            }
        }
        bits.finish(into: &writer)
    }

    /// The bits `encode` writes for `values`, computed without writing them.
    @inlinable
    static func encodedBitCount(_ values: UnsafeBufferPointer<Double>) -> Int {
        guard let first = values.first else { return 0 }
        var bits = 64
        var previous = first.bitPattern
        var windowLeading = Int.max
        var windowTrailing = 0
        for index in 1..<values.count {
            let current = values[index].bitPattern
            let difference = current ^ previous
            previous = current
            if difference == 0 {
                bits &+= 1
                continue
            }
            let leading = min(difference.leadingZeroBitCount, 31)
            let trailing = difference.trailingZeroBitCount
            if leading >= windowLeading && trailing >= windowTrailing {
                bits &+= 2 &+ 64 &- windowLeading &- windowTrailing
            } else {
                bits &+= 13 &+ 64 &- leading &- trailing
                windowLeading = leading
                windowTrailing = trailing
            }
        }
        return bits
    }

    @inline(__always)
    @inlinable
    static func writeWide(_ bits: inout BitWriter, _ value: UInt64, width: Int) {
        if width > 32 {
            bits.write(value & 0xFFFF_FFFF, width: 32)
            bits.write(value &>> 32, width: width &- 32)
        } else {
            bits.write(value, width: width)
        }
    }

    /// Decodes `count` values from the rest of `reader`'s buffer (the vector's end).
    @inlinable
    static func decode(
        _ reader: inout ByteReader,
        count: Int,
        into output: UnsafeMutablePointer<Double>
    ) throws(CompressionError) {
        guard count > 0 else { return }
        let start = reader.offset
        var bits = BitReader(reader.buffer, offset: start, context: "XOR float vector")
        var previous = try bits.read(32)
        previous |= try bits.read(32) &<< 32
        output[0] = Double(bitPattern: previous)
        var windowLeading = 0
        var windowTrailing = 0
        var hasWindow = false
        for index in 1..<count {
            if try bits.read(1) == 0 {
                output[index] = Double(bitPattern: previous)
                continue
            }
            if try bits.read(1) == 1 {
                let header = try bits.read(11)
                windowLeading = Int(header & 31)
                let width = Int(header >> 5) == 0 ? 64 : Int(header >> 5)
                guard windowLeading + width <= 64 else {
                    throw .corrupt(
                        context: "XOR float vector", offset: start,
                        reason: "window of \(windowLeading) leading zeros and \(width) bits at value \(index)")
                }
                windowTrailing = 64 - windowLeading - width
                hasWindow = true
            } else if !hasWindow {
                throw .corrupt(context: "XOR float vector", offset: start, reason: "value \(index) reuses a window before any was set")
            }
            let width = 64 &- windowLeading &- windowTrailing
            let meaningful = try bits.readWide(width)
            previous ^= meaningful &<< UInt64(windowTrailing)
            output[index] = Double(bitPattern: previous)
        }
        // Padding bits of the last byte are zero; anything beyond is not ours.
        let usedBytes = (bits.bitsConsumed(since: start) + 7) / 8
        reader.offset = start + usedBytes
    }
}
