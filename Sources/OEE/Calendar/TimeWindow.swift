/// A half-open time window `[start, end)` in nanoseconds since the Unix epoch (UTC).
public struct TimeWindow: Hashable, Sendable {
    /// First instant inside the window, nanoseconds since 1970-01-01T00:00:00Z.
    public var start: Int64
    /// First instant after the window, nanoseconds since 1970-01-01T00:00:00Z.
    public var end: Int64

    /// A window `[start, end)`; no check is made here (see ``validated(item:)``).
    public init(start: Int64, end: Int64) {
        self.start = start
        self.end = end
    }

    /// Length in nanoseconds (`end - start`).
    public var duration: Int64 { end - start }

    /// Whether `instant` lies in `[start, end)`.
    public func contains(_ instant: Int64) -> Bool {
        start <= instant && instant < end
    }

    /// Whether `other` lies entirely inside this window.
    public func contains(_ other: TimeWindow) -> Bool {
        start <= other.start && other.end <= end
    }

    /// Whether the two windows share at least one instant.
    public func overlaps(_ other: TimeWindow) -> Bool {
        start < other.end && other.start < end
    }

    /// Returns the window unchanged, or throws ``OEEError/emptyWindow(item:start:end:)`` naming `item`.
    func validated(item: String) throws(OEEError) -> TimeWindow {
        guard end > start else { throw .emptyWindow(item: item, start: start, end: end) }
        return self
    }
}
