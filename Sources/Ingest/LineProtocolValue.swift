import Historian

/// A field value of a line protocol line.
///
/// String values are not copied: they are the byte range, quotes excluded and escapes still in
/// place, of the buffer the line was parsed from (see ``LineProtocolLine/string(_:)``).
public enum LineProtocolValue: Sendable, Equatable {
    /// A 64-bit float (`1.5`, `-3e2`, `7`).
    case float(Double)
    /// A signed integer (`42i`).
    case integer(Int64)
    /// An unsigned integer (`42u`).
    case unsigned(UInt64)
    /// A boolean (`t`, `true`, `F`, `FALSE`, ...).
    case boolean(Bool)
    /// A double-quoted string: the byte range of its content in the parsed buffer.
    case string(Range<Int>)
}
