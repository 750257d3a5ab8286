import Testing

@testable import OEE

/// Hand-computed cases of how DOWN time is clipped to shifts and breaks.
@Suite struct DowntimeEdgeCaseTests {
    let configuration = Result { try MachineConfiguration(idealCycleSeconds: 1.0, microStopThresholdSeconds: 120) }

    func reports(_ shifts: [Shift], _ states: [StateEvent], counts: [CountEvent] = []) throws -> [ShiftReport] {
        let calendar = try ShiftCalendar(shifts: shifts)
        return try OEECalculator.batch(
            calendar: calendar, configuration: configuration.get(), stateEvents: states, countEvents: counts
        ).shiftReports()
    }

    @Test func downtimeAcrossAShiftChangeIsSplitAndCountedOnce() throws {
        let early = try shift("Early", startHour: 6, lengthHours: 8)
        let late = try shift("Late", startHour: 14, lengthHours: 8)
        // DOWN 13:30 to 14:45: 30 min in Early, 45 min in Late.
        let results = try reports(
            [early, late],
            [run(early.window.start), down(day0 + hours(13) + minutes(30)), run(day0 + hours(14) + minutes(45))]
        ).map(\.result)
        #expect(results[0].losses.availabilityByReason == ["BREAKDOWN": minutes(30)])
        #expect(results[1].losses.availabilityByReason == ["BREAKDOWN": minutes(45)])
        #expect(agree(results[0].availability, 450.0 / 480.0))
        #expect(agree(results[1].availability, 435.0 / 480.0))
        // One stop: it first costs planned time in Early.
        #expect(results[0].figures.stopCountByReason == ["BREAKDOWN": 1])
        #expect(results[1].figures.stopCountByReason.isEmpty)
        #expect(results.allSatisfy(lossesAddUp))
    }

    @Test func downtimeInsideABreakIsNoLoss() throws {
        // Shift 06:00-14:00, break 09:00-09:30 (minutes 180 to 210 of the shift).
        let early = try shift("Early", startHour: 6, lengthHours: 8, breaks: [(180, 30)])
        let start = early.window.start
        // DOWN 08:50-09:40 overlaps the break: 10 min before it and 10 min after it count.
        // DOWN 10:20-10:50 lies outside the break: 30 min.
        let result = try #require(
            try reports(
                [early],
                [
                    run(start), down(start + minutes(170)), run(start + minutes(220)),
                    down(start + minutes(260), "MATERIAL"), run(start + minutes(290)),
                ]
            ).first
        ).result
        #expect(result.figures.plannedProductionTime == minutes(450))
        #expect(result.losses.availabilityByReason == ["BREAKDOWN": minutes(20), "MATERIAL": minutes(30)])
        #expect(result.figures.runTime == minutes(400))
        #expect(lossesAddUp(result))
    }

    @Test func aStopThatStartsInABreakIsCountedWhenTheBreakEnds() throws {
        let early = try shift("Early", startHour: 6, lengthHours: 8, breaks: [(180, 30)])
        let start = early.window.start
        // DOWN 09:20-09:50: only 09:30-09:50 (20 min) is planned time.
        let result = try #require(
            try reports([early], [run(start), down(start + minutes(200)), run(start + minutes(230))]).first
        ).result
        #expect(result.losses.availabilityTotal == minutes(20))
        #expect(result.figures.stopCountByReason == ["BREAKDOWN": 1])
    }

    @Test func aStopEntirelyInsideABreakCostsNothing() throws {
        let early = try shift("Early", startHour: 6, lengthHours: 8, breaks: [(180, 30)])
        let start = early.window.start
        let result = try #require(
            try reports([early], [run(start), down(start + minutes(185)), run(start + minutes(205))]).first
        ).result
        #expect(result.losses.availabilityTotal == 0)
        #expect(result.figures.stopCountByReason.isEmpty)
        #expect(result.figures.runTime == minutes(450))
    }

    @Test func timeBeforeTheFirstStateEventIsNoData() throws {
        let early = try shift("Early", startHour: 6, lengthHours: 8)
        let result = try #require(try reports([early], [run(early.window.start + minutes(15))]).first).result
        #expect(result.losses.availabilityByReason == [TimeClass.noDataReason: minutes(15)])
        #expect(result.figures.noDataTime == minutes(15))
        #expect(result.figures.failureCount == 0)
        #expect(lossesAddUp(result))
    }

    @Test func aStateBeforeTheShiftHoldsIntoIt() throws {
        let early = try shift("Early", startHour: 6, lengthHours: 8)
        // DOWN since 05:00, RUN at 06:10: 10 min of loss inside the shift, one stop.
        let result = try #require(
            try reports([early], [down(early.window.start - hours(1)), run(early.window.start + minutes(10))]).first
        ).result
        #expect(result.losses.availabilityByReason == ["BREAKDOWN": minutes(10)])
        #expect(result.figures.stopCountByReason == ["BREAKDOWN": 1])
    }

    @Test func setupIsAvailabilityLossAndISOSetupTime() throws {
        let early = try shift("Early", startHour: 6, lengthHours: 8)
        let start = early.window.start
        // SETUP 06:00-06:01 (shorter than the micro-stop threshold, still a loss), DOWN 07:00-07:23.
        let states = [
            StateEvent(timestamp: start, state: .setup), run(start + minutes(1)),
            down(start + minutes(60)), run(start + minutes(83)),
        ]
        let result = try #require(
            try reports([early], states, counts: [CountEvent(timestamp: start + minutes(100), good: 20_000, reject: 0)])
                .first
        ).result
        #expect(result.losses.availabilityByReason == ["SETUP": minutes(1), "BREAKDOWN": minutes(23)])
        #expect(result.figures.setupTime == minutes(1))
        #expect(result.figures.setupCount == 1)
        // Run time 456 min. Setup ratio = ASUT / (APT + ASUT) = 1 / 457.
        #expect(agree(result.iso22400.setupRatio, 1.0 / 457.0))
        // Technical efficiency = APT / (APT + ADET) = 456 / (456 + 23).
        #expect(agree(result.iso22400.technicalEfficiency, 456.0 / 479.0))
        // One failure: MTBF = sum of TBF / FE = (APT + ASUT) / FE = 457 min, MTTR = 23 min (in nanoseconds).
        #expect(agree(result.iso22400.meanTimeBetweenFailures, Double(minutes(457))))
        #expect(agree(result.iso22400.meanTimeToRepair, Double(minutes(23))))
    }
}
