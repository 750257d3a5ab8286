import Foundation

/// A shift that repeats every scheduled day at the same wall-clock times, for example
/// "Night, 22:00 to 06:00, break 02:00 to 02:30".
///
/// An end (or break) at or before the start falls on the next day. Instants come from Foundation's
/// `Calendar` in the pattern's time zone, so a shift across a daylight-saving change has its true
/// length (a Europe/Berlin night shift 22:00-06:00 lasts 7 h on 2026-03-29 and 9 h on 2026-10-25).
public struct ShiftPattern: Sendable {
    /// Name of the shift; every generated shift carries it (roll up by day to tell them apart).
    public var name: String
    /// Wall-clock start.
    public var start: LocalTime
    /// Wall-clock end; on the next day when not after ``start``.
    public var end: LocalTime
    /// Planned breaks as wall-clock windows; a break that starts before ``start`` lies on the next day.
    public var breaks: [(start: LocalTime, end: LocalTime)]

    public init(name: String, start: LocalTime, end: LocalTime, breaks: [(start: LocalTime, end: LocalTime)] = []) {
        self.name = name
        self.start = start
        self.end = end
        self.breaks = breaks
    }

    /// The shift of this pattern that starts on `day`.
    /// - Throws: ``OEEError/unresolvableLocalTime(pattern:day:)`` when a wall-clock time falls into
    ///   a daylight-saving gap; the errors of ``Shift/init(name:window:breaks:)``.
    func shift(on day: LocalDate, calendar: Calendar) throws(OEEError) -> Shift {
        let shiftStart = try instant(of: start, on: day, plusDays: 0, calendar: calendar)
        let shiftEnd = try instant(of: end, on: day, plusDays: end > start ? 0 : 1, calendar: calendar)
        var windows: [TimeWindow] = []
        for plannedBreak in breaks {
            let startDay = plannedBreak.start < start ? 1 : 0
            let endDay = startDay + (plannedBreak.end > plannedBreak.start ? 0 : 1)
            windows.append(
                TimeWindow(
                    start: try instant(of: plannedBreak.start, on: day, plusDays: startDay, calendar: calendar),
                    end: try instant(of: plannedBreak.end, on: day, plusDays: endDay, calendar: calendar)))
        }
        return try Shift(name: name, window: TimeWindow(start: shiftStart, end: shiftEnd), breaks: windows)
    }

    private func instant(of time: LocalTime, on day: LocalDate, plusDays: Int, calendar: Calendar) throws(OEEError)
        -> Int64
    {
        let wanted = DateComponents(
            year: day.year, month: day.month, day: day.day + plusDays, hour: time.hour, minute: time.minute)
        guard let date = calendar.date(from: wanted) else { throw .unresolvableLocalTime(pattern: name, day: "\(day)") }
        let actual = calendar.dateComponents([.hour, .minute], from: date)
        guard actual.hour == time.hour, actual.minute == time.minute else {
            throw .unresolvableLocalTime(pattern: name, day: "\(day)")
        }
        return Int64((date.timeIntervalSince1970 * 1_000).rounded()) * 1_000_000
    }
}

extension ShiftCalendar {
    /// Generates the shifts of `patterns` for every day from `firstDay` through `lastDay` in
    /// `timeZone`, skipping non-scheduled days.
    /// - Parameters:
    ///   - patterns: the shifts of one day.
    ///   - firstDay: first day (local) whose shifts are generated.
    ///   - lastDay: last day (local), inclusive.
    ///   - timeZone: the plant's time zone.
    ///   - nonScheduledDays: days without any shift (weekends, holidays).
    /// - Throws: ``OEEError/unresolvableLocalTime(pattern:day:)``, ``OEEError/shiftsOverlap(first:second:)``
    ///   and the errors of ``Shift/init(name:window:breaks:)``.
    public init(
        patterns: [ShiftPattern], from firstDay: LocalDate, through lastDay: LocalDate, timeZone: TimeZone,
        nonScheduledDays: Set<LocalDate> = []
    ) throws(OEEError) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var shifts: [Shift] = []
        var day = firstDay
        while (day.year, day.month, day.day) <= (lastDay.year, lastDay.month, lastDay.day) {
            if !nonScheduledDays.contains(day) {
                for pattern in patterns { shifts.append(try pattern.shift(on: day, calendar: calendar)) }
            }
            guard
                let next = calendar.date(
                    from: DateComponents(year: day.year, month: day.month, day: day.day + 1, hour: 12))
            else { break }
            let parts = calendar.dateComponents([.year, .month, .day], from: next)
            day = LocalDate(year: parts.year ?? day.year, month: parts.month ?? day.month, day: parts.day ?? day.day)
        }
        try self.init(shifts: shifts)
    }
}
