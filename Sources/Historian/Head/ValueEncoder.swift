import Compression

/// The streaming encoder of a series' values: floats by `FloatEncoder`, integers (signed, and the
/// bit pattern of unsigned) by `IntegerEncoder`, booleans and string codes by `RunLengthEncoder`.
///
/// A struct with one optional encoder per kind rather than an enum with payloads: mutating an enum
/// payload copies it, and with it the encoder's buffer, on every append, while optional chaining
/// mutates in place. Only the encoder of the chunk's kind exists: the vector encoders reserve a
/// vector of 1,024 values (8 KiB) when created.
struct ValueEncoder: Sendable {
    let kind: ValueKind
    private var floats: FloatEncoder?
    private var integers: IntegerEncoder?
    private var runs: RunLengthEncoder?

    init(kind: ValueKind) {
        self.kind = kind
        switch kind {
        case .float: floats = FloatEncoder()
        case .integer, .unsigned: integers = IntegerEncoder()
        case .boolean, .string: runs = RunLengthEncoder()
        }
    }

    /// Bytes held by values not yet encoded into a vector (see Compression's `VectorStreamEncoder`);
    /// run-length encoders hold none.
    var pendingBytes: Int {
        switch kind {
        case .float: floats?.pendingBytes ?? 0
        case .integer, .unsigned: integers?.pendingBytes ?? 0
        case .boolean, .string: 0
        }
    }

    mutating func append(bits: UInt64) {
        switch kind {
        case .float: floats?.append(Double(bitPattern: bits))
        case .integer, .unsigned: integers?.append(Int64(bitPattern: bits))
        case .boolean, .string: runs?.append(Int64(bitPattern: bits))
        }
    }

    func encode() -> [UInt8] {
        switch kind {
        case .float: floats?.encode() ?? []
        case .integer, .unsigned: integers?.encode() ?? []
        case .boolean, .string: runs?.encode() ?? []
        }
    }
}
