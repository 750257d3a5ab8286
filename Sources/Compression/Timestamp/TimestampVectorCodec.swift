/// Timestamps as scaled differences against a per-block reference interval.
///
/// Gorilla (Pelkonen et al., PVLDB 8(12), 2015, section 4.1.1) codes the delta of deltas with a few
/// fixed bucket sizes. Real acquisition jitters: a 1 s poll with +-2 ms jitter gives deltas of
/// 998..1002 ms and delta-of-deltas twice as wide, which fall into Gorilla's 9- to 16-bit buckets at
/// nanosecond resolution. Here instead the differences are first divided by their greatest common
/// divisor (the acquisition's true resolution, e.g. 1 ms), then each block of 128 is coded relative to
/// its smallest difference (the block's reference interval) with just the bits the jitter needs, and
/// gaps become patches. A regular series costs about zero bits per timestamp; +-2 ms at 1 ms resolution
/// costs 3 bits.
///
/// Layout: signed varint first timestamp; if more follow, varint scale (0 when all are equal), then
/// the scaled differences as an `IntegerVectorCodec` vector.
@usableFromInline
enum TimestampVectorCodec: VectorCodec {
    @usableFromInline typealias Element = Int64
    @usableFromInline static let formatTag: UInt8 = 0x54 // "T"
    @usableFromInline static let name = "timestamp stream"

    @inlinable
    static func encodeVector(_ values: UnsafeBufferPointer<Int64>, into writer: inout ByteWriter) {
        guard let first = values.first else { return }
        writer.appendSignedVarint(first)
        guard values.count > 1 else { return }
        var scale: UInt64 = 0
        for index in 1..<values.count {
            scale = greatestCommonDivisor(keeping: scale, with: UInt64(bitPattern: values[index] &- values[index - 1]))
        }
        writer.appendVarint(scale)
        guard scale > 0 else { return }
        withUnsafeTemporaryAllocation(of: Int64.self, capacity: values.count - 1) { differences in
            for index in 1..<values.count {
                let difference = UInt64(bitPattern: values[index] &- values[index - 1])
                differences[index - 1] = Int64(bitPattern: exactQuotient(difference, dividedBy: scale) ?? difference / scale)
            }
            IntegerVectorCodec.encode(UnsafeBufferPointer(differences), into: &writer)
        }
    }

    @inlinable
    static func decodeVector(
        _ reader: inout ByteReader,
        count: Int,
        into output: UnsafeMutablePointer<Int64>
    ) throws(CompressionError) {
        guard count > 0 else { return }
        let first = try reader.readSignedVarint()
        output[0] = first
        guard count > 1 else { return }
        let scale = try reader.readVarint()
        guard scale > 0 else {
            output.update(repeating: first, count: count)
            return
        }
        let differencesOffset = reader.offset
        try IntegerVectorCodec.decode(&reader, count: count - 1, into: output + 1)
        var previous = first
        for index in 1..<count {
            let (step, overflow) = UInt64(bitPattern: output[index]).multipliedReportingOverflow(by: scale)
            let next = previous &+ Int64(bitPattern: step)
            guard !overflow, next >= previous else {
                throw reader.corrupt("timestamp \(index) of the vector would precede its predecessor", at: differencesOffset)
            }
            output[index] = next
            previous = next
        }
    }
}
