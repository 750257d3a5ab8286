/// A calendar date without a time or an offset, as written in the document (`1979-05-27`).
public struct TOMLLocalDate: Sendable, Hashable, CustomStringConvertible {
    /// The year, 0 to 9999.
    public let year: Int
    /// The month, 1 to 12.
    public let month: Int
    /// The day of the month, 1 to the length of that month (February 29 only in a leap year).
    public let day: Int

    /// A date from its parts, or nil if they do not name a real date of the proleptic Gregorian calendar
    /// (RFC 3339 section 5.7).
    public init?(year: Int, month: Int, day: Int) {
        guard (0...9999).contains(year), (1...12).contains(month),
            (1...Self.daysInMonth(month, ofYear: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date as RFC 3339 `full-date`, e.g. `1979-05-27`.
    public var description: String {
        "\(paddedDigits(year, count: 4))-\(paddedDigits(month, count: 2))-\(paddedDigits(day, count: 2))"
    }

    /// Days in a month of the proleptic Gregorian calendar: a year is a leap year if divisible by 4,
    /// except centuries not divisible by 400 (RFC 3339 appendix C).
    static func daysInMonth(_ month: Int, ofYear year: Int) -> Int {
        switch month {
        case 2:
            let isLeapYear = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            return isLeapYear ? 29 : 28
        case 4, 6, 9, 11:
            return 30
        default:
            return 31
        }
    }
}
