import Foundation
import Testing

@testable import OEE

/// Shifts generated from wall-clock patterns keep their true length across daylight-saving changes.
@Suite struct ShiftPatternTests {
    func berlin() throws -> TimeZone { try #require(TimeZone(identifier: "Europe/Berlin")) }
    let night = ShiftPattern(
        name: "Night", start: LocalTime(hour: 22), end: LocalTime(hour: 6),
        breaks: [(start: LocalTime(hour: 1), end: LocalTime(hour: 1, minute: 30))])

    @Test func springForwardNightShiftLastsSevenHours() throws {
        // 2026-03-29: clocks go from 02:00 CET to 03:00 CEST. 22:00 CET = 21:00Z, 06:00 CEST = 04:00Z.
        let calendar = try ShiftCalendar(
            patterns: [night], from: LocalDate(year: 2026, month: 3, day: 28),
            through: LocalDate(year: 2026, month: 3, day: 28),
            timeZone: berlin())
        let shift = try #require(calendar.shifts.first)
        #expect(shift.name == "Night")
        #expect(shift.window.duration == hours(7))
        // 2026-03-28T21:00:00Z = 1,774,731,600 s since the epoch.
        #expect(shift.window.start == seconds(1_774_731_600))
        // Planned production time = 7 h - 30 min break = 390 min.
        #expect(shift.plannedProductionTime == minutes(390))
    }

    @Test func fallBackNightShiftLastsNineHours() throws {
        // 2026-10-25: clocks go from 03:00 CEST back to 02:00 CET. 22:00 CEST = 20:00Z, 06:00 CET = 05:00Z.
        let calendar = try ShiftCalendar(
            patterns: [night], from: LocalDate(year: 2026, month: 10, day: 24),
            through: LocalDate(year: 2026, month: 10, day: 24),
            timeZone: berlin())
        let shift = try #require(calendar.shifts.first)
        #expect(shift.window.duration == hours(9))
        #expect(shift.plannedProductionTime == minutes(510))
    }

    @Test func oeeOfTheShortNightUsesItsTrueLength() throws {
        let calendar = try ShiftCalendar(
            patterns: [night], from: LocalDate(year: 2026, month: 3, day: 28),
            through: LocalDate(year: 2026, month: 3, day: 28),
            timeZone: berlin())
        let shift = try #require(calendar.shifts.first)
        let calculator = try OEECalculator.batch(
            calendar: calendar, configuration: MachineConfiguration(idealCycleSeconds: 2.0),
            stateEvents: [run(shift.window.start)],
            countEvents: [CountEvent(timestamp: shift.window.start + hours(3), good: 11_700, reject: 0)])
        // OEE = 11,700 x 2 s / (390 x 60 s) = 23,400 / 23,400 = 1; TEEP = 23,400 s / 25,200 s.
        let result = try calculator.shiftReports()[0].result
        #expect(agree(result.oee, 1.0))
        #expect(agree(result.teep, 23_400.0 / 25_200.0))
    }

    @Test func nonScheduledDaysHaveNoShifts() throws {
        let early = ShiftPattern(name: "Early", start: LocalTime(hour: 6), end: LocalTime(hour: 14))
        let saturday = LocalDate(year: 2026, month: 1, day: 10)
        let calendar = try ShiftCalendar(
            patterns: [early], from: LocalDate(year: 2026, month: 1, day: 5),
            through: LocalDate(year: 2026, month: 1, day: 11),
            timeZone: berlin(), nonScheduledDays: [saturday, LocalDate(year: 2026, month: 1, day: 11)])
        // The last shift is Friday 2026-01-09 06:00 CET = 05:00Z = 1,767,934,800 s since the epoch.
        #expect(calendar.shifts.last?.window.start == seconds(1_767_934_800))
        #expect(calendar.shifts.count == 5)
    }

    @Test func aWallClockTimeInTheSpringGapIsRejected() throws {
        let odd = ShiftPattern(name: "Odd", start: LocalTime(hour: 2, minute: 30), end: LocalTime(hour: 5))
        let day = LocalDate(year: 2026, month: 3, day: 29)
        #expect(throws: OEEError.unresolvableLocalTime(pattern: "Odd", day: "2026-03-29")) {
            try ShiftCalendar(patterns: [odd], from: day, through: day, timeZone: berlin())
        }
    }
}
