import Foundation
import OEE

/// A machine's shift calendar: shifts that repeat every day in a time zone, except on
/// non-scheduled weekdays and dates.
public struct OEEShiftCalendarDefinition: Sendable, Equatable {
    /// IANA time zone identifier, for example `Europe/Berlin`.
    public var timeZone: String
    /// The shifts of one scheduled day.
    public var shifts: [OEEShiftDefinition]
    /// Weekdays without shifts, ISO 8601 numbering: 1 = Monday ... 7 = Sunday.
    public var nonScheduledWeekdays: Set<Int>
    /// Dates without shifts (holidays), in the calendar's time zone.
    public var nonScheduledDates: Set<LocalDate>

    public init(timeZone: String, shifts: [OEEShiftDefinition], nonScheduledWeekdays: Set<Int> = [], nonScheduledDates: Set<LocalDate> = []) {
        self.timeZone = timeZone
        self.shifts = shifts
        self.nonScheduledWeekdays = nonScheduledWeekdays
        self.nonScheduledDates = nonScheduledDates
    }

    /// The shifts that start in `[from, to)` (nanoseconds).
    /// - Throws: ``ConfigurationError`` for an unknown time zone; ``OEEError`` for a wall-clock time
    ///   that does not exist on a day (daylight-saving gap) or shifts that overlap.
    func calendar(from: Int64, to: Int64) throws -> ShiftCalendar {
        guard let zone = TimeZone(identifier: timeZone) else {
            throw ConfigurationError.invalid(key: "calendar.time_zone", message: "unknown time zone '\(timeZone)'")
        }
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = zone
        // A night shift that starts the day before `from` may still start after it in another zone
        // offset: begin one day early and keep only the shifts that start in the range.
        let first = Self.localDate(of: from, in: gregorian, plusDays: -1)
        let last = Self.localDate(of: to, in: gregorian, plusDays: 0)
        var skipped = nonScheduledDates
        var day = first
        while let date = gregorian.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12)),
            (day.year, day.month, day.day) <= (last.year, last.month, last.day)
        {
            let weekday = gregorian.component(.weekday, from: date) // 1 = Sunday in Foundation
            if nonScheduledWeekdays.contains(weekday == 1 ? 7 : weekday - 1) { skipped.insert(day) }
            day = Self.localDate(of: Int64(date.timeIntervalSince1970) * 1_000_000_000, in: gregorian, plusDays: 1)
        }
        let generated = try ShiftCalendar(
            patterns: shifts.map(\.pattern), from: first, through: last, timeZone: zone, nonScheduledDays: skipped)
        return try ShiftCalendar(shifts: generated.shifts.filter { $0.window.start >= from && $0.window.start < to })
    }

    static func localDate(of instant: Int64, in calendar: Calendar, plusDays: Int) -> LocalDate {
        let date = Date(timeIntervalSince1970: Double(instant / 1_000_000_000))
        let shifted = calendar.date(byAdding: .day, value: plusDays, to: date) ?? date
        let parts = calendar.dateComponents([.year, .month, .day], from: shifted)
        return LocalDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }
}
