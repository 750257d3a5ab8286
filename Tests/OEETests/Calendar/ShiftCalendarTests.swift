import Testing

@testable import OEE

@Suite struct ShiftCalendarTests {
    func calendar() throws -> ShiftCalendar {
        // Early 06:00-14:00 with a break 09:00-09:30; Late 16:00-22:00 (14:00-16:00 is non-scheduled).
        try ShiftCalendar(shifts: [
            shift("Late", startHour: 16, lengthHours: 6),
            shift("Early", startHour: 6, lengthHours: 8, breaks: [(180, 30)]),
        ])
    }

    @Test func shiftsAreSortedAndHalfOpen() throws {
        let calendar = try calendar()
        #expect(calendar.shifts.map(\.name) == ["Early", "Late"])
        #expect(calendar.shiftIndex(containing: day0 + hours(6)) == 0)
        #expect(calendar.shiftIndex(containing: day0 + hours(14) - 1) == 0)
        #expect(calendar.shiftIndex(containing: day0 + hours(14)) == nil)
        #expect(calendar.shiftIndex(containing: day0 + hours(16)) == 1)
        #expect(calendar.shiftIndex(containing: day0 + hours(22)) == nil)
        #expect(calendar.shiftIndex(containing: day0) == nil)
    }

    @Test func productiveWindowsLeaveOutBreaks() throws {
        let early = try calendar().shifts[0]
        #expect(
            early.productiveWindows == [
                TimeWindow(start: day0 + hours(6), end: day0 + hours(9)),
                TimeWindow(start: day0 + hours(9) + minutes(30), end: day0 + hours(14)),
            ])
        #expect(early.plannedProductionTime == minutes(450))
    }

    @Test func firstProductiveInstantSkipsBreaksAndGaps() throws {
        let calendar = try calendar()
        #expect(calendar.firstProductiveInstant(atOrAfter: day0) == day0 + hours(6))
        #expect(
            calendar.firstProductiveInstant(atOrAfter: day0 + hours(9) + minutes(10)) == day0 + hours(9) + minutes(30))
        #expect(calendar.firstProductiveInstant(atOrAfter: day0 + hours(15)) == day0 + hours(16))
        #expect(calendar.firstProductiveInstant(atOrAfter: day0 + hours(17)) == day0 + hours(17))
        #expect(calendar.firstProductiveInstant(atOrAfter: day0 + hours(22)) == nil)
    }
}
