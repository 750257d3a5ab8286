/// The value of one sample, of its series' ``ValueKind``.
public enum SampleValue: Sendable, Hashable {
    case float(Double)
    case integer(Int64)
    case unsigned(UInt64)
    case boolean(Bool)
    case string(String)

    /// The kind of this value.
    public var kind: ValueKind {
        switch self {
        case .float: .float
        case .integer: .integer
        case .unsigned: .unsigned
        case .boolean: .boolean
        case .string: .string
        }
    }

    /// The value as a Double for arithmetic (rollups, interpolation); true is 1, false is 0, a
    /// string is NaN. Integers beyond 2^53 in magnitude round to the nearest Double.
    public var doubleValue: Double {
        switch self {
        case .float(let value): value
        case .integer(let value): Double(value)
        case .unsigned(let value): Double(value)
        case .boolean(let value): value ? 1 : 0
        case .string: .nan
        }
    }

    /// The 64 stored bits: the IEEE bits of a float, the two's complement of an integer, 0/1 for a
    /// boolean; nil for a string, whose stored bits are its code in the catalog.
    var bits: UInt64? {
        switch self {
        case .float(let value): value.bitPattern
        case .integer(let value): UInt64(bitPattern: value)
        case .unsigned(let value): value
        case .boolean(let value): value ? 1 : 0
        case .string: nil
        }
    }

    /// The value of stored `bits` of `kind`; `text` gives the text of a string code.
    init(bits: UInt64, kind: ValueKind, text: (UInt64) -> String) {
        switch kind {
        case .float: self = .float(Double(bitPattern: bits))
        case .integer: self = .integer(Int64(bitPattern: bits))
        case .unsigned: self = .unsigned(bits)
        case .boolean: self = .boolean(bits != 0)
        case .string: self = .string(text(bits))
        }
    }

    /// The number that rollups use for stored `bits` of `kind` (NaN for strings).
    static func number(bits: UInt64, kind: ValueKind) -> Double {
        switch kind {
        case .float: Double(bitPattern: bits)
        case .integer: Double(Int64(bitPattern: bits))
        case .unsigned: Double(bits)
        case .boolean: bits != 0 ? 1 : 0
        case .string: .nan
        }
    }
}
