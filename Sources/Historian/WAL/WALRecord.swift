import Compression

/// One record of the write-ahead log.
///
/// Payload layout (little-endian): a type byte, then
/// - samples (3, written): count `UInt32`, then per sample the series and the timestamp as zigzag
///   LEB128 varints of their difference to the previous sample's (the first to 0), value bits
///   `UInt64`, quality `UInt8`: about 11.5 bytes per sample for line protocol batches, where the
///   fields of a line share the timestamp and have neighbouring series ids;
/// - samples (1, read only, logs of earlier versions): count `UInt32`, then per sample series
///   `UInt32`, timestamp `Int64`, value bits `UInt64`, quality `UInt8` (21 bytes);
/// - delete (2): series `UInt32`, from `Int64`, to `Int64` (the range `[from, to)`).
///
/// The WAL's fsync dominates a write's latency past a few hundred kilobytes and grows with the
/// bytes (about 3.5 ms per MB here), so the sample record is kept compact.
enum WALRecord: Equatable {
    case samples([RawSample])
    case delete(series: SeriesID, from: Int64, to: Int64)

    static let fixedSamplesType: UInt8 = 1
    static let deleteType: UInt8 = 2
    static let samplesType: UInt8 = 3
    static let bytesPerFixedSample = 21
    /// Two varints of at most 10 bytes, the value bits and the quality.
    static let maximumBytesPerSample = 29

    /// The payload, after `headroom` zero bytes (room for the frame header, so the log need not copy it).
    func encode(headroom: Int = 0) -> [UInt8] {
        var writer = ByteWriter()
        writer.bytes = [UInt8](repeating: 0, count: headroom)
        switch self {
        case .samples(let samples):
            // The hot path of every write: fill the bytes in place rather than append field by field.
            let capacity = headroom + 5 + samples.count * Self.maximumBytesPerSample
            return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                let raw = UnsafeMutableRawBufferPointer(buffer)
                for index in 0..<headroom { raw[index] = 0 }
                raw.storeBytes(of: Self.samplesType, toByteOffset: headroom, as: UInt8.self)
                raw.storeBytes(of: UInt32(samples.count).littleEndian, toByteOffset: headroom + 1, as: UInt32.self)
                var offset = headroom + 5
                var previousSeries: Int64 = 0
                var previousTimestamp: Int64 = 0
                for sample in samples {
                    let series = Int64(sample.series)
                    offset = Self.putVarint(ZigZag.encode(series &- previousSeries), into: raw, at: offset)
                    offset = Self.putVarint(ZigZag.encode(sample.timestamp &- previousTimestamp), into: raw, at: offset)
                    raw.storeBytes(of: sample.bits.littleEndian, toByteOffset: offset, as: UInt64.self)
                    raw.storeBytes(of: sample.quality, toByteOffset: offset + 8, as: UInt8.self)
                    offset += 9
                    previousSeries = series
                    previousTimestamp = sample.timestamp
                }
                initialized = offset
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
            // Each sample takes at least 11 bytes: a count the payload cannot hold is refused before reserving.
            guard let count = reader.readUInt32(), Int(count) <= reader.remaining / 11 else { return nil }
            var samples: [RawSample] = []
            samples.reserveCapacity(Int(count))
            var series: Int64 = 0
            var timestamp: Int64 = 0
            for _ in 0..<count {
                guard let seriesDelta = reader.readVarint(), let timestampDelta = reader.readVarint(),
                    let bits = reader.readUInt64(), let quality = reader.readUInt8()
                else { return nil }
                series = series &+ ZigZag.decode(seriesDelta)
                timestamp = timestamp &+ ZigZag.decode(timestampDelta)
                guard let id = SeriesID(exactly: series) else { return nil }
                samples.append(RawSample(series: id, timestamp: timestamp, bits: bits, quality: quality))
            }
            return reader.remaining == 0 ? .samples(samples) : nil
        case fixedSamplesType:
            guard let count = reader.readUInt32(), reader.remaining == Int(count) * bytesPerFixedSample else { return nil }
            var samples: [RawSample] = []
            samples.reserveCapacity(Int(count))
            for _ in 0..<count {
                guard let series = reader.readUInt32(), let timestamp = reader.readInt64(), let bits = reader.readUInt64(),
                    let quality = reader.readUInt8()
                else { return nil }
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

    /// Whether a payload of `length` bytes starting with `prefix` (its first up to 5 bytes) can be
    /// a record: the type is known and the length fits the count it announces. A cheap test before
    /// a checksum when looking for the next record after damage.
    static func isPlausible(_ prefix: UnsafeRawBufferPointer, length: Int) -> Bool {
        guard let type = prefix.first else { return false }
        switch type {
        case deleteType:
            return length == 21
        case samplesType, fixedSamplesType:
            guard prefix.count == 5 else { return false }
            let count = Int(UInt32(littleEndian: prefix.loadUnaligned(fromByteOffset: 1, as: UInt32.self)))
            if type == fixedSamplesType { return length == 5 + count * bytesPerFixedSample }
            return count >= 1 && length >= 5 + count * 11 && length <= 5 + count * maximumBytesPerSample
        default:
            return false
        }
    }

    /// Writes `value` as a LEB128 varint at `offset`; returns the offset after it.
    private static func putVarint(_ value: UInt64, into raw: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
        var value = value
        var offset = offset
        while value >= 0x80 {
            raw.storeBytes(of: UInt8(truncatingIfNeeded: value) | 0x80, toByteOffset: offset, as: UInt8.self)
            value >>= 7
            offset += 1
        }
        raw.storeBytes(of: UInt8(truncatingIfNeeded: value), toByteOffset: offset, as: UInt8.self)
        return offset + 1
    }
}
