import Foundation
import Testing

@testable import OEE

/// Roll-ups sum times and counts; a line's OEE is not the average of its machines' OEE.
@Suite struct OEERollupTests {
    func records() throws -> [OEERecord] {
        let early = try shift("Early", startHour: 6, lengthHours: 8)
        let late = try shift("Late", startHour: 14, lengthHours: 4)
        let calendar = try ShiftCalendar(shifts: [early, late])
        let utc = try #require(TimeZone(identifier: "UTC"))
        // M1 (1 s per part) runs all the time and makes 14,400 good parts in Early, 7,200 in Late.
        let first = try OEECalculator.batch(
            calendar: calendar, configuration: MachineConfiguration(idealCycleSeconds: 1.0),
            stateEvents: [run(early.window.start)],
            countEvents: [
                CountEvent(timestamp: early.window.start + 1, good: 14_400, reject: 0),
                CountEvent(timestamp: late.window.start + 1, good: 7_200, reject: 0),
            ])
        // M2 (2 s per part) is down for the first 4 h of Early (BREAKDOWN) and 1 h of Late
        // (MATERIAL), then makes 3,600 good and 400 rejects in Early, 1,800 good in Late.
        let second = try OEECalculator.batch(
            calendar: calendar, configuration: MachineConfiguration(idealCycleSeconds: 2.0),
            stateEvents: [
                down(early.window.start), run(early.window.start + hours(4)),
                down(late.window.start, "MATERIAL"), run(late.window.start + hours(1)),
            ],
            countEvents: [
                CountEvent(timestamp: early.window.end - 1, good: 3_600, reject: 400),
                CountEvent(timestamp: late.window.end - 1, good: 1_800, reject: 0),
            ],
            productChanges: [ProductChange(timestamp: late.window.start, product: "P2")])
        return try first.records(machine: "M1", tags: ["line": "L1"], timeZone: utc)
            + second.records(machine: "M2", tags: ["line": "L1"], timeZone: utc)
    }

    @Test func lineOEEComesFromSums() throws {
        let line = try #require(OEERollup.rollUp(try records(), by: .tag("line")).first)
        #expect(line.key == "L1")
        // Planned = 2 machines x 12 h = 86,400 s. Ideal x good = 21,600 x 1 s + 5,400 x 2 s = 32,400 s.
        // OEE = 32,400 / 86,400 = 0.375.
        #expect(agree(line.result.oee, 0.375))
        // Run = 12 h + 7 h = 19 h of 24 h; performance = (21,600 + 5,800 x 2) s / 68,400 s = 0.485380,
        // not the average of M1's 21,600 / 43,200 = 0.5 and M2's 11,600 / 25,200 = 0.460317 (0.480159).
        #expect(agree(line.result.availability, 19.0 / 24.0))
        #expect(agree(line.result.performance, 33_200.0 / 68_400.0))
        #expect(!agree(line.result.performance, (0.5 + 11_600.0 / 25_200.0) / 2))
        #expect(agree(line.result.quality, 27_000.0 / 27_400.0))
        #expect(lossesAddUp(line.result))
    }

    @Test func rollUpByShiftMachineDayAndProduct() throws {
        let records = try records()
        let byShift = OEERollup.rollUp(records, by: .shift)
        #expect(byShift.map(\.key) == ["Early", "Late"])
        // Early: planned 16 h, ideal x good = 14,400 + 7,200 = 21,600 s -> OEE 21,600 / 57,600.
        #expect(agree(byShift[0].result.oee, 21_600.0 / 57_600.0))
        let byMachine = OEERollup.rollUp(records, by: .machine)
        #expect(byMachine.map(\.key) == ["M1", "M2"])
        // M1: 21,600 s ideal x good of 43,200 s planned.
        #expect(agree(byMachine[0].result.oee, 0.5))
        #expect(OEERollup.rollUp(records, by: .day).map(\.key) == ["2026-01-05"])
        let byProduct = OEERollup.rollUp(records, by: .product)
        #expect(byProduct.map(\.key) == [OEERollup.missingKey, "P2"])
        // P2 is M2 in Late: 4 h planned, 1,800 x 2 s good -> OEE 0.25; no calendar time, no TEEP.
        #expect(agree(byProduct[1].result.oee, 0.25))
        #expect(byProduct[1].result.teep == nil)
        // TEEP of the whole: 32,400 s / (2 x 12 h calendar).
        #expect(agree(OEERollup.total(records).teep, 32_400.0 / 86_400.0))
    }

    @Test func paretoRanksReasonsByLostTime() throws {
        let total = OEERollup.total(try records())
        let pareto = DowntimePareto(figures: total.figures)
        #expect(pareto.entries.map(\.reason) == ["BREAKDOWN", "MATERIAL"])
        #expect(pareto.entries.map(\.time) == [hours(4), hours(1)])
        #expect(pareto.entries.map(\.occurrences) == [1, 1])
        #expect(agree(pareto.entries[0].share, 0.8))
        #expect(agree(pareto.entries[1].cumulativeShare, 1.0))
    }
}
