import Foundation
import TestSupport
import Testing

@testable import Compression

@Suite("Entropy-coded integers")
struct EntropyCodedIntegersTests {
    /// Draws a step of a random walk: 0 with probability 1/2, +-1 with 1/5 each, +-2 with 1/20 each.
    static func skewedStep(_ generator: inout SplitMix64) -> Int64 {
        let draw = generator.next() % 20
        switch draw {
        case 0..<10: return 0
        case 10..<14: return 1
        case 14..<18: return -1
        case 18: return 2
        default: return -2
        }
    }

    /// A normal deviate (Box-Muller) with standard deviation `sigma`, rounded to an integer.
    static func normal(_ generator: inout SplitMix64, sigma: Double) -> Int64 {
        let u1 = (Double(generator.next() >> 11) + 1) / 9_007_199_254_740_993
        let u2 = Double(generator.next() >> 11) / 9_007_199_254_740_992
        return Int64((sigma * (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)).rounded())
    }

    /// Encodes `values` with the plan for them and decodes them, bypassing the choice against
    /// frame-of-reference blocks; nil when there is no plan (fewer than two values, more than a vector).
    static func codedDirectly(_ values: [Int64], zigZag: Bool) throws -> [Int64]? {
        var writer = ByteWriter()
        let encoded = values.withUnsafeBufferPointer { buffer -> Bool in
            guard let plan = EntropyCodedIntegers.plan(buffer, zigZag: zigZag) else { return false }
            return EntropyCodedIntegers.encode(buffer, zigZag: zigZag, plan: plan, into: &writer)
        }
        guard encoded else { return nil }
        return try writer.bytes.withCheckedBytes { buffer throws(CompressionError) -> [Int64] in
            var reader = ByteReader(buffer, context: "test")
            var output = [Int64](repeating: 0, count: values.count)
            try output.withUnsafeMutableBufferPointer { pointer throws(CompressionError) in
                guard let base = pointer.baseAddress else { return }
                try EntropyCodedIntegers.decode(&reader, count: values.count, zigZag: zigZag, into: base)
            }
            #expect(reader.offset == buffer.count)
            return output
        }
    }

    @Test("a random walk with skewed steps costs near its entropy, below the packed width")
    func skewedRandomWalk() throws {
        var generator = SplitMix64(seed: 3)
        var level: Int64 = 5_000
        let values = (0..<10_240).map { _ -> Int64 in
            level += Self.skewedStep(&generator)
            return level
        }
        let (bytes, decoded) = try RoundTrip.integers(values)
        #expect(decoded == values)
        // Entropy per step: 0.5 * 1 + 2 * 0.2 * log2(5) + 2 * 0.05 * log2(20) = 0.5 + 0.929 + 0.432 = 1.861 bits.
        // Bit packing needs 3 bits for the five steps (2.75 with the +2 steps as patches).
        #expect(Double(bytes.count * 8) / Double(values.count) < 2.1)
    }

    @Test("noise around a level keeps its low bits raw and entropy-codes the high ones")
    func gaussianNoise() throws {
        var generator = SplitMix64(seed: 4)
        let values = (0..<10_240).map { _ in 9_200 + Self.normal(&generator, sigma: 150) }
        let (bytes, decoded) = try RoundTrip.integers(values)
        #expect(decoded == values)
        // Entropy of a normal with sigma 150 in steps of 1: 0.5 * log2(2 pi e * 150^2) = 9.28 bits.
        // Frame of reference needs 10 bits (128 normal values span about 5.2 sigma = 780).
        #expect(Double(bytes.count * 8) / Double(values.count) < 9.6)
    }

    @Test("a constant, or a constant step with an outlier, is left to frame-of-reference blocks")
    func singleSymbol() {
        let constant = [Int64](repeating: 1_000, count: 2048)
        constant.withUnsafeBufferPointer { #expect(EntropyCodedIntegers.plan($0, zigZag: false) == nil) }
        var steps = (0..<2048).map { Int64($0) * 1_000 }
        steps[700] = 1 << 40
        var writer = ByteWriter()
        steps.withUnsafeBufferPointer { IntegerVectorCodec.encode($0, into: &writer) }
        #expect(writer.bytes[0] & IntegerVectorCodec.entropyCodedFlag == 0)
    }

    @Test("outliers among small steps become escapes and round-trip")
    func escapes() throws {
        var generator = SplitMix64(seed: 6)
        var level: Int64 = 0
        var values: [Int64] = []
        for index in 0..<5_000 {
            level = level &+ Self.skewedStep(&generator)
            values.append(index % 499 == 0 ? (index % 2 == 0 ? Int64.max : Int64.min) : level)
        }
        let (bytes, decoded) = try RoundTrip.integers(values)
        #expect(decoded == values)
        // Each outlier adds two differences of about 64 bits (escaped as varints of up to 10 bytes).
        #expect(Double(bytes.count * 8) / Double(values.count) < 2.5)
    }

    @Test("every shape and length round-trips, in the stream and coded directly", arguments: [UInt64(1), 2, 3, 4])
    func roundTripProperty(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        for length in [2, 3, 31, 1025, 2047, 2048, 2049, 5000] {
            var level = Int64(bitPattern: generator.next()) >> 8
            let walk = (0..<length).map { _ -> Int64 in
                level = level &+ Self.skewedStep(&generator)
                return level
            }
            let counter = (0..<length).map { Int64($0 / 37) + (generator.next() % 50 == 0 ? 1 : 0) }
            let noise = (0..<length).map { _ in Self.normal(&generator, sigma: Double(UInt64(1) << (generator.next() % 40))) }
            let states = (0..<length).map { _ in Int64(generator.next() % 3) }
            let wide = (0..<length).map { _ in Int64(bitPattern: generator.next() >> (generator.next() % 64)) }
            for values in [walk, counter, noise, states, wide] {
                #expect(try RoundTrip.integers(values).decoded == values)
                for zigZag in [false, true] {
                    if let decoded = try Self.codedDirectly(values, zigZag: zigZag) {
                        #expect(decoded == values)
                    }
                }
            }
        }
    }
}
