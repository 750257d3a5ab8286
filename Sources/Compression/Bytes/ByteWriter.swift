/// An append-only byte buffer with the primitive encodings every codec of this module uses.
@usableFromInline
struct ByteWriter: Sendable {
    @usableFromInline var bytes: [UInt8]

    @inlinable
    init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    @inlinable
    var count: Int { bytes.count }

    @inlinable
    mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    @inlinable
    mutating func append(contentsOf other: [UInt8]) {
        bytes.append(contentsOf: other)
    }

    /// LEB128: seven bits per byte, low bits first.
    @inlinable
    mutating func appendVarint(_ value: UInt64) {
        var remaining = value
        while remaining >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: remaining) | 0x80)
            remaining >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: remaining))
    }

    @inlinable
    mutating func appendSignedVarint(_ value: Int64) {
        appendVarint(ZigZag.encode(value))
    }

    @inlinable
    mutating func appendLittleEndian(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    @inlinable
    mutating func appendLittleEndian(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}

/// Number of bytes `ByteWriter.appendVarint` writes for `value`.
@inlinable
func varintLength(_ value: UInt64) -> Int {
    let bits = 64 - value.leadingZeroBitCount
    return bits == 0 ? 1 : (bits + 6) / 7
}
