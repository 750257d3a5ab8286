/// A date and a time of day without an offset (`1979-05-27T07:32:00`): it names no instant until a time
/// zone is chosen, so it is kept as written.
public struct TOMLLocalDateTime: Sendable, Hashable, CustomStringConvertible {
    /// The calendar date.
    public let date: TOMLLocalDate
    /// The time of day.
    public let time: TOMLLocalTime

    /// A local date-time from a date and a time.
    public init(date: TOMLLocalDate, time: TOMLLocalTime) {
        self.date = date
        self.time = time
    }

    /// The date-time in RFC 3339 form without an offset, e.g. `1979-05-27T07:32:00`.
    public var description: String { "\(date)T\(time)" }
}
