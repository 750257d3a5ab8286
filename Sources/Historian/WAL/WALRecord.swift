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

    func encode() -> [UInt8] {
        var writer = ByteWriter()
        switch self {
        case .samples(let samples):
            writer.bytes.reserveCapacity(5 + samples.count * Self.bytesPerSample)
            writer.append(Self.samplesType)
            writer.append(UInt32(samples.count))
            for sample in samples {
                writer.append(sample.series)
                writer.append(sample.timestamp)
                writer.append(sample.bits)
                writer.append(sample.quality)
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
