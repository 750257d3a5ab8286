/// Patched frame of reference for up to `maximumCount` integers: a base (the block minimum, or zero when
/// that packs as narrow), a bit width,
/// the offsets from the base packed at that width, and patches for the few offsets that need more bits.
///
/// The width is the one that minimises the block's size, so one outlier (a gap between timestamps,
/// a spike) costs a patch instead of widening every value of the block. This is the PFOR idea of
/// Zukowski et al., "Super-Scalar RAM-CPU Cache Compression", ICDE 2006.
///
/// Layout: signed varint base; one byte `width | 0x80 if patched`; if patched, one byte patch count;
/// the packed low bits; then per patch one byte index and a varint of the offset's high bits.
@usableFromInline
enum FrameOfReferenceBlock {
    @usableFromInline static let maximumCount = 128

    /// Encodes `values` (at most `maximumCount`) using `scratch` (room for as many `UInt64`).
    @inlinable
    static func encode(
        _ values: UnsafeBufferPointer<Int64>,
        scratch: UnsafeMutablePointer<UInt64>,
        into writer: inout ByteWriter
    ) {
        let count = values.count
        guard count > 0 else { return }
        let base = base(of: values)
        let (maximumWidth, bestWidth, _) = withUnsafeTemporaryAllocation(of: Int.self, capacity: 65) { widthHistogram in
            widthHistogram.initialize(repeating: 0)
            for index in 0..<count {
                let offset = UInt64(bitPattern: values[index] &- base)
                scratch[index] = offset
                widthHistogram[64 &- offset.leadingZeroBitCount] &+= 1
            }
            return chooseWidth(widthHistogram, count: count)
        }

        writer.appendSignedVarint(base)
        let mask = BitPacking.mask(width: bestWidth)
        var patchCount = 0
        if bestWidth < maximumWidth {
            for index in 0..<count where scratch[index] > mask { patchCount += 1 }
        }
        writer.append(UInt8(bestWidth) | (patchCount > 0 ? 0x80 : 0))
        guard patchCount > 0 else {
            BitPacking.pack(UnsafeBufferPointer(start: scratch, count: count), width: bestWidth, into: &writer)
            return
        }
        writer.append(UInt8(patchCount))
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count) { low in
            for index in 0..<count { low[index] = scratch[index] & mask }
            BitPacking.pack(UnsafeBufferPointer(low), width: bestWidth, into: &writer)
        }
        for index in 0..<count where scratch[index] > mask {
            writer.append(UInt8(index))
            writer.appendVarint(scratch[index] &>> UInt64(bestWidth))
        }
    }

    /// The block minimum, or zero when that codes smaller: a zero base costs one byte instead of up to
    /// nine, which matters for incompressible wide columns (a mantissa's low bits would pay 64 bits of
    /// base per block, half a bit per value). Both are costed only when the maximum needs no more bits
    /// than the range, the only case where zero can win.
    @inlinable
    static func base(of values: UnsafeBufferPointer<Int64>) -> Int64 {
        var minimum = values[0]
        var maximum = values[0]
        for value in values {
            minimum = min(minimum, value)
            maximum = max(maximum, value)
        }
        let rangeWidth = 64 - UInt64(bitPattern: maximum &- minimum).leadingZeroBitCount
        guard minimum > 0, 64 - maximum.leadingZeroBitCount == rangeWidth else { return minimum }
        return encodedBits(values, base: 0) < encodedBits(values, base: minimum) ? 0 : minimum
    }

    /// The widest offset, and the width that minimises packed bits plus patches.
    @inlinable
    static func chooseWidth(_ widthHistogram: UnsafeMutableBufferPointer<Int>, count: Int) -> (maximum: Int, best: Int, bits: Int) {
        var maximumWidth = 64
        while maximumWidth > 0 && widthHistogram[maximumWidth] == 0 { maximumWidth -= 1 }
        var bestWidth = maximumWidth
        var bestCost = count * maximumWidth
        var patches = 0
        var candidate = maximumWidth - 1
        while candidate >= 0 {
            patches += widthHistogram[candidate + 1]
            if patches > 255 || patches * 4 > count { break }
            let patchBits = 8 + 8 * ((maximumWidth - candidate + 6) / 7)
            let cost = count * candidate + 8 + patches * patchBits
            if cost < bestCost {
                bestCost = cost
                bestWidth = candidate
            }
            candidate -= 1
        }
        return (maximumWidth, bestWidth, bestCost)
    }

    /// Unpacks `count` offsets of `width` bits at `packedStart` and adds `base`, in one pass.
    @inlinable
    static func unpackOffsets(
        _ buffer: UnsafeRawBufferPointer,
        at packedStart: Int,
        count: Int,
        width: Int,
        base: Int64,
        into output: UnsafeMutablePointer<Int64>
    ) {
        guard width > 0, let raw = buffer.baseAddress else {
            output.update(repeating: base, count: count)
            return
        }
        let unsignedBase = UInt64(bitPattern: base)
        let mask = BitPacking.mask(width: width)
        // Value i is read with one 8-byte load while packedStart + (i * width) / 8 + 8 <= buffer.count.
        var fastCount = 0
        let lastLoadByte = buffer.count - 8 - packedStart
        if width <= 56 && lastLoadByte >= 0 {
            fastCount = min(count, (8 * (lastLoadByte + 1) + width - 1) / width)
        }
        let packed = raw + packedStart
        for index in 0..<fastCount {
            let bit = index &* width
            let word = UInt64(littleEndian: (packed + (bit &>> 3)).loadUnaligned(as: UInt64.self))
            output[index] = Int64(bitPattern: ((word &>> UInt64(bit & 7)) & mask) &+ unsignedBase)
        }
        for index in fastCount..<count {
            let offset = BitPacking.readBits(buffer, bitOffset: packedStart &* 8 &+ index &* width, width: width)
            output[index] = Int64(bitPattern: offset &+ unsignedBase)
        }
    }

    /// Bits `encode` would write for `values`, headers included, without writing them.
    @inlinable
    static func encodedBits(_ values: UnsafeBufferPointer<Int64>) -> Int {
        guard !values.isEmpty else { return 0 }
        return encodedBits(values, base: base(of: values))
    }

    /// Bits of `values` coded against `base` (at most their minimum), headers included.
    @inlinable
    static func encodedBits(_ values: UnsafeBufferPointer<Int64>, base: Int64) -> Int {
        let packedBits = withUnsafeTemporaryAllocation(of: Int.self, capacity: 65) { widthHistogram in
            widthHistogram.initialize(repeating: 0)
            for value in values {
                widthHistogram[64 &- UInt64(bitPattern: value &- base).leadingZeroBitCount] &+= 1
            }
            return chooseWidth(widthHistogram, count: values.count).bits
        }
        return packedBits + 8 * varintLength(ZigZag.encode(base)) + 8
    }

    /// Decodes `count` values (at most `maximumCount`) written by `encode`.
    @inlinable
    static func decode(
        _ reader: inout ByteReader,
        count: Int,
        into output: UnsafeMutablePointer<Int64>
    ) throws(CompressionError) {
        guard count > 0 else { return }
        let base = try reader.readSignedVarint()
        let headerOffset = reader.offset
        let header = try reader.readByte()
        let width = Int(header & 0x7F)
        guard width <= 64 else { throw reader.corrupt("bit width \(width) exceeds 64", at: headerOffset) }
        var patchCount = 0
        if header & 0x80 != 0 {
            let countOffset = reader.offset
            patchCount = Int(try reader.readByte())
            guard patchCount >= 1, patchCount <= count, width < 64 else {
                throw reader.corrupt("\(patchCount) patches in a block of \(count) values at width \(width)", at: countOffset)
            }
        }
        let packedStart = try reader.skip(BitPacking.byteCount(count: count, width: width))
        unpackOffsets(reader.buffer, at: packedStart, count: count, width: width, base: base, into: output)
        for _ in 0..<patchCount {
            let indexOffset = reader.offset
            let index = Int(try reader.readByte())
            guard index < count else {
                throw reader.corrupt("patch index \(index) outside a block of \(count) values", at: indexOffset)
            }
            let high = try reader.readVarint()
            output[index] = output[index] &+ Int64(bitPattern: high &<< UInt64(width))
        }
    }
}
