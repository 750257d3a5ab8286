import Benchmark
import Foundation
import OEE

/// A deterministic generator so that every run measures the same data.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

/// One machine's events: a state change every 1 to 12 minutes (RUN or DOWN with one of four
/// reasons, stops of 30 s to 12 min), a count event every minute.
enum MachineEvent {
    case state(StateEvent)
    case count(CountEvent)
}

let minute: Int64 = 60_000_000_000
/// 2026-01-01T00:00:00Z.
let yearStart: Int64 = 1_767_225_600_000_000_000

func yearCalendar() throws -> ShiftCalendar {
    let utc = TimeZone(identifier: "UTC") ?? .current
    let patterns = [
        ShiftPattern(
            name: "Early", start: LocalTime(hour: 6), end: LocalTime(hour: 14),
            breaks: [(start: LocalTime(hour: 10), end: LocalTime(hour: 10, minute: 30))]),
        ShiftPattern(
            name: "Late", start: LocalTime(hour: 14), end: LocalTime(hour: 22),
            breaks: [(start: LocalTime(hour: 18), end: LocalTime(hour: 18, minute: 30))]),
        ShiftPattern(
            name: "Night", start: LocalTime(hour: 22), end: LocalTime(hour: 6),
            breaks: [(start: LocalTime(hour: 2), end: LocalTime(hour: 2, minute: 30))]),
    ]
    return try ShiftCalendar(
        patterns: patterns, from: LocalDate(year: 2026, month: 1, day: 1),
        through: LocalDate(year: 2026, month: 12, day: 31),
        timeZone: utc)
}

func machineEvents(minutes: Int64, seed: UInt64) -> [MachineEvent] {
    var generator = SplitMix64(state: seed)
    var events: [MachineEvent] = []
    let reasons = ["BREAKDOWN", "MATERIAL", "JAM", "SETUP"]
    var nextState = yearStart
    var running = true
    for index in 0..<minutes {
        let now = yearStart + index * minute
        while nextState <= now + minute {
            let event =
                running
                ? StateEvent(timestamp: nextState, state: .run)
                : StateEvent(timestamp: nextState, state: .down, reason: reasons.randomElement(using: &generator))
            events.append(.state(event))
            nextState +=
                running
                ? Int64.random(in: 1...12, using: &generator) * minute
                : Int64.random(in: 1...24, using: &generator) * minute / 2
            running.toggle()
        }
        events.append(
            .count(
                CountEvent(
                    timestamp: now + 30_000_000_000, good: Int64.random(in: 40...60, using: &generator),
                    reject: Int64.random(in: 0...2, using: &generator))))
    }
    return events
}

func configuration() throws -> MachineConfiguration {
    try MachineConfiguration(idealCycleSeconds: 1.0, microStopThresholdSeconds: 120)
}

let benchmarks: @Sendable () -> Void = {
    guard let calendar = try? yearCalendar(), let configuration = try? configuration() else { return }
    // 30 days of one machine: 43,200 count events plus about 6,900 state events.
    let month = machineEvents(minutes: 30 * 1_440, seed: 1)
    // The same events, 10 % of them held back by up to 30 minutes (late and out of order).
    var generator = SplitMix64(state: 2)
    let late = month.enumerated().map { index, event -> (Int64, MachineEvent) in
        let delay =
            Int64.random(in: 0..<10, using: &generator) == 0 ? Int64.random(in: 0...30, using: &generator) * minute : 0
        let timestamp =
            switch event {
            case .state(let state): state.timestamp
            case .count(let count): count.timestamp
            }
        return (timestamp + delay, event)
    }.sorted { $0.0 < $1.0 }.map(\.1)

    func feed(_ events: [MachineEvent]) throws -> OEECalculator {
        var calculator = OEECalculator(calendar: calendar, configuration: configuration)
        for event in events {
            switch event {
            case .state(let state): calculator.add(state)
            case .count(let count): try calculator.add(count)
            }
        }
        return calculator
    }

    Benchmark(
        "Streaming calculator, events in time order (50k events)",
        configuration: .init(
            metrics: [.wallClock, .throughput, .mallocCountTotal], maxDuration: .seconds(10), maxIterations: 20)
    ) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try feed(month)) }
    }

    Benchmark(
        "Streaming calculator, 10% of events late by up to 30 min (50k events)",
        configuration: .init(metrics: [.wallClock, .throughput], maxDuration: .seconds(10), maxIterations: 20)
    ) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try feed(late)) }
    }

    // A full year of one machine: about 525,600 count events and 84,000 state events.
    let year = machineEvents(minutes: 365 * 1_440, seed: 3)
    let yearStates = year.compactMap { if case .state(let event) = $0 { event } else { nil } }
    let yearCounts = year.compactMap { if case .count(let event) = $0 { event } else { nil } }
    Benchmark(
        "Batch of one machine-year (610k events, 1,095 shifts)",
        configuration: .init(metrics: [.wallClock], maxDuration: .seconds(20), maxIterations: 5)
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            let calculator = try OEECalculator.batch(
                calendar: calendar, configuration: configuration, stateEvents: yearStates, countEvents: yearCounts)
            blackHole(try calculator.shiftReports())
        }
    }

    // Roll-up of 100 machines x 1,095 shifts = 109,500 shift records by line, day and machine.
    guard let utc = TimeZone(identifier: "UTC"),
        let yearRecords = try? OEECalculator.batch(
            calendar: calendar, configuration: configuration, stateEvents: yearStates, countEvents: yearCounts
        ).records(machine: "M", timeZone: utc)
    else { return }
    let fleet = (0..<100).flatMap { machine in
        yearRecords.map { record in
            var copy = record
            copy.machine = "M\(machine)"
            copy.tags = ["line": "L\(machine / 10)"]
            return copy
        }
    }
    Benchmark(
        "Full-year roll-up, 100 machines (109,500 shift records) by line, day and machine",
        configuration: .init(metrics: [.wallClock], maxDuration: .seconds(20), maxIterations: 10)
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(OEERollup.rollUp(fleet, by: .tag("line")))
            blackHole(OEERollup.rollUp(fleet, by: .day))
            blackHole(OEERollup.rollUp(fleet, by: .machine))
        }
    }
}
