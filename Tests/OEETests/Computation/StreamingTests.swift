import Testing

@testable import OEE

/// The streaming calculator: late and out-of-order events correct the shifts they affect.
@Suite struct StreamingTests {
    let configuration = Result { try MachineConfiguration(idealCycleSeconds: 1.0, microStopThresholdSeconds: 120) }

    @Test func lateDownEventCorrectsTheShift() throws {
        let early = try shift("Early", startHour: 6, lengthHours: 8)
        let start = early.window.start
        var calculator = try OEECalculator(calendar: ShiftCalendar(shifts: [early]), configuration: configuration.get())
        calculator.add(run(start))
        calculator.add(run(start + minutes(60)))
        try calculator.add(CountEvent(timestamp: start + minutes(90), good: 100, reject: 0))
        calculator.advance(to: early.window.end)
        #expect(try calculator.shiftReports()[0].result.figures.runTime == minutes(480))
        // DOWN at 06:30 arrives late: it holds until the RUN at 07:00, 30 min of loss.
        calculator.add(down(start + minutes(30), "MATERIAL"))
        var result = try calculator.shiftReports()[0].result
        #expect(result.losses.availabilityByReason == ["MATERIAL": minutes(30)])
        #expect(result.figures.stopCountByReason == ["MATERIAL": 1])
        // A RUN at 06:31 arrives later still: the stop lasted 60 s < 120 s, a small stop.
        calculator.add(run(start + minutes(31)))
        result = try calculator.shiftReports()[0].result
        #expect(result.losses.availabilityTotal == 0)
        #expect(result.losses.smallStops == minutes(1))
        #expect(result.figures.smallStopCount == 1)
        #expect(result.figures.stopCountByReason.isEmpty)
        #expect(lossesAddUp(result))
    }

    @Test func outOfOrderArrivalGivesTheSameResultAsInOrder() throws {
        let early = try shift("Early", startHour: 6, lengthHours: 8, breaks: [(180, 30)])
        let start = early.window.start
        let states = [
            run(start), down(start + minutes(100)), run(start + minutes(125)),
            StateEvent(timestamp: start + minutes(300), state: .setup), run(start + minutes(320)),
        ]
        let calendar = try ShiftCalendar(shifts: [early])
        var inOrder = try OEECalculator(calendar: calendar, configuration: configuration.get())
        var reversed = try OEECalculator(calendar: calendar, configuration: configuration.get())
        for event in states { inOrder.add(event) }
        for event in states.reversed() { reversed.add(event) }
        inOrder.advance(to: early.window.end)
        reversed.advance(to: early.window.end)
        let result = try inOrder.shiftReports()[0].result
        #expect(try reversed.shiftReports() == inOrder.shiftReports())
        // DOWN 07:40-08:05 = 25 min; SETUP 11:00-11:20 = 20 min; break 30 min: run = 450 - 45 = 405 min.
        #expect(result.figures.runTime == minutes(405))
        #expect(result.losses.availabilityByReason == ["BREAKDOWN": minutes(25), "SETUP": minutes(20)])
    }

    @Test func aLateCounterReadingSplitsTheIncrement() throws {
        let early = try shift("Early", startHour: 6, lengthHours: 4)
        let late = try shift("Late", startHour: 10, lengthHours: 4)
        var calculator = try OEECalculator(
            calendar: ShiftCalendar(shifts: [early, late]), configuration: configuration.get())
        try calculator.add(CounterSample(timestamp: early.window.start, value: 0, kind: .good))
        try calculator.add(CounterSample(timestamp: late.window.start + minutes(30), value: 900, kind: .good))
        #expect(try calculator.shiftReports().map(\.result.figures.good) == [0, 900])
        // A reading of 600 just before the shift change arrives late: 600 parts were Early's.
        try calculator.add(CounterSample(timestamp: early.window.end - minutes(1), value: 600, kind: .good))
        #expect(try calculator.shiftReports().map(\.result.figures.good) == [600, 300])
    }

    @Test func aLateProductChangeReattributesTimeAndCounts() throws {
        let early = try shift("Early", startHour: 6, lengthHours: 8)
        let start = early.window.start
        var calculator = try OEECalculator(
            calendar: ShiftCalendar(shifts: [early]),
            configuration: MachineConfiguration(idealCycleSeconds: 1.0, idealCycleSecondsByProduct: ["B": 3.0]))
        calculator.add(run(start))
        try calculator.add(CountEvent(timestamp: start + minutes(300), good: 1_000, reject: 0))
        calculator.advance(to: early.window.end)
        #expect(try calculator.shiftReports()[0].result.figures.idealTimeOfGood == seconds(1_000))
        calculator.add(ProductChange(timestamp: start + minutes(200), product: "B"))
        let report = try calculator.shiftReports()[0]
        // The parts at 11:00 were product B: 1,000 x 3 s.
        #expect(report.result.figures.idealTimeOfGood == seconds(3_000))
        #expect(report.figuresByProduct["B"]?.plannedProductionTime == minutes(280))
        #expect(report.figuresByProduct[nil]?.plannedProductionTime == minutes(200))
    }
}
