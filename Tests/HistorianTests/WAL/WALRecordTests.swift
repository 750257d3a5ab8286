import Testing

@testable import Historian

/// The WAL's sample record: compact varint deltas written, the fixed 21-byte layout of earlier
/// versions still read, and payloads of impossible structure refused rather than trusted.
@Suite struct WALRecordTests {
    private static func decode(_ bytes: [UInt8]) -> WALRecord? {
        bytes.withUnsafeBytes { WALRecord.decode($0) }
    }

    @Test func samplesRoundTripIncludingExtremes() {
        var generator = SystemRandomNumberGenerator()
        var samples: [RawSample] = [
            RawSample(series: .max, timestamp: .min, bits: .max, quality: .max),
            RawSample(series: 0, timestamp: .max - 1, bits: 0, quality: 0),
            RawSample(series: 1, timestamp: -1, bits: 1, quality: 2),
            RawSample(series: .max, timestamp: .min, bits: 7, quality: 1),
        ]
        for _ in 0..<2_000 {
            samples.append(
                RawSample(
                    series: .random(in: 0...SeriesID.max, using: &generator), timestamp: .random(in: .min..<(.max), using: &generator),
                    bits: .random(in: 0...UInt64.max, using: &generator), quality: .random(in: 0...UInt8.max, using: &generator)))
        }
        let record = WALRecord.samples(samples)
        #expect(Self.decode(record.encode()) == record)
        #expect(Self.decode(WALRecord.samples([]).encode()) == .samples([]))
        let withHeadroom = record.encode(headroom: 8)
        #expect(withHeadroom.prefix(8).allSatisfy { $0 == 0 })
        #expect(Self.decode(Array(withHeadroom.dropFirst(8))) == record)
    }

    /// Ten fields per line at one timestamp, lines a second apart: the shape of a line protocol batch.
    @Test func lineProtocolBatchesTakeAboutHalfTheFixedLayout() {
        var samples: [RawSample] = []
        for line in 0..<5_000 {
            for field in 0..<10 {
                samples.append(
                    RawSample(
                        series: SeriesID(1 + (line % 100) * 10 + field), timestamp: 1_704_067_200_000_000_000 + Int64(line / 100) * 1_000_000_000,
                        bits: Double(line * field).bitPattern, quality: 0))
            }
        }
        let bytes = WALRecord.samples(samples).encode()
        #expect(bytes.count < samples.count * 12)
        #expect(Self.decode(bytes) == .samples(samples))
    }

    @Test func theFixedLayoutOfEarlierVersionsIsRead() {
        var bytes: [UInt8] = [1, 2, 0, 0, 0]
        for (series, timestamp, bits, quality) in [(UInt32(7), Int64(-5), UInt64(9), UInt8(1)), (3, 1_000, 0x4000_0000_0000_0000, 0)] {
            withUnsafeBytes(of: series.littleEndian) { bytes.append(contentsOf: $0) }
            withUnsafeBytes(of: timestamp.littleEndian) { bytes.append(contentsOf: $0) }
            withUnsafeBytes(of: bits.littleEndian) { bytes.append(contentsOf: $0) }
            bytes.append(quality)
        }
        #expect(
            Self.decode(bytes)
                == .samples([
                    RawSample(series: 7, timestamp: -5, bits: 9, quality: 1),
                    RawSample(series: 3, timestamp: 1_000, bits: 0x4000_0000_0000_0000, quality: 0),
                ]))
        #expect(Self.decode(bytes.dropLast()) == nil)
    }

    @Test func impossibleSamplePayloadsAreRefused() {
        let valid = WALRecord.samples([
            RawSample(series: 5, timestamp: 100, bits: 1, quality: 0),
            RawSample(series: 6, timestamp: 100, bits: 2, quality: 0),
        ]).encode()
        #expect(Self.decode(valid) != nil)
        // Cut anywhere, or followed by a stray byte.
        for length in 0..<valid.count { #expect(Self.decode(Array(valid.prefix(length))) == nil, "length \(length)") }
        #expect(Self.decode(valid + [0]) == nil)
        // A count the payload cannot hold (it would otherwise reserve memory for it).
        var countTooLarge = valid
        countTooLarge.replaceSubrange(1..<5, with: [0xFF, 0xFF, 0xFF, 0x7F])
        #expect(Self.decode(countTooLarge) == nil)
        // A series delta beyond 32 bits, and a varint longer than 64 bits.
        let seriesOutOfRange: [UInt8] = [3, 1, 0, 0, 0, 0x80, 0x80, 0x80, 0x80, 0x20, 0] + [UInt8](repeating: 0, count: 9)
        #expect(Self.decode(seriesOutOfRange) == nil)
        let overlongVarint: [UInt8] = [3, 1, 0, 0, 0] + [UInt8](repeating: 0xFF, count: 10) + [0x7F, 0] + [UInt8](repeating: 0, count: 9)
        #expect(Self.decode(overlongVarint) == nil)
        #expect(Self.decode([9]) == nil)
    }
}
