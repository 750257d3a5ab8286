import TestSupport
import Testing

@testable import OEE

/// Properties over random event streams: streaming equals batch, and losses always add up.
@Suite struct StreamingPropertyTests {
    enum Event {
        case state(StateEvent)
        case count(CountEvent)
        case counter(CounterSample)
        case product(ProductChange)
        case advance(Int64)
    }

    /// Early 06-14 and Late 14-22 on day 0 and Early on day 1, with breaks; 22-06 is non-scheduled.
    func calendar() throws -> ShiftCalendar {
        try ShiftCalendar(shifts: [
            shift("Early", startHour: 6, lengthHours: 8, breaks: [(120, 15), (300, 30)]),
            shift("Late", startHour: 14, lengthHours: 8, breaks: [(240, 30)]),
            shift("Early 2", startHour: 30, lengthHours: 8, breaks: [(0, 10)]),
        ])
    }

    /// Random events between 04:00 on day 0 and 16:00 on day 1, on a 20 s grid so that timestamps
    /// collide and stops fall on both sides of the 120 s threshold.
    func randomEvents(count: Int, using generator: inout SplitMix64) -> [Event] {
        let reasons = ["BREAKDOWN", "MATERIAL", "JAM"]
        let products = ["A", "B"]
        func instant() -> Int64 { day0 + hours(4) + seconds(20 * Int64.random(in: 0..<(36 * 180), using: &generator)) }
        return (0..<count).map { _ in
            switch Int.random(in: 0..<100, using: &generator) {
            case 0..<45:
                let state = MachineState.allCases.randomElement(using: &generator) ?? .run
                return .state(
                    StateEvent(timestamp: instant(), state: state, reason: reasons.randomElement(using: &generator)))
            case 45..<70:
                return .count(
                    CountEvent(
                        timestamp: instant(), good: Int64.random(in: 0..<50, using: &generator),
                        reject: Int64.random(in: 0..<3, using: &generator)))
            case 70..<85:
                return .counter(
                    CounterSample(
                        timestamp: instant(), value: Int64.random(in: 0..<1_000, using: &generator),
                        kind: Bool.random(using: &generator) ? .good : .reject))
            case 85..<95:
                return .product(
                    ProductChange(timestamp: instant(), product: products.randomElement(using: &generator) ?? "A"))
            default:
                return .advance(instant())
            }
        }
    }

    func configuration() throws -> MachineConfiguration {
        try MachineConfiguration(
            idealCycleSeconds: 0.7, idealCycleSecondsByProduct: ["A": 1.3, "B": 0.45], microStopThresholdSeconds: 120,
            counterModulus: 1_000)
    }

    /// Feeds `events` one by one and checks after each that every shift whose report changed is
    /// among the shifts the calculator said may have changed.
    func stream(_ events: [Event]) throws -> OEECalculator {
        var calculator = OEECalculator(calendar: try calendar(), configuration: try configuration())
        for event in events {
            let before = try calculator.shiftReports()
            let changed: Range<Int> =
                switch event {
                case .state(let state): calculator.add(state)
                case .count(let count): try calculator.add(count)
                case .counter(let sample): try calculator.add(sample)
                case .product(let change): calculator.add(change)
                case .advance(let instant): calculator.advance(to: instant)
                }
            let after = try calculator.shiftReports()
            #expect(before.indices.allSatisfy { before[$0] == after[$0] || changed.contains($0) })
        }
        return calculator
    }

    func batch(_ events: [Event], horizon: Int64) throws -> OEECalculator {
        try OEECalculator.batch(
            calendar: calendar(), configuration: configuration(),
            stateEvents: events.compactMap { if case .state(let event) = $0 { event } else { nil } },
            countEvents: events.compactMap { if case .count(let event) = $0 { event } else { nil } },
            counterSamples: events.compactMap { if case .counter(let event) = $0 { event } else { nil } },
            productChanges: events.compactMap { if case .product(let event) = $0 { event } else { nil } },
            horizon: horizon)
    }

    @Test(arguments: 1...40 as ClosedRange<UInt64>)
    func streamingInAnyOrderEqualsBatch(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let events = randomEvents(count: Int.random(in: 1...300, using: &generator), using: &generator)
        let streamed = try stream(events)
        let expected = try batch(events, horizon: streamed.horizon).shiftReports()
        #expect(try streamed.shiftReports() == expected)
        #expect(expected.allSatisfy { lossesAddUp($0.result) })
        #expect(expected.allSatisfy { $0.result.figures.plannedProductionTime <= $0.shift.plannedProductionTime })
    }

    @Test(arguments: 41...60 as ClosedRange<UInt64>)
    func streamingInTimeOrderEqualsBatch(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let events = randomEvents(count: 400, using: &generator).filter {
            if case .advance = $0 { false } else { true }
        }
        func timestamp(_ event: Event) -> Int64 {
            switch event {
            case .state(let event): event.timestamp
            case .count(let event): event.timestamp
            case .counter(let event): event.timestamp
            case .product(let event): event.timestamp
            case .advance(let instant): instant
            }
        }
        let sorted = events.enumerated().sorted {
            (timestamp($0.element), $0.offset) < (timestamp($1.element), $1.offset)
        }
        .map(\.element)
        var streamed = try stream(sorted)
        streamed.advance(to: try calendar().shifts[2].window.end)
        let expected = try batch(sorted, horizon: streamed.horizon).shiftReports()
        #expect(try streamed.shiftReports() == expected)
        #expect(expected.allSatisfy { lossesAddUp($0.result) })
        #expect(expected.allSatisfy { $0.result.figures.plannedProductionTime == $0.shift.plannedProductionTime })
    }
}
