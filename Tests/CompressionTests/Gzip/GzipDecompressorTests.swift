import Compression
import Testing

@Suite("Gzip decompressor")
struct GzipDecompressorTests {
    // `printf 'hello histd\n' | gzip -9n` and `printf 'second member\n' | gzip -9n`.
    static let hello: [UInt8] = [
        0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xCB, 0x48, 0xCD, 0xC9, 0xC9, 0x57,
        0xC8, 0xC8, 0x2C, 0x2E, 0x49, 0xE1, 0x02, 0x00, 0x6E, 0xEB, 0x41, 0x78, 0x0C, 0x00, 0x00, 0x00,
    ]
    static let second: [UInt8] = [
        0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x2B, 0x4E, 0x4D, 0xCE, 0xCF, 0x4B,
        0x51, 0xC8, 0x4D, 0xCD, 0x4D, 0x4A, 0x2D, 0xE2, 0x02, 0x00, 0x36, 0x18, 0x4B, 0x0E, 0x0E, 0x00,
        0x00, 0x00,
    ]

    static func inflate(_ input: [UInt8], pieceSize: Int) throws -> [UInt8] {
        let decompressor = try GzipDecompressor()
        var output: [UInt8] = []
        var start = 0
        while start < input.count {
            let end = min(start + pieceSize, input.count)
            output += try input[start..<end].withUnsafeBytes { try decompressor.decompress($0) }
            start = end
        }
        try decompressor.finish()
        return output
    }

    @Test("concatenated members, fed whole or a byte at a time", arguments: [1, 3, 1000])
    func members(pieceSize: Int) throws {
        let output = try Self.inflate(Self.hello + Self.second, pieceSize: pieceSize)
        #expect(String(decoding: output, as: UTF8.self) == "hello histd\nsecond member\n")
    }

    @Test("input cut inside a member is reported as truncated")
    func truncated() throws {
        #expect(throws: CompressionError.self) { try Self.inflate(Array(Self.hello.dropLast(5)), pieceSize: 100) }
    }

    @Test("bytes that are not gzip are refused")
    func notGzip() throws {
        #expect(throws: CompressionError.self) { try Self.inflate(Array("plain,csv\n1,2\n".utf8), pieceSize: 100) }
    }
}
