import TestSupport
import Testing

@testable import Compression

@Suite("Timestamp codec")
struct TimestampCodecTests {
    static let second: Int64 = 1_000_000_000
    static let millisecond: Int64 = 1_000_000
    static let start: Int64 = 1_732_200_000 * 1_000_000_000

    static func bitsPerTimestamp(_ bytes: [UInt8], _ count: Int) -> Double {
        Double(bytes.count * 8) / Double(count)
    }

    @Test("regular 1 Hz costs almost nothing")
    func regular() throws {
        let values = (0..<10_000).map { Self.start + Int64($0) * Self.second }
        let (bytes, decoded) = try RoundTrip.timestamps(values)
        #expect(decoded == values)
        #expect(Self.bitsPerTimestamp(bytes, values.count) < 0.5)
    }

    @Test("1 s polling with +-2 ms jitter at 1 ms resolution costs at most 4 bits")
    func jitter() throws {
        var generator = SplitMix64(seed: 3)
        let values = (0..<10_000).map {
            Self.start + Int64($0) * Self.second + Int64.random(in: -2...2, using: &generator) * Self.millisecond
        }
        let (bytes, decoded) = try RoundTrip.timestamps(values)
        #expect(decoded == values)
        // Deltas span 996...1004 ms: 9 levels, 4 bits, plus block headers.
        #expect(Self.bitsPerTimestamp(bytes, values.count) <= 4.5)
    }

    @Test("gaps, equal timestamps and irregular spacing round-trip; a gap costs a patch, not a block")
    func gapsAndDuplicates() throws {
        var generator = SplitMix64(seed: 4)
        var time = Self.start
        var values: [Int64] = []
        for index in 0..<5000 {
            if index % 500 == 0 {
                time += 3600 * Self.second
            } else if index != 1 && index != 2 {
                time += Self.second + Int64.random(in: 0...3, using: &generator) * Self.millisecond
            }
            values.append(time)
        }
        let (bytes, decoded) = try RoundTrip.timestamps(values)
        #expect(decoded == values)
        #expect(Self.bitsPerTimestamp(bytes, values.count) < 4)
    }

    @Test("extremes of Int64 and vector boundaries", arguments: [1, 2, 1023, 1024, 1025, 2047, 2048, 2049, 4097])
    func extremes(length: Int) throws {
        var values = (0..<length).map { Int64.min + Int64($0) }
        values[values.count - 1] = .max
        #expect(try RoundTrip.timestamps(values).decoded == values)
        let all = Array(repeating: Int64(-5), count: length)
        #expect(try RoundTrip.timestamps(all).decoded == all)
    }

    @Test("random nanosecond timestamps round-trip")
    func randomNanoseconds() throws {
        var generator = SplitMix64(seed: 8)
        var time: Int64 = -Self.start
        let values = (0..<5000).map { _ -> Int64 in
            time += Int64.random(in: 0...(Self.second * 10), using: &generator)
            return time
        }
        #expect(try RoundTrip.timestamps(values).decoded == values)
    }

    @Test("a decreasing timestamp is refused and leaves the encoder unchanged")
    func outOfOrder() throws {
        var encoder = TimestampEncoder()
        try encoder.append(10)
        try encoder.append(20)
        #expect(throws: CompressionError.timestampOutOfOrder(previous: 20, next: 19)) { try encoder.append(19) }
        #expect(encoder.count == 2)
        try encoder.append(20)
        #expect(try TimestampDecoder(encoder.encode()).decodeAll() == [10, 20, 20])
    }

    @Test("known vector: three timestamps one microsecond apart")
    func knownVector() throws {
        var encoder = TimestampEncoder()
        for value: Int64 in [1000, 2000, 3000] { try encoder.append(value) }
        // "T", version 2, count 3, vector of 7 bytes: zigzag(1000) = 2000 as varint D0 0F, scale 1000 as
        // E8 07, integer mode "values", one block: base zigzag(1) = 2, width 0.
        #expect(encoder.encode() == [0x54, 0x02, 0x03, 0x07, 0xD0, 0x0F, 0xE8, 0x07, 0x00, 0x02, 0x00])
    }
}
