/// Maps signed integers to unsigned ones so that values near zero get few bits: 0, -1, 1, -2 -> 0, 1, 2, 3.
public enum ZigZag {
    /// The unsigned code of `value`.
    @inlinable
    public static func encode(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value &<< 1) ^ (value >> 63))
    }

    /// The signed value of `value`, a code from ``encode(_:)``.
    @inlinable
    public static func decode(_ value: UInt64) -> Int64 {
        Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }
}
