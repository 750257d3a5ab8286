import TestSupport
import Testing

@testable import Compression

@Suite("Run-length codec")
struct RunLengthCodecTests {
    @Test("booleans, quality codes and states round-trip")
    func shapes() throws {
        var generator = SplitMix64(seed: 12)
        let shapes: [[Int64]] = [
            Array(repeating: 0, count: 100_000),
            (0..<5000).map { Int64(($0 / 300) % 2) },
            (0..<5000).map { _ in Int64.random(in: 0...2, using: &generator) },
            [Int64.min, .max, .min, .max],
            [42],
            [],
        ]
        for values in shapes {
            #expect(try RoundTrip.runs(values).decoded == values)
        }
    }

    @Test("a constant quality column of 100,000 samples takes a few bytes")
    func constantIsTiny() throws {
        let (bytes, _) = try RoundTrip.runs(Array(repeating: 192, count: 100_000))
        // Tag, version, count (3 bytes), run count, value zigzag(192) (2 bytes), length - 1 (3 bytes).
        #expect(bytes.count == 11)
    }

    @Test("runs are reported without expansion")
    func runs() throws {
        var encoder = RunLengthEncoder()
        for value: Int64 in [1, 1, 1, 3, 3, 1] { encoder.append(value) }
        let runs = try RunLengthDecoder(encoder.encode()).runs()
        #expect(runs.map(\.value) == [1, 3, 1])
        #expect(runs.map(\.start) == [0, 3, 5])
        #expect(runs.map(\.length) == [3, 2, 1])
    }

    @Test("a count beyond the limit is refused before any allocation")
    func hostileCount() throws {
        // "R", version 2, count 2^62 as varint, one run.
        let bytes: [UInt8] = [0x52, 0x02, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40, 0x01, 0x00, 0x7F]
        #expect(throws: CompressionError.self) { try RunLengthDecoder(bytes) }
    }
}
