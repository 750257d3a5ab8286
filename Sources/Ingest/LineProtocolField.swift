import Historian

/// One `key=value` field of a line: the key is a byte range in the parsed buffer, escapes still in place.
public struct LineProtocolField: Sendable, Equatable {
    /// The field key's bytes (escaped) in the parsed buffer.
    public var key: Range<Int>
    /// The parsed value.
    public var value: LineProtocolValue
}
