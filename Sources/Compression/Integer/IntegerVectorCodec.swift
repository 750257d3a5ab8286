/// Codes a vector of integers as frame-of-reference blocks, either of the values themselves or of
/// their successive differences, whichever the data favours.
///
/// Differences win on smooth signals and counters (a counter that steps by one costs zero bits per value);
/// plain values win on noise around a level and on state codes.
///
/// Layout: one mode byte (0 = values, 1 = differences); for differences the first value as a signed
/// varint; then `FrameOfReferenceBlock`s of up to 128 values (the differences: count - 1 of them).
@usableFromInline
enum IntegerVectorCodec {
    @usableFromInline static let valuesMode: UInt8 = 0
    @usableFromInline static let differencesMode: UInt8 = 1

    @inlinable
    static func encode(_ values: UnsafeBufferPointer<Int64>, into writer: inout ByteWriter) {
        let count = values.count
        guard count > 0 else { return }
        let useDifferences = count > 1 && estimatedDifferenceBits(values) < estimatedValueBits(values)
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: FrameOfReferenceBlock.maximumCount) { scratch in
            guard let scratchBase = scratch.baseAddress else { return }
            if !useDifferences {
                writer.append(valuesMode)
                encodeBlocks(values, scratch: scratchBase, into: &writer)
                return
            }
            writer.append(differencesMode)
            writer.appendSignedVarint(values[0])
            withUnsafeTemporaryAllocation(of: Int64.self, capacity: count - 1) { differences in
                for index in 1..<count {
                    differences[index - 1] = values[index] &- values[index - 1]
                }
                encodeBlocks(UnsafeBufferPointer(differences), scratch: scratchBase, into: &writer)
            }
        }
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
        switch mode {
        case valuesMode:
            try decodeBlocks(&reader, count: count, into: output)
        case differencesMode:
            output[0] = try reader.readSignedVarint()
            try decodeBlocks(&reader, count: count - 1, into: output + 1)
            var previous = output[0]
            for index in 1..<count {
                previous = previous &+ output[index]
                output[index] = previous
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

    /// Bits the value blocks would need without patches: a quick, monotone proxy for their size.
    @inlinable
    static func estimatedValueBits(_ values: UnsafeBufferPointer<Int64>) -> Int {
        var bits = 0
        var start = 0
        while start < values.count {
            let end = min(start + FrameOfReferenceBlock.maximumCount, values.count)
            var low = values[start]
            var high = low
            for index in start..<end {
                low = min(low, values[index])
                high = max(high, values[index])
            }
            bits += (end - start) * (64 - UInt64(bitPattern: high &- low).leadingZeroBitCount) + 8 * varintLength(ZigZag.encode(low))
            start = end
        }
        return bits
    }

    @inlinable
    static func estimatedDifferenceBits(_ values: UnsafeBufferPointer<Int64>) -> Int {
        var bits = 8 * varintLength(ZigZag.encode(values[0]))
        var start = 1
        while start < values.count {
            let end = min(start + FrameOfReferenceBlock.maximumCount, values.count)
            var low = values[start] &- values[start - 1]
            var high = low
            for index in start..<end {
                let difference = values[index] &- values[index - 1]
                low = min(low, difference)
                high = max(high, difference)
            }
            bits += (end - start) * (64 - UInt64(bitPattern: high &- low).leadingZeroBitCount) + 8 * varintLength(ZigZag.encode(low))
            start = end
        }
        return bits
    }
}
