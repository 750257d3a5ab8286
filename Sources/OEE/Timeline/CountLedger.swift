/// Count events and PLC counter readings of one machine, sorted by time.
struct CountLedger: Sendable {
    private(set) var counts: [CountEvent] = []
    /// Counter readings per kind, sorted; a later reading with the same timestamp replaces the earlier.
    private(set) var goodCounter: [CounterSample] = []
    private(set) var rejectCounter: [CounterSample] = []
    let counterModulus: Int64?

    init(counts: [CountEvent] = [], counterSamples: [CounterSample] = [], counterModulus: Int64?) {
        self.counterModulus = counterModulus
        self.counts = counts.enumerated().sorted {
            ($0.element.timestamp, $0.offset) < ($1.element.timestamp, $1.offset)
        }
        .map(\.element)
        for kind in [CounterSample.Kind.good, .reject] {
            let samples = counterSamples.enumerated().filter { $0.element.kind == kind }
                .sorted { ($0.element.timestamp, $0.offset) < ($1.element.timestamp, $1.offset) }.map(\.element)
            var deduplicated: [CounterSample] = []
            for sample in samples {
                if deduplicated.last?.timestamp == sample.timestamp {
                    deduplicated[deduplicated.count - 1] = sample
                } else {
                    deduplicated.append(sample)
                }
            }
            if kind == .good { goodCounter = deduplicated } else { rejectCounter = deduplicated }
        }
    }

    /// Adds a count event after any others with the same timestamp.
    mutating func insert(_ event: CountEvent) {
        if let last = counts.last, event.timestamp >= last.timestamp {
            counts.append(event)
        } else {
            counts.insert(event, at: counts.firstIndex(after: event.timestamp) { $0.timestamp })
        }
    }

    func samples(of kind: CounterSample.Kind) -> [CounterSample] {
        kind == .good ? goodCounter : rejectCounter
    }

    /// Where a reading at `timestamp` goes among the readings of `kind`, and whether it replaces one.
    func position(of kind: CounterSample.Kind, at timestamp: Int64) -> (index: Int, replaces: Bool) {
        let samples = kind == .good ? goodCounter : rejectCounter
        let index = samples.firstIndex(atOrAfter: timestamp) { $0.timestamp }
        return (index, index < samples.count && samples[index].timestamp == timestamp)
    }

    /// Inserts or replaces a counter reading (in place) and returns its index.
    mutating func insert(_ sample: CounterSample) -> Int {
        switch sample.kind {
        case .good: Self.insert(sample, into: &goodCounter)
        case .reject: Self.insert(sample, into: &rejectCounter)
        }
    }

    private static func insert(_ sample: CounterSample, into samples: inout [CounterSample]) -> Int {
        let index = samples.firstIndex(atOrAfter: sample.timestamp) { $0.timestamp }
        if index < samples.count, samples[index].timestamp == sample.timestamp {
            samples[index] = sample
        } else {
            samples.insert(sample, at: index)
        }
        return index
    }

    /// Parts counted by reading `index` of `kind` since the reading before it (0 for the first).
    func counterParts(of kind: CounterSample.Kind, at index: Int) -> Int64 {
        let samples = samples(of: kind)
        guard index > 0, index < samples.count else { return 0 }
        return Self.parts(from: samples[index - 1].value, to: samples[index].value, modulus: counterModulus)
    }

    /// Parts between two readings: the increase, a wrap-around, or a reset (see ``CounterSample``).
    static func parts(from previous: Int64, to next: Int64, modulus: Int64?) -> Int64 {
        if next >= previous { return next - previous }
        if let modulus, previous >= modulus - modulus / 4, next < modulus / 4 {
            return modulus - previous + next
        }
        return next
    }

    /// Calls `body(timestamp, good, reject)` for every count event and counter increment whose
    /// timestamp lies in `window`.
    func forEachCount(in window: TimeWindow, _ body: (Int64, Int64, Int64) -> Void) {
        var index = counts.firstIndex(atOrAfter: window.start) { $0.timestamp }
        while index < counts.count, counts[index].timestamp < window.end {
            body(counts[index].timestamp, counts[index].good, counts[index].reject)
            index += 1
        }
        for kind in [CounterSample.Kind.good, .reject] {
            let samples = samples(of: kind)
            var index = samples.firstIndex(atOrAfter: window.start) { $0.timestamp }
            while index < samples.count, samples[index].timestamp < window.end {
                let parts = counterParts(of: kind, at: index)
                body(samples[index].timestamp, kind == .good ? parts : 0, kind == .reject ? parts : 0)
                index += 1
            }
        }
    }
}
