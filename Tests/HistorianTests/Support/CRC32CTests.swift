import Testing

@testable import Historian

@Suite struct CRC32CTests {
    @Test func matchesPublishedCheckValues() {
        // The CRC-32C check value of "123456789" is 0xE3069283 (RFC 3720 appendix B.4 catalogue value;
        // also the "check" entry of CRC-32/ISCSI in Williams' CRC catalogue).
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        // RFC 3720 appendix B.4: 32 bytes of zeros give 0x8A9136AA, 32 bytes of 0xFF give 0x62A8AB43.
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        // RFC 3720 appendix B.4: bytes 0x00, 0x01, ..., 0x1F give 0x46DD794E.
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
    }

    @Test func continuingEqualsOneShot() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let whole = CRC32C.checksum(bytes)
        let first = bytes[0..<333].withUnsafeBytes { CRC32C.checksum($0) }
        let both = bytes[333...].withUnsafeBytes { CRC32C.checksum($0, continuing: first) }
        #expect(both == whole)
    }

    @Test func processorInstructionEqualsTable() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 7, 8, 9, 63, 64, 65, 1000, 4099] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let seed = UInt32.random(in: 0...UInt32.max, using: &generator)
            bytes.withUnsafeBytes { raw in
                #expect(CRC32C.checksum(raw, continuing: seed) == CRC32C.tableChecksum(raw, continuing: seed), "length \(length)")
            }
        }
    }
}
