import Historian

/// One `key=value` tag of a line: byte ranges in the parsed buffer, escapes still in place.
public struct LineProtocolTag: Sendable, Equatable {
    /// The tag key's bytes (escaped).
    public var key: Range<Int>
    /// The tag value's bytes (escaped).
    public var value: Range<Int>
}
