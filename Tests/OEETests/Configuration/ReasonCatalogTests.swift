import Testing

@testable import OEE

@Suite struct ReasonCatalogTests {
    @Test func reasonsMapThroughCategoriesToTheSixBigLosses() throws {
        let early = try shift("Early", startHour: 6, lengthHours: 8)
        let start = early.window.start
        // SETUP 06:00-06:20, JAM 07:00-07:05 (category MINOR -> idling), BREAKDOWN 08:00-08:30,
        // a 60 s stop at 09:00 (small stop). 4,000 good and 100 rejects at 2 s.
        let states = [
            StateEvent(timestamp: start, state: .setup), run(start + minutes(20)),
            down(start + minutes(60), "JAM"), run(start + minutes(65)),
            down(start + minutes(120)), run(start + minutes(150)),
            down(start + minutes(180), "JAM"), run(start + minutes(181)),
        ]
        let calculator = try OEECalculator.batch(
            calendar: ShiftCalendar(shifts: [early]),
            configuration: MachineConfiguration(idealCycleSeconds: 2.0, microStopThresholdSeconds: 120),
            stateEvents: states, countEvents: [CountEvent(timestamp: start + minutes(200), good: 4_000, reject: 100)])
        let figures = try calculator.shiftReports()[0].result.figures
        let catalog = ReasonCatalog(categoryByReason: ["JAM": "MINOR"], lossByCategory: ["MINOR": .idlingAndMinorStops])
        let losses = catalog.sixBigLosses(figures)
        #expect(losses[.setupAndAdjustment] == minutes(20))
        #expect(losses[.equipmentFailure] == minutes(30))
        // 5 min JAM stop plus the 1 min small stop.
        #expect(losses[.idlingAndMinorStops] == minutes(6))
        // Run = 480 - 55 = 425 min; ideal x total = 4,100 x 2 s = 8,200 s; speed = 25,500 - 8,200 - 60 s.
        #expect(losses[.reducedSpeed] == seconds(17_240))
        #expect(losses[.processDefects] == seconds(200))
        #expect(losses[.reducedYield] == 0)
        // The six big losses plus fully productive time (8,000 s) are the planned time.
        #expect(losses.values.reduce(0, +) + seconds(8_000) == minutes(480))
        #expect(
            catalog.downtimeByCategory(figures) == [
                "SETUP": minutes(20), "MINOR": minutes(5), "BREAKDOWN": minutes(30),
            ])
    }
}
