@testable import OEE

/// A deliberately plain re-implementation of the OEE conventions for property tests: it walks
/// planned time in fixed steps and looks everything up by linear search. Events, shifts and breaks
/// must lie on the step grid. It shares no code with the calculator except the input types.
struct ReferenceModel {
    let step: Int64
    let calendar: ShiftCalendar
    let idealCycleTime: (String?) -> Int64
    let microStopThreshold: Int64
    let counterModulus: Int64?

    private struct Interval {
        var start: Int64
        var end: Int64
        var reason: String? // nil: RUN
    }

    /// Figures per shift (without calendar time), in calendar order.
    func figures(
        states: [StateEvent], counts: [CountEvent], counters: [CounterSample], products: [ProductChange]
    ) -> [OEEFigures] {
        var result = Array(repeating: OEEFigures(), count: calendar.shifts.count)
        let intervals = mergedIntervals(states)
        let productChanges = lastWins(products.map { ($0.timestamp, $0.product) })
        func product(at instant: Int64) -> String? { productChanges.last { $0.0 <= instant }?.1 }
        var counted = Set<Int>()
        for (shiftIndex, shift) in calendar.shifts.enumerated() {
            var instant = shift.window.start
            while instant < shift.window.end {
                defer { instant += step }
                if shift.breaks.contains(where: { $0.contains(instant) }) { continue }
                result[shiftIndex].plannedProductionTime += step
                guard let index = intervals.firstIndex(where: { $0.start <= instant && instant < $0.end }) else {
                    result[shiftIndex].downtimeByReason["NO_DATA", default: 0] += step
                    result[shiftIndex].noDataTime += step
                    continue
                }
                let interval = intervals[index]
                if interval.reason == Self.unknownState {
                    result[shiftIndex].downtimeByReason["NO_DATA", default: 0] += step
                    result[shiftIndex].noDataTime += step
                    continue
                }
                let isFirst = counted.insert(index).inserted
                guard let reason = interval.reason else {
                    result[shiftIndex].runTime += step
                    continue
                }
                let isSetup = reason == "SETUP"
                let isClosed = interval.end != Int64.max
                if !isSetup && isClosed && interval.end - interval.start < microStopThreshold {
                    result[shiftIndex].runTime += step
                    result[shiftIndex].smallStopTime += step
                    if isFirst { result[shiftIndex].smallStopCount += 1 }
                } else {
                    result[shiftIndex].downtimeByReason[reason, default: 0] += step
                    if isSetup { result[shiftIndex].setupTime += step } else { result[shiftIndex].failureTime += step }
                    if isFirst {
                        result[shiftIndex].stopCountByReason[reason, default: 0] += 1
                        if isSetup { result[shiftIndex].setupCount += 1 } else { result[shiftIndex].failureCount += 1 }
                    }
                }
            }
        }
        func addParts(at instant: Int64, good: Int64, reject: Int64) {
            guard good != 0 || reject != 0,
                let shiftIndex = calendar.shifts.firstIndex(where: { $0.window.contains(instant) })
            else { return }
            let ideal = idealCycleTime(product(at: instant))
            result[shiftIndex].good += good
            result[shiftIndex].reject += reject
            result[shiftIndex].idealTimeOfGood += ideal * good
            result[shiftIndex].idealTimeOfReject += ideal * reject
        }
        for count in counts { addParts(at: count.timestamp, good: count.good, reject: count.reject) }
        for kind in [CounterSample.Kind.good, .reject] {
            let readings = lastWins(counters.filter { $0.kind == kind }.map { ($0.timestamp, $0.value) })
            for (previous, next) in zip(readings, readings.dropFirst()) {
                let parts: Int64
                if next.1 >= previous.1 {
                    parts = next.1 - previous.1
                } else if let modulus = counterModulus, previous.1 >= modulus - modulus / 4, next.1 < modulus / 4 {
                    parts = modulus - previous.1 + next.1
                } else {
                    parts = next.1
                }
                addParts(at: next.0, good: kind == .good ? parts : 0, reject: kind == .reject ? parts : 0)
            }
        }
        return result
    }

    /// Sorted by time; of equal timestamps the last in input order stays.
    private func lastWins<Value>(_ items: [(Int64, Value)]) -> [(Int64, Value)] {
        var byTime: [Int64: Value] = [:]
        for (time, value) in items { byTime[time] = value }
        return byTime.keys.sorted().compactMap { time in byTime[time].map { (time, $0) } }
    }

    /// The interval reason of a `NO_DATA` state event (no reason code can be empty).
    static let unknownState = ""

    private func mergedIntervals(_ states: [StateEvent]) -> [Interval] {
        let events = lastWins(
            states.map { event -> (Int64, String?) in
                switch event.state {
                case .run: (event.timestamp, nil)
                case .down: (event.timestamp, event.reason ?? "UNSPECIFIED")
                case .setup: (event.timestamp, "SETUP")
                case .noData: (event.timestamp, Self.unknownState)
                }
            })
        var intervals: [Interval] = []
        for (time, reason) in events {
            if let last = intervals.last, last.reason == reason { continue }
            if !intervals.isEmpty { intervals[intervals.count - 1].end = time }
            intervals.append(Interval(start: time, end: Int64.max, reason: reason))
        }
        return intervals
    }
}
