/// A wall-clock time of day in the calendar's time zone.
public struct LocalTime: Hashable, Comparable, Sendable {
    /// Hour, 0...23.
    public var hour: Int
    /// Minute, 0...59.
    public var minute: Int

    public init(hour: Int, minute: Int = 0) {
        self.hour = hour
        self.minute = minute
    }

    public static func < (left: LocalTime, right: LocalTime) -> Bool {
        (left.hour, left.minute) < (right.hour, right.minute)
    }
}
