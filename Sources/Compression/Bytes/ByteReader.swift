/// A bounds-checked cursor over encoded bytes. Every read either succeeds or throws; none traps.
@usableFromInline
struct ByteReader {
    @usableFromInline let buffer: UnsafeRawBufferPointer
    @usableFromInline var offset: Int
    @usableFromInline let context: String

    @inlinable
    init(_ buffer: UnsafeRawBufferPointer, offset: Int = 0, context: String) {
        self.buffer = buffer
        self.offset = offset
        self.context = context
    }

    @inlinable
    var remaining: Int { buffer.count - offset }

    @inlinable
    var isAtEnd: Bool { offset >= buffer.count }

    @inlinable
    mutating func readByte() throws(CompressionError) -> UInt8 {
        guard offset < buffer.count else { throw .truncated(context: context, offset: offset) }
        let byte = buffer[offset]
        offset += 1
        return byte
    }

    @inlinable
    mutating func readVarint() throws(CompressionError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < buffer.count else { throw .truncated(context: context, offset: offset) }
            let byte = buffer[offset]
            offset += 1
            if shift == 63 && byte > 1 {
                throw .corrupt(context: context, offset: offset - 1, reason: "varint longer than 64 bits")
            }
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    @inlinable
    mutating func readSignedVarint() throws(CompressionError) -> Int64 {
        ZigZag.decode(try readVarint())
    }

    /// A length or count field, checked against `limit` before anyone allocates from it.
    @inlinable
    mutating func readLength(limit: Int, what: String) throws(CompressionError) -> Int {
        let start = offset
        let value = try readVarint()
        guard value <= UInt64(limit) else {
            throw .corrupt(context: context, offset: start, reason: "\(what) \(value) exceeds the limit \(limit)")
        }
        return Int(value)
    }

    /// A byte count that must fit in what is left after the count itself.
    @inlinable
    mutating func readByteCount(what: String) throws(CompressionError) -> Int {
        let start = offset
        let value = try readVarint()
        guard value <= UInt64(remaining) else {
            throw .corrupt(context: context, offset: start, reason: "\(what) \(value) exceeds the \(remaining) bytes left")
        }
        return Int(value)
    }

    @inlinable
    mutating func readLittleEndianUInt64() throws(CompressionError) -> UInt64 {
        guard remaining >= 8 else { throw .truncated(context: context, offset: buffer.count) }
        let value = buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        offset += 8
        return UInt64(littleEndian: value)
    }

    @inlinable
    mutating func readLittleEndianUInt32() throws(CompressionError) -> UInt32 {
        guard remaining >= 4 else { throw .truncated(context: context, offset: buffer.count) }
        let value = buffer.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
        offset += 4
        return UInt32(littleEndian: value)
    }

    /// Skips `count` bytes and returns where they started.
    @inlinable
    mutating func skip(_ count: Int) throws(CompressionError) -> Int {
        guard count >= 0, remaining >= count else { throw .truncated(context: context, offset: buffer.count) }
        let start = offset
        offset += count
        return start
    }

    @inlinable
    func corrupt(_ reason: String, at position: Int? = nil) -> CompressionError {
        .corrupt(context: context, offset: position ?? offset, reason: reason)
    }
}
