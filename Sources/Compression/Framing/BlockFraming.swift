import CZlib
import CZstd

/// Frames a sealed block: zstd-compressed when that makes it smaller, stored otherwise, with a CRC-32
/// of the block so that corruption is caught on open whichever way it was stored.
///
/// Layout: magic byte 0x5A, kind (0 stored, 1 zstd), varint block length, CRC-32 (ISO-HDLC, as zlib
/// and gzip compute it) of the block, little-endian, then the stored or compressed bytes.
public enum BlockFraming {
    @usableFromInline static let magic: UInt8 = 0x5A
    @usableFromInline static let storedKind: UInt8 = 0
    @usableFromInline static let zstdKind: UInt8 = 1
    /// A frame never claims more than this (1 GiB), so a hostile length cannot force a huge allocation.
    public static let maximumBlockLength = 1 << 30

    /// Frames `bytes`, compressing them with zstd at `level` if that saves at least 1/32 of their size.
    public static func seal(_ bytes: [UInt8], level: Int32 = 3) -> [UInt8] {
        let checksum = crc32(bytes)
        let compressed = zstdCompress(bytes, level: level)
        let useZstd = compressed.map { $0.count + bytes.count / 32 < bytes.count } ?? false
        var writer = ByteWriter(capacity: 16 + (useZstd ? compressed?.count ?? 0 : bytes.count))
        writer.append(magic)
        writer.append(useZstd ? zstdKind : storedKind)
        writer.appendVarint(UInt64(bytes.count))
        writer.appendLittleEndian(checksum)
        writer.append(contentsOf: useZstd ? compressed ?? [] : bytes)
        return writer.bytes
    }

    /// Returns the block framed by `seal`.
    /// - Throws: `CompressionError` if the frame is truncated, corrupt, or its checksum does not match.
    public static func open(_ frame: [UInt8]) throws(CompressionError) -> [UInt8] {
        try frame.withCheckedBytes { buffer throws(CompressionError) in
            var reader = ByteReader(buffer, context: "block frame")
            let magicByte = try reader.readByte()
            guard magicByte == magic else { throw reader.corrupt("magic byte \(magicByte) is not \(magic)", at: 0) }
            let kind = try reader.readByte()
            let length = try reader.readLength(limit: maximumBlockLength, what: "block length")
            let expectedChecksum = try reader.readLittleEndianUInt32()
            let payload = UnsafeRawBufferPointer(rebasing: buffer[reader.offset...])
            let block: [UInt8]
            switch kind {
            case storedKind:
                guard payload.count == length else {
                    throw reader.corrupt("stored block has \(payload.count) bytes, header says \(length)")
                }
                block = Array(payload)
            case zstdKind:
                block = try zstdDecompress(payload, length: length, at: reader.offset)
            default:
                throw reader.corrupt("unknown block kind \(kind)", at: 1)
            }
            let actualChecksum = crc32(block)
            guard actualChecksum == expectedChecksum else {
                throw .corrupt(context: "block frame", offset: 0, reason: "CRC-32 \(actualChecksum) does not match the stored \(expectedChecksum)")
            }
            return block
        }
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { buffer in
            var crc: UInt = CZlib.crc32(0, nil, 0)
            var offset = 0
            // zlib takes 32-bit lengths.
            while offset < buffer.count {
                let length = min(buffer.count - offset, Int(UInt32.max))
                crc = CZlib.crc32(crc, buffer.baseAddress?.advanced(by: offset).assumingMemoryBound(to: Bytef.self), uInt(length))
                offset += length
            }
            return UInt32(truncatingIfNeeded: crc)
        }
    }

    static func zstdCompress(_ bytes: [UInt8], level: Int32) -> [UInt8]? {
        let bound = ZSTD_compressBound(bytes.count)
        var output = [UInt8](repeating: 0, count: bound)
        let written = output.withUnsafeMutableBytes { destination in
            bytes.withUnsafeBytes { source in
                ZSTD_compress(destination.baseAddress, bound, source.baseAddress, source.count, level)
            }
        }
        guard ZSTD_isError(written) == 0 else { return nil }
        output.removeLast(bound - written)
        return output
    }

    static func zstdDecompress(_ payload: UnsafeRawBufferPointer, length: Int, at offset: Int) throws(CompressionError) -> [UInt8] {
        let contentSize = ZSTD_getFrameContentSize(payload.baseAddress, payload.count)
        // ZSTD_CONTENTSIZE_ERROR and _UNKNOWN are macros that do not import: UInt64.max - 1 and UInt64.max.
        guard contentSize < UInt64.max - 1 else {
            throw .corrupt(context: "block frame", offset: offset, reason: "not a zstd frame with a known size")
        }
        guard contentSize == UInt64(length) else {
            throw .corrupt(context: "block frame", offset: offset, reason: "zstd frame holds \(contentSize) bytes, header says \(length)")
        }
        var output = [UInt8](repeating: 0, count: length)
        let written = output.withUnsafeMutableBytes { destination in
            ZSTD_decompress(destination.baseAddress, length, payload.baseAddress, payload.count)
        }
        if ZSTD_isError(written) != 0 {
            throw .zstd(String(cString: ZSTD_getErrorName(written)))
        }
        guard written == length else {
            throw .corrupt(context: "block frame", offset: offset, reason: "zstd produced \(written) bytes, header says \(length)")
        }
        return output
    }
}
