/// The `checkpoint` file: the last WAL segment whose records are all in partition files.
///
/// Written atomically after every partition file of a flush is durable, so that a crash in the
/// middle of a flush leaves the WAL as the authority. Layout: magic `HISTDCKP`, version `UInt32`,
/// covered segment `UInt64`, CRC-32C of the preceding 20 bytes `UInt32`.
enum Checkpoint {
    static let magic: [UInt8] = Array("HISTDCKP".utf8)
    static let formatVersion: UInt32 = 1

    static func read(_ path: String) throws(HistorianError) -> UInt64 {
        guard FileIO.exists(path) else { return 0 }
        let bytes = try FileIO.readFile(path)
        let covered: UInt64? = bytes.withUnsafeBytes { raw in
            var reader = ByteReader(raw)
            guard reader.readBytes(8) == magic, reader.readUInt32() == formatVersion, let covered = reader.readUInt64(),
                let checksum = reader.readUInt32(), reader.remaining == 0,
                checksum == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<20]))
            else { return nil }
            return covered
        }
        guard let covered else { throw .corrupt(path: path, offset: 0, reason: "checkpoint file does not match its format or checksum") }
        return covered
    }

    static func write(covered: UInt64, to path: String, directory: String, faults: (any FileFaults)? = nil) throws(HistorianError) {
        var writer = ByteWriter()
        writer.append(contentsOf: magic)
        writer.append(formatVersion)
        writer.append(covered)
        writer.append(CRC32C.checksum(writer.bytes))
        try FileIO.writeAtomically(writer.bytes, to: path, directory: directory, faults: faults)
    }
}
