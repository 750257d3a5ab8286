/// Codes a vector of integers as frame-of-reference blocks, either of the values themselves or of
/// their successive differences, whichever the data favours.
///
/// Differences win on smooth signals and counters (a counter that steps by one costs zero bits per value);
/// plain values win on noise around a level and on state codes. Differences that share a common factor
/// (a counter stepping by 10, an ADC whose readings move in whole quantisation steps) are divided by it.
///
/// Either form is then coded as `FrameOfReferenceBlock`s or, when smaller, as `EntropyCodedIntegers`
/// (values as offsets from their minimum, differences zig-zag coded): clustered integers such as the
/// steps of a random walk cost their entropy there instead of a whole bit width.
///
/// Layout: one mode byte (0 = values, 1 = differences, 2 = scaled differences, plus 0x10 when entropy
/// coded); for differences the first value as a signed varint, and for scaled differences then the
/// varint factor; then `FrameOfReferenceBlock`s of up to 128 values (the differences: count - 1 of
/// them), or the `EntropyCodedIntegers`.
@usableFromInline
enum IntegerVectorCodec {
    @usableFromInline static let valuesMode: UInt8 = 0
    @usableFromInline static let differencesMode: UInt8 = 1
    @usableFromInline static let scaledDifferencesMode: UInt8 = 2
    /// Added to the mode when the values or differences are `EntropyCodedIntegers` instead of blocks.
    @usableFromInline static let entropyCodedFlag: UInt8 = 0x10

    @inlinable
    static func encode(_ values: UnsafeBufferPointer<Int64>, into writer: inout ByteWriter) {
        let count = values.count
        guard count > 0 else { return }
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: FrameOfReferenceBlock.maximumCount) { scratch in
            withUnsafeTemporaryAllocation(of: Int64.self, capacity: count) { differenceStorage in
                guard let scratchBase = scratch.baseAddress, let differenceBase = differenceStorage.baseAddress else { return }
                let differences = UnsafeMutableBufferPointer(start: differenceBase, count: count - 1)
                var factor: UInt64 = 0
                for index in 1..<count {
                    let difference = values[index] &- values[index - 1]
                    differences[index - 1] = difference
                    if factor != 1 { factor = greatestCommonDivisor(keeping: factor, with: difference.magnitude) }
                }
                let scale = factor > 1 && factor <= UInt64(Int64.max) ? Int64(factor) : 1
                if scale > 1 {
                    for index in differences.indices {
                        let magnitude = differences[index].magnitude
                        let quotient = Int64(exactQuotient(magnitude, dividedBy: factor) ?? magnitude / factor)
                        differences[index] = differences[index] < 0 ? -quotient : quotient
                    }
                }
                let differenceHeaderBits =
                    count > 1
                    ? 8 * varintLength(ZigZag.encode(values[0])) + (scale > 1 ? 8 * varintLength(factor) : 0)
                    : 0
                let differenceMode = scale > 1 ? scaledDifferencesMode : differencesMode
                let valueBits = estimatedBits(values)
                let differenceBits = count > 1 ? estimatedBits(UnsafeBufferPointer(differences)) + differenceHeaderBits : Int.max
                let blockBits = min(valueBits, differenceBits)
                // Both forms are planned even when one's blocks are much larger: a low outlier widens every
                // offset from a block's minimum, while entropy coding makes it one escape.
                if encodeEntropyCoded(
                    values,
                    differences: count > 1 ? UnsafeBufferPointer(differences) : nil,
                    differenceMode: differenceMode, factor: factor, firstValue: values[0],
                    differenceHeaderBits: differenceHeaderBits, smallerThan: blockBits, into: &writer
                ) {
                    return
                }
                if valueBits <= differenceBits {
                    writer.append(valuesMode)
                    encodeBlocks(values, scratch: scratchBase, into: &writer)
                    return
                }
                writer.append(differenceMode)
                writer.appendSignedVarint(values[0])
                if scale > 1 { writer.appendVarint(factor) }
                encodeBlocks(UnsafeBufferPointer(differences), scratch: scratchBase, into: &writer)
            }
        }
    }

    /// Writes the vector entropy-coded (its values, or its differences zig-zag coded; nil: not tried)
    /// if that takes fewer than `blockBits`, the size of the frame-of-reference form; otherwise writes nothing.
    @inlinable
    static func encodeEntropyCoded(
        _ values: UnsafeBufferPointer<Int64>?,
        differences: UnsafeBufferPointer<Int64>?,
        differenceMode: UInt8,
        factor: UInt64,
        firstValue: Int64,
        differenceHeaderBits: Int,
        smallerThan blockBits: Int,
        into writer: inout ByteWriter
    ) -> Bool {
        let valuePlan = values.flatMap { EntropyCodedIntegers.plan($0, zigZag: false) }
        var differencePlan = differences.flatMap { EntropyCodedIntegers.plan($0, zigZag: true) }
        differencePlan?.estimatedBits += differenceHeaderBits
        let useDifferences = (differencePlan?.estimatedBits ?? Int.max) < (valuePlan?.estimatedBits ?? Int.max)
        guard let plan = useDifferences ? differencePlan : valuePlan, plan.estimatedBits < blockBits else { return false }
        var entropyCoded = ByteWriter(capacity: blockBits / 8 + 16)
        if useDifferences, let differences {
            entropyCoded.append(differenceMode | entropyCodedFlag)
            entropyCoded.appendSignedVarint(firstValue)
            if differenceMode == scaledDifferencesMode { entropyCoded.appendVarint(factor) }
            guard EntropyCodedIntegers.encode(differences, zigZag: true, plan: plan, into: &entropyCoded) else { return false }
        } else if let values {
            entropyCoded.append(valuesMode | entropyCodedFlag)
            guard EntropyCodedIntegers.encode(values, zigZag: false, plan: plan, into: &entropyCoded) else { return false }
        } else {
            return false
        }
        // The mode byte is not part of blockBits.
        guard (entropyCoded.count - 1) * 8 < blockBits else { return false }
        writer.append(contentsOf: entropyCoded.bytes)
        return true
    }

    @inlinable
    static func encodeBlocks(
        _ values: UnsafeBufferPointer<Int64>,
        scratch: UnsafeMutablePointer<UInt64>,
        into writer: inout ByteWriter
    ) {
        var start = 0
        while start < values.count {
            let end = min(start + FrameOfReferenceBlock.maximumCount, values.count)
            FrameOfReferenceBlock.encode(UnsafeBufferPointer(rebasing: values[start..<end]), scratch: scratch, into: &writer)
            start = end
        }
    }

    @inlinable
    static func decode(
        _ reader: inout ByteReader,
        count: Int,
        into output: UnsafeMutablePointer<Int64>
    ) throws(CompressionError) {
        guard count > 0 else { return }
        let modeOffset = reader.offset
        let mode = try reader.readByte()
        let entropyCoded = mode & entropyCodedFlag != 0
        switch mode & ~entropyCodedFlag {
        case valuesMode:
            if entropyCoded {
                try EntropyCodedIntegers.decode(&reader, count: count, zigZag: false, into: output)
            } else {
                try decodeBlocks(&reader, count: count, into: output)
            }
        case differencesMode, scaledDifferencesMode:
            output[0] = try reader.readSignedVarint()
            let factor = Int64(bitPattern: mode & ~entropyCodedFlag == scaledDifferencesMode ? try reader.readVarint() : 1)
            if entropyCoded {
                try EntropyCodedIntegers.decode(&reader, count: count - 1, zigZag: true, into: output + 1)
            } else {
                try decodeBlocks(&reader, count: count - 1, into: output + 1)
            }
            var previous = output[0]
            if factor == 1 {
                for index in 1..<count {
                    previous = previous &+ output[index]
                    output[index] = previous
                }
            } else {
                for index in 1..<count {
                    previous = previous &+ output[index] &* factor
                    output[index] = previous
                }
            }
        default:
            throw reader.corrupt("unknown integer vector mode \(mode)", at: modeOffset)
        }
    }

    @inlinable
    static func decodeBlocks(
        _ reader: inout ByteReader,
        count: Int,
        into output: UnsafeMutablePointer<Int64>
    ) throws(CompressionError) {
        var start = 0
        while start < count {
            let blockCount = min(FrameOfReferenceBlock.maximumCount, count - start)
            try FrameOfReferenceBlock.decode(&reader, count: blockCount, into: output + start)
            start += blockCount
        }
    }

    /// Bits the blocks of `values` take, patches and headers included.
    @inlinable
    static func estimatedBits(_ values: UnsafeBufferPointer<Int64>) -> Int {
        var bits = 0
        var start = 0
        while start < values.count {
            let end = min(start + FrameOfReferenceBlock.maximumCount, values.count)
            bits += FrameOfReferenceBlock.encodedBits(UnsafeBufferPointer(rebasing: values[start..<end]))
            start = end
        }
        return bits
    }
}
