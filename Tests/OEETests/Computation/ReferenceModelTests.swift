import TestSupport
import Testing

@testable import OEE

/// The batch calculator against a plain step-by-step model of the conventions (ReferenceModel),
/// on random event streams: both must give the same integer figures for every shift.
@Suite struct ReferenceModelTests {
    @Test(arguments: 100...130 as ClosedRange<UInt64>)
    func batchMatchesTheReferenceModel(seed: UInt64) throws {
        let properties = StreamingPropertyTests()
        var generator = SplitMix64(seed: seed)
        let events = properties.randomEvents(count: Int.random(in: 1...250, using: &generator), using: &generator)
        let calendar = try properties.calendar()
        let configuration = try properties.configuration()
        let calculator = try properties.batch(events, horizon: calendar.shifts[2].window.end)
        let model = ReferenceModel(
            step: seconds(20), calendar: calendar, idealCycleTime: { configuration.idealCycleTime(for: $0) },
            microStopThreshold: configuration.microStopThreshold, counterModulus: configuration.counterModulus)
        let expected = model.figures(
            states: events.compactMap { if case .state(let event) = $0 { event } else { nil } },
            counts: events.compactMap { if case .count(let event) = $0 { event } else { nil } },
            counters: events.compactMap { if case .counter(let event) = $0 { event } else { nil } },
            products: events.compactMap { if case .product(let event) = $0 { event } else { nil } })
        let actual = try calculator.shiftReports().map { report in
            var figures = report.result.figures
            figures.calendarTime = 0
            return figures
        }
        #expect(actual == expected)
    }
}
