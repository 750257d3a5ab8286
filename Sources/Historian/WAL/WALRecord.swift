/// One record of the write-ahead log.
///
/// Payload layout (little-endian): a type byte, then
/// - samples (1): count `UInt32`, then per sample series `UInt32`, timestamp `Int64`, value bits `UInt64`, quality `UInt8`;
/// - delete (2): series `UInt32`, from `Int64`, to `Int64` (the range `[from, to)`).
enum WALRecord: Equatable {
    case samples([RawSample])
    case delete(series: SeriesID, from: Int64, to: Int64)

    static let samplesType: UInt8 = 1
    static let deleteType: UInt8 = 2
    static let bytesPerSample = 21

    /// The payload, after `headroom` zero bytes (room for the frame header, so the log need not copy it).
    func encode(headroom: Int = 0) -> [UInt8] {
        var writer = ByteWriter()
        writer.bytes = [UInt8](repeating: 0, count: headroom)
        switch self {
        case .samples(let samples):
            // The hot path of every write: fill the bytes in place rather than append field by field.
            let count = headroom + 5 + samples.count * Self.bytesPerSample
            return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                let raw = UnsafeMutableRawBufferPointer(buffer)
                for index in 0..<headroom { raw[index] = 0 }
                raw.storeBytes(of: Self.samplesType, toByteOffset: headroom, as: UInt8.self)
                raw.storeBytes(of: UInt32(samples.count).littleEndian, toByteOffset: headroom + 1, as: UInt32.self)
                var offset = headroom + 5
                for sample in samples {
                    raw.storeBytes(of: sample.series.littleEndian, toByteOffset: offset, as: UInt32.self)
                    raw.storeBytes(of: sample.timestamp.littleEndian, toByteOffset: offset + 4, as: Int64.self)
                    raw.storeBytes(of: sample.bits.littleEndian, toByteOffset: offset + 12, as: UInt64.self)
                    raw.storeBytes(of: sample.quality, toByteOffset: offset + 20, as: UInt8.self)
                    offset += Self.bytesPerSample
                }
                initialized = count
            }
        case .delete(let series, let from, let to):
            writer.append(Self.deleteType)
            writer.append(series)
            writer.append(from)
            writer.append(to)
        }
        return writer.bytes
    }

    /// Decodes a payload whose checksum matched; nil when its structure is impossible.
    static func decode(_ payload: UnsafeRawBufferPointer) -> WALRecord? {
        var reader = ByteReader(payload)
        switch reader.readUInt8() {
        case samplesType:
            guard let count = reader.readUInt32(), reader.remaining == Int(count) * bytesPerSample else { return nil }
            var samples: [RawSample] = []
            samples.reserveCapacity(Int(count))
            for _ in 0..<count {
                guard let series = reader.readUInt32(), let timestamp = reader.readInt64(), let bits = reader.readUInt64(),
                      let quality = reader.readUInt8() else { return nil }
                samples.append(RawSample(series: series, timestamp: timestamp, bits: bits, quality: quality))
            }
            return .samples(samples)
        case deleteType:
            guard let series = reader.readUInt32(), let from = reader.readInt64(), let to = reader.readInt64(), reader.remaining == 0 else {
                return nil
            }
            return .delete(series: series, from: from, to: to)
        default:
            return nil
        }
    }
}
