import Testing

@testable import OEE

/// Count attribution, zero production, PLC counters with resets and wrap-around, products.
@Suite struct CountTests {
    @Test func zeroProductionWhileRunning() throws {
        let early = try shift("Early", startHour: 6, lengthHours: 8)
        let calculator = try OEECalculator.batch(
            calendar: ShiftCalendar(shifts: [early]), configuration: MachineConfiguration(idealCycleSeconds: 1.0),
            stateEvents: [run(early.window.start)])
        let result = try #require(try calculator.shiftReports().first).result
        #expect(result.availability == 1)
        #expect(result.performance == 0)
        #expect(result.quality == nil)
        #expect(result.oee == 0)
        #expect(result.losses.performanceTotal == minutes(480))
        #expect(lossesAddUp(result))
    }

    @Test func zeroProductionWhileDown() throws {
        let early = try shift("Early", startHour: 6, lengthHours: 8)
        let calculator = try OEECalculator.batch(
            calendar: ShiftCalendar(shifts: [early]), configuration: MachineConfiguration(idealCycleSeconds: 1.0),
            stateEvents: [down(early.window.start)])
        let result = try #require(try calculator.shiftReports().first).result
        #expect(result.availability == 0)
        #expect(result.performance == nil)
        #expect(result.quality == nil)
        #expect(result.oee == 0)
        #expect(result.iso22400.meanTimeToRepair == Double(minutes(480)))
        #expect(result.iso22400.meanTimeBetweenFailures == 0)
        #expect(lossesAddUp(result))
    }

    @Test func countsBelongToTheShiftHoldingTheirTimestamp() throws {
        let early = try shift("Early", startHour: 6, lengthHours: 8)
        let late = try shift("Late", startHour: 14, lengthHours: 8)
        let counts = [
            CountEvent(timestamp: early.window.end - 1, good: 5, reject: 1),
            CountEvent(timestamp: late.window.start, good: 7, reject: 0),
            CountEvent(timestamp: late.window.end, good: 100, reject: 0), // outside every shift
        ]
        let reports = try OEECalculator.batch(
            calendar: ShiftCalendar(shifts: [early, late]), configuration: MachineConfiguration(idealCycleSeconds: 1.0),
            stateEvents: [down(early.window.start)], countEvents: counts
        ).shiftReports()
        #expect(reports.map(\.result.figures.good) == [5, 7])
        #expect(reports.map(\.result.figures.reject) == [1, 0])
        // Counts while DOWN still count: performance is nil (no run time) but OEE is 5 s / 480 min.
        #expect(reports[0].result.performance == nil)
        #expect(agree(reports[0].result.oee, 5.0 / 28_800.0))
    }

    @Test func counterIncrementsResetsAndWrapAround() throws {
        let early = try shift("Early", startHour: 6, lengthHours: 8)
        let start = early.window.start
        let values: [Int64] = [100, 600, 65_500, 20, 5, 30]
        let samples = values.enumerated().map {
            CounterSample(timestamp: start + minutes(Int64($0.offset) * 10), value: $0.element, kind: .good)
        }
        // 16-bit counter. 100 is the baseline; 100->600: +500; 600->65,500: +64,900;
        // 65,500->20 wraps: 65,536 - 65,500 + 20 = 56; 20->5 is a reset: +5; 5->30: +25. Sum 65,486.
        let wrapping = try OEECalculator.batch(
            calendar: ShiftCalendar(shifts: [early]),
            configuration: MachineConfiguration(idealCycleSeconds: 1.0, counterModulus: 65_536),
            stateEvents: [run(start)], counterSamples: samples)
        #expect(try wrapping.shiftReports()[0].result.figures.good == 65_486)
        // Without a modulus 65,500->20 is a reset: +20 instead of +56. Sum 65,450.
        let resetting = try OEECalculator.batch(
            calendar: ShiftCalendar(shifts: [early]), configuration: MachineConfiguration(idealCycleSeconds: 1.0),
            stateEvents: [run(start)], counterSamples: samples)
        #expect(try resetting.shiftReports()[0].result.figures.good == 65_450)
    }

    @Test func counterPartsGoToTheShiftOfTheLaterReading() throws {
        let early = try shift("Early", startHour: 6, lengthHours: 8)
        let late = try shift("Late", startHour: 14, lengthHours: 8)
        let samples = [
            CounterSample(timestamp: early.window.end - minutes(5), value: 10, kind: .reject),
            CounterSample(timestamp: late.window.start + minutes(5), value: 14, kind: .reject),
        ]
        let reports = try OEECalculator.batch(
            calendar: ShiftCalendar(shifts: [early, late]), configuration: MachineConfiguration(idealCycleSeconds: 1.0),
            stateEvents: [run(early.window.start)], counterSamples: samples
        ).shiftReports()
        #expect(reports.map(\.result.figures.reject) == [0, 4])
    }

    @Test func idealCycleTimeFollowsTheProduct() throws {
        let early = try shift("Early", startHour: 6, lengthHours: 8)
        let start = early.window.start
        let configuration = try MachineConfiguration(idealCycleSeconds: 1.0, idealCycleSecondsByProduct: ["B": 2.5])
        let calculator = try OEECalculator.batch(
            calendar: ShiftCalendar(shifts: [early]), configuration: configuration,
            stateEvents: [run(start)],
            countEvents: [
                CountEvent(timestamp: start + minutes(60), good: 1_000, reject: 10),
                CountEvent(timestamp: start + minutes(300), good: 2_000, reject: 20),
            ],
            productChanges: [ProductChange(timestamp: start + minutes(240), product: "B")])
        let report = try calculator.shiftReports()[0]
        // Before the change the default 1.0 s applies, after it 2.5 s:
        // ideal x good = 1,000 x 1.0 + 2,000 x 2.5 = 6,000 s; ideal x reject = 10 + 50 = 60 s.
        #expect(report.result.figures.idealTimeOfGood == seconds(6_000))
        #expect(report.result.figures.idealTimeOfReject == seconds(60))
        #expect(report.figuresByProduct[nil]?.plannedProductionTime == minutes(240))
        #expect(report.figuresByProduct["B"]?.plannedProductionTime == minutes(240))
        #expect(agree(report.result.performance, 6_060.0 / 28_800.0))
        #expect(lossesAddUp(report.result))
    }
}
