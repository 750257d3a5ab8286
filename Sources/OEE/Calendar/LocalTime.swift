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

/// A calendar day in the calendar's time zone.
public struct LocalDate: Hashable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `yyyy-MM-dd`.
    public var description: String {
        let monthText = month < 10 ? "0\(month)" : "\(month)"
        let dayText = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(monthText)-\(dayText)"
    }
}
