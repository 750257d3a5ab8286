import Testing

@testable import OEE

/// Micro-stops at and around the 120 s threshold. A DOWN interval strictly shorter than the
/// threshold, judged on its full length, is a small stop: run time and performance loss.
@Suite struct MicroStopTests {
    func result(stopSeconds: Int64) throws -> OEEResult {
        let early = try shift("Early", startHour: 6, lengthHours: 8)
        let start = early.window.start
        let stopStart = start + minutes(60)
        let calculator = try OEECalculator.batch(
            calendar: ShiftCalendar(shifts: [early]),
            configuration: MachineConfiguration(idealCycleSeconds: 1.0, microStopThresholdSeconds: 120),
            stateEvents: [run(start), down(stopStart, "JAM"), run(stopStart + seconds(stopSeconds))],
            countEvents: [CountEvent(timestamp: start + minutes(300), good: 20_000, reject: 0)])
        return try #require(try calculator.shiftReports().first).result
    }

    @Test(arguments: [1, 60, 119])
    func shorterThanTheThresholdIsASmallStop(stopSeconds: Int64) throws {
        let result = try result(stopSeconds: stopSeconds)
        #expect(result.figures.runTime == minutes(480))
        #expect(result.losses.availabilityTotal == 0)
        #expect(result.losses.smallStops == seconds(stopSeconds))
        #expect(result.figures.smallStopCount == 1)
        // Performance loss = 28,800 s - 20,000 s = 8,800 s; speed loss = 8,800 s - stop.
        #expect(result.losses.performanceTotal == seconds(8_800))
        #expect(result.losses.speedLoss == seconds(8_800 - stopSeconds))
        #expect(lossesAddUp(result))
    }

    @Test(arguments: [120, 121, 600])
    func atOrAboveTheThresholdIsAnAvailabilityLoss(stopSeconds: Int64) throws {
        let result = try result(stopSeconds: stopSeconds)
        #expect(result.losses.availabilityByReason == ["JAM": seconds(stopSeconds)])
        #expect(result.figures.runTime == minutes(480) - seconds(stopSeconds))
        #expect(result.losses.smallStops == 0)
        #expect(result.figures.smallStopCount == 0)
        #expect(lossesAddUp(result))
    }

    @Test func aShortStopClippedByABreakStaysSmall() throws {
        // Break 09:00-09:30; a 100 s stop from 08:59:10: 50 s before the break are planned time.
        let early = try shift("Early", startHour: 6, lengthHours: 8, breaks: [(180, 30)])
        let start = early.window.start
        let stopStart = start + minutes(179) + seconds(10)
        let calculator = try OEECalculator.batch(
            calendar: ShiftCalendar(shifts: [early]),
            configuration: MachineConfiguration(idealCycleSeconds: 1.0, microStopThresholdSeconds: 120),
            stateEvents: [run(start), down(stopStart, "JAM"), run(stopStart + seconds(100))])
        let clipped = try #require(try calculator.shiftReports().first).result
        #expect(clipped.losses.smallStops == seconds(50))
        #expect(clipped.losses.availabilityTotal == 0)
        #expect(clipped.figures.runTime == minutes(450))
    }

    @Test func aLongStopClippedToFewSecondsIsStillAnAvailabilityLoss() throws {
        // Shift ends 14:00; a 150 s stop from 13:59:00 has 60 s inside the shift, judged on 150 s.
        let early = try shift("Early", startHour: 6, lengthHours: 8)
        let stopStart = early.window.end - seconds(60)
        let calculator = try OEECalculator.batch(
            calendar: ShiftCalendar(shifts: [early]),
            configuration: MachineConfiguration(idealCycleSeconds: 1.0, microStopThresholdSeconds: 120),
            stateEvents: [run(early.window.start), down(stopStart, "JAM"), run(stopStart + seconds(150))])
        let result = try #require(try calculator.shiftReports().first).result
        #expect(result.losses.availabilityByReason == ["JAM": seconds(60)])
        #expect(result.losses.smallStops == 0)
    }

    @Test func anOpenStopIsNotSmallUntilItEnds() throws {
        let early = try shift("Early", startHour: 6, lengthHours: 8)
        let start = early.window.start
        var calculator = try OEECalculator(
            calendar: ShiftCalendar(shifts: [early]),
            configuration: MachineConfiguration(idealCycleSeconds: 1.0, microStopThresholdSeconds: 120))
        calculator.add(run(start))
        calculator.add(down(start + minutes(60), "JAM"))
        calculator.advance(to: start + minutes(61))
        let during = try #require(try calculator.report(at: start)).result
        #expect(during.losses.availabilityByReason == ["JAM": minutes(1)])
        #expect(during.figures.plannedProductionTime == minutes(61))
        calculator.add(run(start + minutes(61) + seconds(30)))
        let after = try #require(try calculator.report(at: start)).result
        #expect(after.losses.availabilityTotal == 0)
        #expect(after.losses.smallStops == seconds(90))
    }
}
