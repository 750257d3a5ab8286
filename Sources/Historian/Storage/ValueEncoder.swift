import Compression

/// The streaming encoder of a series' values: floats by `FloatEncoder`, integers (signed, and the
/// bit pattern of unsigned) by `IntegerEncoder`, booleans and string codes by `RunLengthEncoder`.
///
/// A struct with one encoder per kind rather than an enum with payloads: mutating an enum payload
/// copies it, and with it the encoder's buffer, on every append. Unused encoders hold no storage.
struct ValueEncoder: Sendable {
    let kind: ValueKind
    private var floats = FloatEncoder()
    private var integers = IntegerEncoder()
    private var runs = RunLengthEncoder()

    init(kind: ValueKind) {
        self.kind = kind
    }

    mutating func append(bits: UInt64) {
        switch kind {
        case .float: floats.append(Double(bitPattern: bits))
        case .integer, .unsigned: integers.append(Int64(bitPattern: bits))
        case .boolean, .string: runs.append(Int64(bitPattern: bits))
        }
    }

    func encode() -> [UInt8] {
        switch kind {
        case .float: floats.encode()
        case .integer, .unsigned: integers.encode()
        case .boolean, .string: runs.encode()
        }
    }
}
