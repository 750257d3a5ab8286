import Foundation
import TestSupport
import Testing

@testable import Compression

@Suite("Float codec")
struct FloatCodecTests {
    static let specials: [Double] = [
        .nan, -.nan, Double(bitPattern: 0x7FF0_0000_0000_0001), Double(bitPattern: 0x7FF8_DEAD_BEEF_0000),
        Double(bitPattern: 0xFFF4_0000_0000_1234), 0.0, -0.0, .infinity, -.infinity,
        .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude,
        -.greatestFiniteMagnitude, 1.0, 1.0.nextUp, 1.0.nextDown, 9_007_199_254_740_993.0, 1e-300, 0.1, -0.3,
    ]

    static func sameBits(_ a: [Double], _ b: [Double]) -> Bool {
        a.map(\.bitPattern) == b.map(\.bitPattern)
    }

    @Test("special values round-trip bit for bit", arguments: [1, 2, 21, 1024, 1025, 2047, 2048, 2049, 5000])
    func specialsRoundTrip(length: Int) throws {
        let values = (0..<length).map { Self.specials[$0 % Self.specials.count] }
        #expect(Self.sameBits(try RoundTrip.floats(values).decoded, values))
    }

    @Test("empty stream")
    func empty() throws {
        let (bytes, decoded) = try RoundTrip.floats([])
        #expect(decoded.isEmpty)
        #expect(try FloatDecoder(bytes).count == 0)
    }

    @Test("random bit patterns round-trip", arguments: [UInt64(1), 2, 3])
    func randomBits(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let values = (0..<5000).map { _ in Double(bitPattern: generator.next()) }
        #expect(Self.sameBits(try RoundTrip.floats(values).decoded, values))
    }

    @Test("shapes round-trip: constant, alternating, monotone, noisy, extremes")
    func shapes() throws {
        var generator = SplitMix64(seed: 7)
        let shapes: [[Double]] = [
            Array(repeating: 21.5, count: 3000),
            (0..<3000).map { $0 % 2 == 0 ? 1.5 : -1.5 },
            (0..<3000).map { Double($0) * 0.001 },
            (0..<3000).map { _ in Double.random(in: -1...1, using: &generator) },
            (0..<3000).map { $0 % 2 == 0 ? Double.greatestFiniteMagnitude : -Double.leastNonzeroMagnitude },
            (0..<3000).map { Double($0) * 1e15 },
            (0..<3000).map { -Double($0) / 8 },
        ]
        for values in shapes {
            #expect(Self.sameBits(try RoundTrip.floats(values).decoded, values))
        }
    }

    @Test("decimals with exceptions round-trip and stay decimal-coded")
    func decimalsWithExceptions() throws {
        var generator = SplitMix64(seed: 11)
        var level = 215
        var values: [Double] = []
        for index in 0..<4096 {
            level += Int.random(in: -3...3, using: &generator)
            if index % 97 == 0 {
                values.append(Self.specials[index % Self.specials.count])
            } else {
                values.append(Double(level) / 10)
            }
        }
        let (bytes, decoded) = try RoundTrip.floats(values)
        #expect(Self.sameBits(decoded, values))
        // A 0.1-resolution random walk needs about 3 bits a step; exceptions cost 72 bits each.
        #expect(Double(bytes.count * 8) / Double(values.count) < 8)
    }

    @Test("full-precision noise costs its low mantissa bits plus the entropy of its exponent and top bits")
    func noiseHighBitsEntropyCoded() throws {
        var generator = SplitMix64(seed: 8)
        // A vibration RMS: 2 * exp(0.1 * z) for standard normal z, every mantissa bit noise, either side of 2.0.
        let values = (0..<8192).map { _ in 2 * exp(0.1 * Double(EntropyCodedIntegersTests.normal(&generator, sigma: 1_048_576)) / 1_048_576) }
        let (bytes, decoded) = try RoundTrip.floats(values)
        #expect(Self.sameBits(decoded, values))
        // 50 raw mantissa bits, and sign, exponent and two top bits that take five values (1.25-1.5 ...
        // 2.5-3) with unequal probabilities: entropy-coded about 1.5 bits, 51.6 in all. Bit-packed they
        // take 2-3 bits: 52.4 in all, measured with entropy coding disabled.
        #expect(Double(bytes.count * 8) / Double(values.count) < 52)
    }

    @Test("a 0.1-resolution temperature costs a few bits per value")
    func quantizedTemperature() throws {
        var generator = SplitMix64(seed: 5)
        var tenths = 700
        let values = (0..<10_000).map { _ -> Double in
            tenths += Int.random(in: -2...2, using: &generator)
            return Double(tenths) / 10
        }
        let (bytes, decoded) = try RoundTrip.floats(values)
        #expect(Self.sameBits(decoded, values))
        #expect(Double(bytes.count * 8) / Double(values.count) < 4)
    }

    @Test("float32 values printed as decimals use the digit split")
    func singlePrecisionResidue() throws {
        var generator = SplitMix64(seed: 9)
        var hundredths = 780
        let values = (0..<1024).map { _ -> Double in
            hundredths += Int.random(in: -20...20, using: &generator)
            let single = Float(Double(hundredths) / 100 + 0.000_528_65)
            return Double("\(single)") ?? .nan
        }
        var writer = ByteWriter()
        let coded = values.withUnsafeBufferPointer { DecimalVectorCodec.encode($0, into: &writer) }
        #expect(coded)
        #expect(writer.bytes[1] > 0, "split digit")
        let (bytes, decoded) = try RoundTrip.floats(values)
        #expect(Self.sameBits(decoded, values))
        #expect(Double(bytes.count * 8) / Double(values.count) < 16)
    }

    @Test("full-precision noise around a power of two uses the exponent/mantissa split")
    func fullPrecisionNoise() throws {
        var generator = SplitMix64(seed: 13)
        // Log-normal around 2.0: the exponent flips between [1, 2) and [2, 4); the mantissa is noise.
        let values = (0..<4096).map { _ in 2.0 * exp(0.1 * Double.random(in: -1.7...1.7, using: &generator)) }
        let (bytes, decoded) = try RoundTrip.floats(values)
        #expect(Self.sameBits(decoded, values))
        #expect(try FloatDecoder(bytes).codingSummary().bitSplitVectors == (values.count + vectorCapacity - 1) / vectorCapacity)
        // 52 mantissa bits plus about one for the exponent.
        #expect(Double(bytes.count * 8) / Double(values.count) < 55)
    }

    @Test("few distinct values use a dictionary, special patterns included")
    func dictionary() throws {
        var generator = SplitMix64(seed: 17)
        // ADC steps of an odd size, plus every special pattern, including the all-ones NaN.
        let levels = [0.054711, 0.382638, -0.273216, 0.710565] + Self.specials + [Double(bitPattern: UInt64.max)]
        let values = (0..<3000).map { _ in levels[Int.random(in: 0..<levels.count, using: &generator)] }
        let (bytes, decoded) = try RoundTrip.floats(values)
        #expect(Self.sameBits(decoded, values))
        #expect(try FloatDecoder(bytes).codingSummary().dictionaryVectors == (values.count + vectorCapacity - 1) / vectorCapacity)
        // 26 levels: 5 bits an index, plus a dictionary of 26 mostly full-precision values per vector
        // of 2,048 (about 26 x 64 / 2,048 = 0.8 bits a value); XOR coding would need about 40.
        #expect(Double(bytes.count * 8) / Double(values.count) < 7.5)
    }

    @Test("a dictionary vector nested in a dictionary is refused")
    func nestedDictionary() throws {
        // "F", version 2, one value, vector of 5 bytes: kind dictionary, one entry, whose vector is again a dictionary.
        let bytes: [UInt8] = [0x46, 0x02, 0x01, 0x05, 0x03, 0x01, 0x03, 0x01, 0x00]
        #expect(throws: CompressionError.self) { try FloatDecoder(bytes).decodeAll() }
    }

    @Test("known vector: two equal decimals")
    func knownVector() throws {
        var encoder = FloatEncoder()
        encoder.append(1.5)
        encoder.append(1.5)
        // "F", version 2, count 2, vector of 7 bytes: decimal kind, exponent 1, no split, no exceptions,
        // integer mode "values", one block with base zigzag(15) = 30 and width 0.
        #expect(encoder.encode() == [0x46, 0x02, 0x02, 0x07, 0x00, 0x01, 0x00, 0x00, 0x00, 0x1E, 0x00])
    }

    @Test("a too small output buffer is an error, not a trap")
    func bufferTooSmall() throws {
        var encoder = FloatEncoder()
        for value in [1.0, 2.0, 3.0] { encoder.append(value) }
        let decoder = try FloatDecoder(encoder.encode())
        var buffer = [Double](repeating: 0, count: 2)
        #expect(throws: CompressionError.bufferTooSmall(needed: 3, available: 2)) {
            try buffer.withUnsafeMutableBufferPointer { try decoder.decode(into: $0) }
        }
    }

    @Test("another codec's stream is refused by its tag")
    func wrongTag() throws {
        var encoder = IntegerEncoder()
        encoder.append(1)
        #expect(throws: CompressionError.self) { try FloatDecoder(encoder.encode()) }
    }
}
