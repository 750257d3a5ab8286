import Testing

@testable import OEE

/// The classic worked example of OEE (oee.com by Vorne Industries, "Calculate OEE"):
/// a 480 min shift with 60 min of breaks,
/// 47 min of downtime, ideal cycle time 1.0 s, 19,271 parts of which 423 rejected.
@Suite struct ClassicExampleTests {
    // Planned production time = 480 - 60 = 420 min = 25,200 s. Run time = 420 - 47 = 373 min = 22,380 s.
    // Availability = 373 / 420 = 0.888095...; performance = 19,271 x 1.0 s / 22,380 s = 0.861081...;
    // quality = 18,848 / 19,271 = 0.978050...; OEE = 18,848 x 1.0 s / 25,200 s = 0.747937...
    static let calendar = Result { () throws -> ShiftCalendar in
        try ShiftCalendar(shifts: [shift("Early", startHour: 6, lengthHours: 8, breaks: [(120, 30), (300, 30)])])
    }

    func calculate() throws -> OEEResult {
        let calendar = try Self.calendar.get()
        let start = calendar.shifts[0].window.start
        let states = [
            run(start),
            down(start + minutes(40), "BREAKDOWN"), run(start + minutes(70)), // 30 min
            down(start + minutes(200), "MATERIAL"), run(start + minutes(217)), // 17 min
        ]
        let counts = [
            CountEvent(timestamp: start + minutes(100), good: 10_000, reject: 200),
            CountEvent(timestamp: start + minutes(470), good: 8_848, reject: 223),
        ]
        let calculator = try OEECalculator.batch(
            calendar: calendar, configuration: try MachineConfiguration(idealCycleSeconds: 1.0),
            stateEvents: states, countEvents: counts)
        return try #require(try calculator.shiftReports().first).result
    }

    @Test func factorsMatchThePublishedExample() throws {
        let result = try calculate()
        #expect(result.figures.plannedProductionTime == minutes(420))
        #expect(result.figures.runTime == minutes(373))
        #expect(result.figures.total == 19_271)
        #expect(agree(result.availability, 373.0 / 420.0))
        #expect(agree(result.performance, 19_271.0 / 22_380.0))
        #expect(agree(result.quality, 18_848.0 / 19_271.0))
        #expect(agree(result.oee, 18_848.0 / 25_200.0))
        // The published percentages, rounded to two decimals.
        #expect(((result.availability ?? 0) * 10_000).rounded() == 8_881)
        #expect(((result.performance ?? 0) * 10_000).rounded() == 8_611)
        #expect(((result.quality ?? 0) * 10_000).rounded() == 9_780)
        #expect(((result.oee ?? 0) * 10_000).rounded() == 7_479)
    }

    @Test func oeeIsTheProductOfItsFactors() throws {
        let result = try calculate()
        let product = try #require(result.availability) * #require(result.performance) * #require(result.quality)
        #expect(agree(result.oee, product))
        #expect(agree(result.iso22400.oeeIndex, product))
    }

    @Test func lossesAccountForEveryPlannedMinute() throws {
        let result = try calculate()
        #expect(lossesAddUp(result))
        #expect(result.losses.availabilityByReason == ["BREAKDOWN": minutes(30), "MATERIAL": minutes(17)])
        // Performance loss = 22,380 s - 19,271 s = 3,109 s; quality loss = 423 s; fully productive = 18,848 s.
        #expect(result.losses.performanceTotal == seconds(3_109))
        #expect(result.losses.quality == seconds(423))
        #expect(result.losses.fullyProductive == seconds(18_848))
    }
}
