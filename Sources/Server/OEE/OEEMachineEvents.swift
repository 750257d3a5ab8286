import Historian
import OEE
import Query
import Time

/// A machine's state, count, counter and product events in a time range, read from its series
/// through the query layer (`HistorianQuery` columns under one points budget).
///
/// The last state before the range (and the last counter reading, as the baseline, and the last
/// product) is included, so the first shift starts in the state the machine was in. A series that
/// does not exist gives no events (its time is `NO_DATA`) and a warning. Samples are used whatever
/// their quality. With a staleness timeout, stretches without any sample of the state, count or
/// heartbeat series are marked `NO_DATA` (OEE's `Staleness`), judged from `from` minus the timeout on.
struct OEEMachineEvents: Sendable {
    var states: [StateEvent] = []
    var counts: [CountEvent] = []
    var counterSamples: [CounterSample] = []
    var productChanges: [ProductChange] = []
    /// Why a series selector of the machine matched nothing, one message per selector.
    var unmatched: [String] = []

    /// Reads the events of `machine` in `[from, to)`; `horizon` is the instant up to which silence
    /// counts as stale.
    /// - Throws: 422 ``APIError`` naming the machine, series, time and value of a state value that
    ///   means nothing or a count that is not a whole number of parts, or when the range holds more
    ///   than `maximumPoints` samples; storage errors.
    static func read(
        _ machine: OEEMachineDefinition, from requestedFrom: Int64, to: Int64, horizon: Int64, historian: Historian, maximumPoints: Int
    ) throws -> OEEMachineEvents {
        var events = OEEMachineEvents()
        events.unmatched = OEEMachineCatalog.unmatchedSelectors(of: machine, historian: historian).map(\.message)
        var budget = PointsBudget(limit: maximumPoints)
        let from = requestedFrom - (machine.staleness ?? 0)
        var sampleTimes: [Int64] = []
        if let series = historian.series(for: machine.stateSeries.key) {
            let samples = try read(series, from: from, to: to, historian: historian, budget: &budget, machine: machine, withLastBefore: true)
            for (time, value) in samples {
                events.states.append(try state(of: value, at: time, series: series, machine: machine))
            }
        }
        if let reference = machine.product, let series = historian.series(for: reference.key) {
            let samples = try read(series, from: from, to: to, historian: historian, budget: &budget, machine: machine, withLastBefore: true)
            events.productChanges = samples.map { ProductChange(timestamp: $0.time, product: text(of: $0.value)) }
        }
        if machine.staleness != nil, let reference = machine.heartbeat, let series = historian.series(for: reference.key) {
            sampleTimes += try read(series, from: from, to: to, historian: historian, budget: &budget, machine: machine).map(\.time)
        }
        for (reference, isGood) in [(machine.counts.good, true)] + (machine.counts.reject.map { [($0, false)] } ?? []) {
            guard let series = historian.series(for: reference.key) else { continue }
            let isCounter = if case .counters = machine.counts { true } else { false }
            let samples = try read(series, from: from, to: to, historian: historian, budget: &budget, machine: machine, withLastBefore: isCounter)
            // The counter's baseline before the range is no sample of the range.
            sampleTimes += samples.lazy.filter { $0.time >= from }.map(\.time)
            for (time, value) in samples {
                let parts = try wholeParts(value, at: time, series: series, machine: machine)
                if isCounter {
                    events.counterSamples.append(CounterSample(timestamp: time, value: parts, kind: isGood ? .good : .reject))
                } else {
                    events.counts.append(CountEvent(timestamp: time, good: isGood ? parts : 0, reject: isGood ? 0 : parts))
                }
            }
        }
        if let staleness = machine.staleness {
            events.states = Staleness.mark(states: events.states, samples: sampleTimes, timeout: staleness, horizon: horizon)
        }
        return events
    }

    /// The samples of `series` in `[from, to)` as (time, value), after the last one before `from`
    /// when `withLastBefore`; spends `budget`.
    /// - Throws: 422 ``APIError`` naming the machine when the range holds more samples than the budget.
    private static func read(
        _ series: Series, from: Int64, to: Int64, historian: Historian, budget: inout PointsBudget, machine: OEEMachineDefinition,
        withLastBefore: Bool = false
    ) throws -> [(time: Int64, value: SampleValue)] {
        let read: [SampleColumns]
        do {
            read = try HistorianQuery(historian: historian).columns(of: [series], from: from, to: to, budget: &budget)
        } catch is PointsBudget.Exceeded {
            throw APIError(
                .unprocessableContent,
                "machine \(machine.name): the range holds more samples than the server's query limit; narrow from/to")
        }
        var samples: [(time: Int64, value: SampleValue)] = []
        if withLastBefore, let before = try historian.lastSample(series: series.id, before: from) { samples.append((before.timestamp, before.value)) }
        for columns in read {
            for index in 0..<columns.count { samples.append((columns.timestamps[index], columns.value(at: index))) }
        }
        return samples
    }

    /// The state event of one sample: the machine's mapping of the value, else `RUN`, `DOWN`,
    /// `SETUP` or `DOWN:REASON`.
    static func state(of value: SampleValue, at time: Int64, series: Series, machine: OEEMachineDefinition) throws -> StateEvent {
        let text = Self.text(of: value)
        if let mapped = machine.stateMapping[text] {
            return StateEvent(timestamp: time, state: mapped.state, reason: mapped.reason)
        }
        let parts = text.split(separator: ":", maxSplits: 1)
        if let code = parts.first, let state = MachineState(rawValue: String(code)), parts.count == 1 || state == .down {
            return StateEvent(timestamp: time, state: state, reason: parts.count == 2 ? String(parts[1]) : nil)
        }
        throw APIError(
            .unprocessableContent,
            "machine \(machine.name): state value '\(text)' of series \(series.key) at \(RFC3339.format(time)) is not RUN, DOWN, SETUP or DOWN:REASON and not in the machine's state mapping"
        )
    }

    /// A count or counter reading as whole parts.
    private static func wholeParts(_ value: SampleValue, at time: Int64, series: Series, machine: OEEMachineDefinition) throws -> Int64 {
        let number = value.doubleValue
        guard number.isFinite, number >= 0, number == number.rounded(), number <= Double(Int64.max / 2) else {
            throw APIError(
                .unprocessableContent,
                "machine \(machine.name): value \(text(of: value)) of series \(series.key) at \(RFC3339.format(time)) is not a whole, non-negative number of parts"
            )
        }
        return Int64(number)
    }

    /// A value as the text a state mapping is keyed by: strings as they are, numbers in decimal
    /// (integral floats without a fraction), booleans `true`/`false`.
    static func text(of value: SampleValue) -> String {
        switch value {
        case .string(let text): text
        case .integer(let number): "\(number)"
        case .unsigned(let number): "\(number)"
        case .boolean(let flag): flag ? "true" : "false"
        case .float(let number): number == number.rounded() && abs(number) < 1e15 ? "\(Int64(number))" : "\(number)"
        }
    }
}
