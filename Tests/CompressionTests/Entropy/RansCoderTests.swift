import Foundation
import TestSupport
import Testing

@testable import Compression

@Suite("rANS coder")
struct RansCoderTests {
    /// Maps every symbol to itself.
    static let identity = (0..<SymbolFrequencies.maximumSymbols).map { UInt8($0) }

    /// Encodes `symbols` with a model of their own counts and decodes them; returns the bytes and the decoded symbols.
    static func roundTrip(_ symbols: [UInt8], symbolCount: Int) throws -> (bytes: [UInt8], decoded: [UInt8]) {
        var counts = [Int](repeating: 0, count: symbolCount)
        for symbol in symbols { counts[Int(symbol)] += 1 }
        let model = try #require(counts.withUnsafeBufferPointer { SymbolFrequencies(counts: $0, total: symbols.count) })
        var writer = ByteWriter()
        symbols.withUnsafeBufferPointer { RansCoder.encode($0, model: model, into: &writer) }
        let bytes = writer.bytes
        var decoded = [UInt8](repeating: 0, count: symbols.count)
        try Self.identity.withUnsafeBufferPointer { identity in
            try bytes.withCheckedBytes { buffer throws(CompressionError) in
                var reader = ByteReader(buffer, context: "test")
                try decoded.withUnsafeMutableBufferPointer { output throws(CompressionError) in
                    guard let base = output.baseAddress else { return }
                    try RansCoder.decode(&reader, symbolCount: symbolCount, count: symbols.count, symbolValues: identity.baseAddress!, into: base)
                }
                #expect(reader.offset == buffer.count)
            }
        }
        return (bytes, decoded)
    }

    @Test("random sources of every alphabet size round-trip", arguments: [UInt64(1), 2, 3])
    func randomSources(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        for symbolCount in [1, 2, 3, 7, 16, 33, 64] {
            for length in [1, 2, 5, 100, 1024] {
                // Skewed: symbol k is drawn about twice as often as symbol k + 1.
                let symbols = (0..<length).map { _ -> UInt8 in
                    var symbol = 0
                    while symbol + 1 < symbolCount && generator.next() % 2 == 0 { symbol += 1 }
                    return UInt8(symbol)
                }
                #expect(try Self.roundTrip(symbols, symbolCount: symbolCount).decoded == symbols)
            }
        }
    }

    @Test("a skewed source costs its entropy, below one bit per symbol")
    func costsEntropy() throws {
        var generator = SplitMix64(seed: 9)
        var symbols = [UInt8](repeating: 0, count: 922) + [UInt8](repeating: 1, count: 51) + [UInt8](repeating: 2, count: 51)
        symbols.shuffle(using: &generator)
        let (bytes, decoded) = try Self.roundTrip(symbols, symbolCount: 3)
        #expect(decoded == symbols)
        // Entropy: -(922 log2(922/1024) + 2 * 51 log2(51/1024)) = 139.6 + 441.6 = 581.2 bits = 72.7 bytes.
        // Table: 6 + 2 * 8 bits = 3 bytes; varint length 2 bytes; two states 8 bytes; a last partial word.
        // Huffman would need 1,126 bits (141 bytes).
        #expect(bytes.count <= 73 + 3 + 2 + 8 + 2)
    }

    @Test("frequencies scale to the total, rounded to five significant bits")
    func frequencies() throws {
        // 1 of 4 occurrences: 1,024 of 4,096 (exactly storable); the largest symbol takes the remaining 3,072.
        let quarter = try #require([3, 1].withUnsafeBufferPointer { SymbolFrequencies(counts: $0, total: 4) })
        #expect(quarter.frequencies == [3072, 1024])
        // 1,000 has ten bits: (1,000 + 16) >> 5 = 31, 31 << 5 = 992. 1,008 rounds up: (1,008 + 16) >> 5 = 32 -> 1,024.
        #expect(SymbolFrequencies.storable(1000) == 992)
        #expect(SymbolFrequencies.storable(1008) == 1024)
        #expect(SymbolFrequencies.storable(17) == 17)
        let tooMany = [Int](repeating: 1, count: SymbolFrequencies.maximumSymbols + 1)
        #expect(tooMany.withUnsafeBufferPointer { SymbolFrequencies(counts: $0, total: tooMany.count) } == nil)
    }

    @Test("a stream that does not end in the initial state is rejected")
    func wrongFinalState() throws {
        let symbols = (0..<500).map { UInt8($0 % 3) }
        var bytes = try Self.roundTrip(symbols, symbolCount: 3).bytes
        // The last word is the first the encoder moved out of a state; changing it changes the end state.
        bytes[bytes.count - 1] ^= 0x40
        #expect(throws: CompressionError.self) {
            try Self.identity.withUnsafeBufferPointer { identity in
                try bytes.withCheckedBytes { buffer throws(CompressionError) in
                    var reader = ByteReader(buffer, context: "test")
                    var output = [UInt8](repeating: 0, count: symbols.count)
                    try output.withUnsafeMutableBufferPointer { pointer throws(CompressionError) in
                        guard let base = pointer.baseAddress else { return }
                        try RansCoder.decode(&reader, symbolCount: 3, count: symbols.count, symbolValues: identity.baseAddress!, into: base)
                    }
                }
            }
        }
    }
}
