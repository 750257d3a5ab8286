/// A date and a time of day with an offset from UTC (`1979-05-27T00:32:00-07:00`): one instant, kept as
/// written (the local date and time and the offset, not converted to UTC).
public struct TOMLOffsetDateTime: Sendable, Hashable, CustomStringConvertible {
    /// The calendar date in the offset's local time.
    public let date: TOMLLocalDate
    /// The time of day in the offset's local time.
    public let time: TOMLLocalTime
    /// The offset from UTC in minutes, -1439 to 1439 (`Z` is 0, `-07:00` is -420).
    public let offsetMinutes: Int

    /// An offset date-time from its parts, or nil if the offset is not within ±23:59.
    public init?(date: TOMLLocalDate, time: TOMLLocalTime, offsetMinutes: Int) {
        guard (-1439...1439).contains(offsetMinutes) else { return nil }
        self.date = date
        self.time = time
        self.offsetMinutes = offsetMinutes
    }

    /// The date-time as RFC 3339 `date-time`, e.g. `1979-05-27T00:32:00-07:00`; a zero offset is `Z`.
    public var description: String {
        guard offsetMinutes != 0 else { return "\(date)T\(time)Z" }
        let sign = offsetMinutes < 0 ? "-" : "+"
        let magnitude = abs(offsetMinutes)
        return "\(date)T\(time)\(sign)\(paddedDigits(magnitude / 60, count: 2)):\(paddedDigits(magnitude % 60, count: 2))"
    }
}
