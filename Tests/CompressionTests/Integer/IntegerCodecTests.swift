import TestSupport
import Testing

@testable import Compression

@Suite("Integer codec")
struct IntegerCodecTests {
    @Test("a counter stepping by one costs under half a bit per value")
    func counter() throws {
        let values = (0..<10_000).map { Int64(1_000_000 + $0) }
        let (bytes, decoded) = try RoundTrip.integers(values)
        #expect(decoded == values)
        #expect(Double(bytes.count * 8) / Double(values.count) < 0.5)
    }

    @Test("random values, extremes and state codes round-trip", arguments: [UInt64(1), 2])
    func random(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let shapes: [[Int64]] = [
            (0..<3000).map { _ in Int64(bitPattern: generator.next()) },
            (0..<3000).map { $0 % 2 == 0 ? Int64.min : Int64.max },
            (0..<3000).map { _ in Int64.random(in: 0...4, using: &generator) },
            (0..<3000).map { Int64($0 * $0) },
            [Int64.min],
            [],
        ]
        for values in shapes {
            #expect(try RoundTrip.integers(values).decoded == values)
        }
    }

    @Test("differences sharing a factor are divided by it")
    func commonFactor() throws {
        var generator = SplitMix64(seed: 5)
        // An ADC reading that moves by whole steps of 327,927 counts: unscaled differences need 21 bits.
        var level: Int64 = 54_711
        let values = (0..<4096).map { _ -> Int64 in
            level += Int64.random(in: -1...1, using: &generator) * 327_927
            return level
        }
        let (bytes, decoded) = try RoundTrip.integers(values)
        #expect(decoded == values)
        #expect(Double(bytes.count * 8) / Double(values.count) < 3)
    }

    @Test("one outlier in a block becomes a patch")
    func outlierPatch() throws {
        var values = Array(repeating: Int64(7), count: 128)
        values[40] = 1 << 40
        let (bytes, decoded) = try RoundTrip.integers(values)
        #expect(decoded == values)
        // Without the patch the block would pack 128 values at 41 bits (656 bytes).
        #expect(bytes.count < 32)
    }
}
