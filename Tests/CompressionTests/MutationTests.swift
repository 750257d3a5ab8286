import TestSupport
import Testing

@testable import Compression

/// Flips, overwrites, inserts and truncates bytes of valid encodings: every decoder must either throw a
/// `CompressionError` or return exactly the number of values its header promises; never trap.
@Suite("Mutated input")
struct MutationTests {
    static let iterations = 3000

    static func mutate(_ bytes: [UInt8], using generator: inout SplitMix64) -> [UInt8] {
        var mutated = bytes
        guard !mutated.isEmpty else { return [UInt8(truncatingIfNeeded: generator.next())] }
        let position = Int.random(in: 0..<mutated.count, using: &generator)
        switch generator.next() % 5 {
        case 0: mutated[position] ^= UInt8(1) << (generator.next() % 8)
        case 1: mutated[position] = UInt8(truncatingIfNeeded: generator.next())
        case 2: mutated.removeLast(mutated.count - position)
        case 3: mutated.insert(UInt8(truncatingIfNeeded: generator.next()), at: position)
        default:
            for _ in 0..<4 {
                mutated[Int.random(in: 0..<mutated.count, using: &generator)] = UInt8(truncatingIfNeeded: generator.next())
            }
        }
        return mutated
    }

    static func floatSamples() -> [[UInt8]] {
        var generator = SplitMix64(seed: 21)
        let levels: [Double] = [0.054711, 0.382638, -0.273216, .nan]
        var walk: Int64 = 655
        let series: [[Double]] = [
            (0..<2100).map { Double($0 % 300) / 10 },
            (0..<1500).map { _ in Double(bitPattern: generator.next()) },
            (0..<1100).map { $0 % 50 == 0 ? .nan : Double($0) * 0.25 },
            (0..<1024).map { Double("\(Float($0) * 0.01 + 0.000_528_65)") ?? 0 },
            (0..<1500).map { _ -> Double in levels[Int(generator.next() % 4)] },
            (0..<1100).map { _ -> Double in 2.0 + Double(generator.next() >> 11) / 4_503_599_627_370_496 },
            // Entropy-coded: a 0.1-quantised random walk (differences) and noise spanning two exponents
            // (the split's sign, exponent and top mantissa bits).
            (0..<2100).map { _ -> Double in
                walk += EntropyCodedIntegersTests.skewedStep(&generator)
                return Double(walk) / 10
            },
            (0..<1100).map { _ -> Double in
                let uniform = Double(generator.next() >> 11) / 9_007_199_254_740_992
                return 1.5 + uniform * uniform
            },
        ]
        return series.map { values in
            var encoder = FloatEncoder()
            for value in values { encoder.append(value) }
            return encoder.encode()
        }
    }

    @Test("float decoder")
    func floats() throws {
        var generator = SplitMix64(seed: 100)
        for sample in Self.floatSamples() {
            for _ in 0..<Self.iterations {
                let mutated = Self.mutate(sample, using: &generator)
                do {
                    let decoder = try FloatDecoder(mutated)
                    #expect(try decoder.decodeAll().count == decoder.count)
                    var iterator = decoder.makeIterator()
                    var iterated = 0
                    while try iterator.next() != nil { iterated += 1 }
                    #expect(iterated == decoder.count)
                } catch {}
            }
        }
    }

    static func integerSamples() -> [[UInt8]] {
        var generator = SplitMix64(seed: 22)
        var level: Int64 = 0
        let series: [[Int64]] = [
            (0..<2500).map { Int64($0 / 10) * ($0 % 2 == 0 ? 1 : -1) },
            // Entropy-coded differences with escapes, and noise coded with raw low bits.
            (0..<2500).map { index -> Int64 in
                level += EntropyCodedIntegersTests.skewedStep(&generator)
                return index % 401 == 0 ? Int64.min : level
            },
            (0..<2100).map { _ in 9_200 + EntropyCodedIntegersTests.normal(&generator, sigma: 150) },
        ]
        return series.map { values in
            var encoder = IntegerEncoder()
            for value in values { encoder.append(value) }
            return encoder.encode()
        }
    }

    @Test("timestamp and integer decoders")
    func integers() throws {
        var generator = SplitMix64(seed: 101)
        var timestamps = TimestampEncoder()
        var time: Int64 = 1_700_000_000_000_000_000
        for index in 0..<2500 {
            time += index % 700 == 0 ? 86_400_000_000_000 : 1_000_000_000 + Int64(index % 3) * 1_000_000
            try timestamps.append(time)
        }
        let timestampBytes = timestamps.encode()
        for _ in 0..<Self.iterations {
            do {
                let decoder = try TimestampDecoder(Self.mutate(timestampBytes, using: &generator))
                let decoded = try decoder.decodeAll()
                #expect(decoded.count == decoder.count)
                #expect(zip(decoded, decoded.dropFirst()).allSatisfy { $0 <= $1 }, "decoded timestamps never decrease")
            } catch {}
        }
        for sample in Self.integerSamples() {
            for _ in 0..<Self.iterations {
                do {
                    let decoder = try IntegerDecoder(Self.mutate(sample, using: &generator))
                    #expect(try decoder.decodeAll().count == decoder.count)
                } catch {}
            }
        }
    }

    @Test("run-length decoder")
    func runLength() throws {
        var generator = SplitMix64(seed: 102)
        var encoder = RunLengthEncoder()
        for index in 0..<3000 { encoder.append(Int64((index / 37) % 4)) }
        let bytes = encoder.encode()
        for _ in 0..<Self.iterations {
            do {
                let decoder = try RunLengthDecoder(Self.mutate(bytes, using: &generator))
                #expect(try decoder.decodeAll().count == decoder.count)
            } catch {}
        }
    }

    @Test("framed blocks either fail their checksum or come back exactly")
    func framedBlocks() throws {
        var generator = SplitMix64(seed: 103)
        for sample in Self.floatSamples() {
            let frame = BlockFraming.seal(sample)
            for _ in 0..<Self.iterations {
                let mutated = Self.mutate(frame, using: &generator)
                guard let opened = try? BlockFraming.open(mutated) else { continue }
                #expect(opened == sample)
            }
        }
    }
}
