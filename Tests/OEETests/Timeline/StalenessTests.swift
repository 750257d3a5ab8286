import Foundation
import Testing

@testable import OEE

/// Stale stretches become `NO_DATA`, and the `histd oee` document refuses unknown keys by path.
@Suite struct StalenessTests {
    static let minute: Int64 = 60_000_000_000

    @Test func silenceAfterTheTimeoutIsNoDataAndTheStateResumes() throws {
        // RUN at 0, samples every 5 min to 20, silence until 75, samples to 100; horizon 130; timeout 10 min.
        let samples = [0, 5, 10, 15, 20, 75, 80, 85, 90, 95, 100].map { $0 * Self.minute }
        let marked = Staleness.mark(
            states: [StateEvent(timestamp: 0, state: .run)], samples: samples, timeout: 10 * Self.minute, horizon: 130 * Self.minute)
        #expect(marked.map(\.timestamp) == [0, 30, 75, 110].map { $0 * Self.minute })
        #expect(marked.map(\.state) == [.run, .noData, .run, .noData])
        // In a 0-120 min shift: NO_DATA 30-75 and 110-120 = 55 min, run 65 min.
        let shift = try Shift(name: "Early", window: TimeWindow(start: 0, end: 120 * Self.minute))
        let report = try #require(
            try OEECalculator.batch(
                calendar: try ShiftCalendar(shifts: [shift]), configuration: try MachineConfiguration(idealCycleSeconds: 1), stateEvents: marked,
                horizon: 120 * Self.minute
            ).shiftReports().first)
        #expect(report.result.figures.noDataTime == 55 * Self.minute)
        #expect(report.result.figures.runTime == 65 * Self.minute)
        #expect(report.result.figures.failureCount == 0)
        #expect(OEEWarning.warnings(of: report).map(\.code) == [OEEWarning.noData])
    }

    @Test func unknownKeysInTheDocumentAreNamedByPath() {
        let document = """
            {"ideal_cycle_s": 1, "shifts": [{"name": "Early", "start": "2026-01-05T06:00:00Z", "end": "2026-01-05T14:00:00Z",
             "brakes": []}]}
            """
        #expect(throws: OEEDocumentError(item: "shifts[0].brakes", message: "unknown key (see docs/oee.md for the keys of the input)")) {
            try OEEJSONReport.evaluate(Data(document.utf8))
        }
    }
}
