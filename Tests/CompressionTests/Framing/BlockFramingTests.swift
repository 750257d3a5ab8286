import TestSupport
import Testing

@testable import Compression

@Suite("Block framing")
struct BlockFramingTests {
    @Test("compressible blocks are zstd-compressed and come back exactly")
    func compressible() throws {
        let block = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 / 100) }
        let frame = BlockFraming.seal(block)
        #expect(frame[1] == BlockFraming.zstdKind)
        #expect(frame.count < block.count / 10)
        #expect(try BlockFraming.open(frame) == block)
    }

    @Test("incompressible blocks are stored")
    func incompressible() throws {
        var generator = SplitMix64(seed: 2)
        let block = (0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let frame = BlockFraming.seal(block)
        #expect(frame[1] == BlockFraming.storedKind)
        #expect(try BlockFraming.open(frame) == block)
        #expect(try BlockFraming.open(BlockFraming.seal([])) == [])
    }

    @Test("a changed byte fails the checksum")
    func checksum() throws {
        let block = Array("stored block".utf8)
        var frame = BlockFraming.seal(block)
        frame[frame.count - 1] ^= 0x01
        #expect(throws: CompressionError.self) { try BlockFraming.open(frame) }
    }
}
