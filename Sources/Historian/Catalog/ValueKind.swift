/// The type of a series' values. A series keeps the kind of its first sample; later samples of
/// another kind are rejected, as InfluxDB rejects a field type conflict.
public enum ValueKind: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// 64-bit IEEE float (analog signals).
    case float = 1
    /// Signed 64-bit integer (counters, integer fields).
    case integer = 2
    /// Unsigned 64-bit integer.
    case unsigned = 3
    /// Boolean (stored as 0/1).
    case boolean = 4
    /// Text: states, reasons, order numbers. Each distinct text of a series gets a code in the
    /// catalog; chunks store the codes run-length encoded.
    case string = 5

    public var description: String {
        switch self {
        case .float: "float"
        case .integer: "integer"
        case .unsigned: "unsigned"
        case .boolean: "boolean"
        case .string: "string"
        }
    }
}
