/// Where a chunk lies in a partition file, and its statistics.
struct ChunkIndexEntry: Sendable, Equatable {
    var series: SeriesID
    var offset: Int
    var length: Int
    /// CRC-32C of the chunk's payload bytes.
    var checksum: UInt32
    /// Where the chunk's framed timestamp column lies; chunks with equal columns share one copy.
    var timestampOffset: Int
    var timestampLength: Int
    /// CRC-32C of the framed timestamp column.
    var timestampChecksum: UInt32
    var sequence: UInt64
    var statistics: ChunkStatistics

    /// The order of entries in the index: by series, then minimum time, then sequence.
    var indexOrder: (SeriesID, Int64, UInt64) {
        (series, statistics.minTime, sequence)
    }

    /// Bytes of one entry in the index (see ``PartitionFile``).
    static let encodedSize = 121

    func encode(into writer: inout ByteWriter) {
        writer.append(series)
        writer.append(UInt64(offset))
        writer.append(UInt32(length))
        writer.append(checksum)
        writer.append(UInt64(timestampOffset))
        writer.append(UInt32(timestampLength))
        writer.append(timestampChecksum)
        writer.append(sequence)
        writer.append(statistics.minTime)
        writer.append(statistics.maxTime)
        writer.append(UInt32(statistics.count))
        for value in [
            statistics.min, statistics.max, statistics.sum, statistics.first, statistics.last, statistics.mean, statistics.sumOfSquaredDeviations,
        ] {
            writer.append(value)
        }
        // Flags: bit 0 duplicate timestamps, bit 1 a quality other than good.
        writer.append((statistics.hasDuplicateTimestamps ? UInt8(1) : 0) | (statistics.hasNonGoodQuality ? 2 : 0))
    }

    static func decode(_ reader: inout ByteReader) -> ChunkIndexEntry? {
        guard let series = reader.readUInt32(), let offset = reader.readUInt64(), let length = reader.readUInt32(),
            let checksum = reader.readUInt32(), let timestampOffset = reader.readUInt64(),
            let timestampLength = reader.readUInt32(), let timestampChecksum = reader.readUInt32(),
            let sequence = reader.readUInt64(),
            let minTime = reader.readInt64(), let maxTime = reader.readInt64(), let count = reader.readUInt32(),
            let minimum = reader.readDouble(), let maximum = reader.readDouble(), let sum = reader.readDouble(),
            let first = reader.readDouble(), let last = reader.readDouble(), let mean = reader.readDouble(),
            let deviations = reader.readDouble(), let flags = reader.readUInt8(),
            offset <= UInt64(Int.max), timestampOffset <= UInt64(Int.max)
        else { return nil }
        let statistics = ChunkStatistics(
            minTime: minTime, maxTime: maxTime, count: Int(count), min: minimum, max: maximum, sum: sum,
            first: first, last: last, mean: mean, sumOfSquaredDeviations: deviations, hasDuplicateTimestamps: flags & 1 == 1,
            hasNonGoodQuality: flags & 2 == 2)
        return ChunkIndexEntry(
            series: series, offset: Int(offset), length: Int(length), checksum: checksum, timestampOffset: Int(timestampOffset),
            timestampLength: Int(timestampLength), timestampChecksum: timestampChecksum, sequence: sequence, statistics: statistics)
    }
}
