import Compression

/// The bytes of one chunk, in two frames: its timestamp column alone (so that a partition file
/// can store a column that several series share once), and its value column with a varint length
/// prefix followed by its quality column (the rest of the block). Both are framed by `BlockFraming`
/// (zstd when it helps, with its own CRC-32).
enum ChunkPayload {
    static func encode(values: [UInt8], qualities: [UInt8]) -> [UInt8] {
        var writer = ByteWriter()
        writer.bytes.reserveCapacity(10 + values.count + qualities.count)
        writer.appendVarint(UInt64(values.count))
        writer.append(contentsOf: values)
        writer.append(contentsOf: qualities)
        return BlockFraming.seal(writer.bytes)
    }

    static func encode(timestamps: [UInt8]) -> [UInt8] {
        BlockFraming.seal(timestamps)
    }

    /// Decodes the frames of a series of `kind`; `context` names the file for errors, `offset` the chunk's position in it.
    static func decode(timestamps: [UInt8], payload: [UInt8], kind: ValueKind, context: String, offset: Int) throws(HistorianError) -> DecodedChunk {
        try decode(try open(timestamps: timestamps, payload: payload, context: context, offset: offset), kind: kind, context: context, offset: offset)
    }

    /// Decodes only the timestamps and the values as Doubles (booleans 0/1, strings NaN), for rollups.
    static func decodeNumeric(
        timestamps: [UInt8], payload: [UInt8], kind: ValueKind, context: String, offset: Int
    ) throws(HistorianError) -> (timestamps: [Int64], values: [Double]) {
        try decodeNumeric(
            try open(timestamps: timestamps, payload: payload, context: context, offset: offset), kind: kind, context: context, offset: offset)
    }

    /// Opens both frames and splits the columns.
    static func open(timestamps: [UInt8], payload: [UInt8], context: String, offset: Int) throws(HistorianError) -> ChunkColumns {
        let timestampColumn: [UInt8]
        let block: [UInt8]
        do throws(CompressionError) {
            timestampColumn = try BlockFraming.open(timestamps)
            block = try BlockFraming.open(payload)
        } catch {
            throw .corrupt(path: context, offset: offset, reason: "chunk frame does not open: \(error)")
        }
        guard let (values, qualities) = splitColumns(block) else {
            throw .corrupt(path: context, offset: offset, reason: "chunk columns cut short")
        }
        return ChunkColumns(timestamps: timestampColumn, values: values, qualities: qualities)
    }

    static func decode(_ columns: ChunkColumns, kind: ValueKind, context: String, offset: Int) throws(HistorianError) -> DecodedChunk {
        let timestamps: [Int64]
        let bits: [UInt64]
        let qualities: [Int64]
        do throws(CompressionError) {
            timestamps = try TimestampDecoder(columns.timestamps).decodeAll()
            switch kind {
            case .float: bits = try FloatDecoder(columns.values).decodeAll().map(\.bitPattern)
            case .integer, .unsigned: bits = try IntegerDecoder(columns.values).decodeAll().map { UInt64(bitPattern: $0) }
            case .boolean, .string: bits = try RunLengthDecoder(columns.values).decodeAll().map { UInt64(bitPattern: $0) }
            }
            qualities = try RunLengthDecoder(columns.qualities).decodeAll()
        } catch {
            throw .corrupt(path: context, offset: offset, reason: "chunk does not decode: \(error)")
        }
        guard bits.count == timestamps.count, qualities.count == timestamps.count else {
            throw .corrupt(
                path: context, offset: offset,
                reason: "chunk columns disagree: \(timestamps.count) timestamps, \(bits.count) values, \(qualities.count) qualities")
        }
        return DecodedChunk(timestamps: timestamps, bits: bits, qualities: qualities.map { UInt8(clamping: $0) })
    }

    static func decodeNumeric(_ columns: ChunkColumns, kind: ValueKind, context: String, offset: Int) throws(HistorianError) -> (
        timestamps: [Int64], values: [Double]
    ) {
        let timestamps: [Int64]
        let values: [Double]
        do throws(CompressionError) {
            timestamps = try TimestampDecoder(columns.timestamps).decodeAll()
            switch kind {
            case .float: values = try FloatDecoder(columns.values).decodeAll()
            case .integer: values = try IntegerDecoder(columns.values).decodeAll().map { Double($0) }
            case .unsigned: values = try IntegerDecoder(columns.values).decodeAll().map { Double(UInt64(bitPattern: $0)) }
            case .boolean: values = try RunLengthDecoder(columns.values).decodeAll().map { $0 != 0 ? 1 : 0 }
            case .string: values = try RunLengthDecoder(columns.values).decodeAll().map { _ in .nan }
            }
        } catch {
            throw .corrupt(path: context, offset: offset, reason: "chunk does not decode: \(error)")
        }
        guard values.count == timestamps.count else {
            throw .corrupt(path: context, offset: offset, reason: "chunk columns disagree: \(timestamps.count) timestamps, \(values.count) values")
        }
        return (timestamps, values)
    }

    private static func splitColumns(_ block: [UInt8]) -> (values: [UInt8], qualities: [UInt8])? {
        block.withUnsafeBytes { raw -> (values: [UInt8], qualities: [UInt8])? in
            var reader = ByteReader(raw)
            guard let valueLength = reader.readVarint(), valueLength <= UInt64(reader.remaining),
                let values = reader.readBytes(Int(valueLength)), let qualities = reader.readBytes(reader.remaining)
            else { return nil }
            return (values, qualities)
        }
    }
}
