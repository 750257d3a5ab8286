extension OEECalculator {
    /// Moves the horizon forward to `instant` (no effect if it is not later): the current state
    /// holds until then.
    public mutating func advance(to instant: Int64) {
        guard instant > horizon else { return }
        let newlyKnown = TimeWindow(start: horizon, end: instant)
        horizon = instant
        accumulateTime(in: newlyKnown, sign: 1)
    }

    /// Adds a state event (or replaces the one with the same timestamp) and corrects every shift it affects.
    public mutating func add(_ event: StateEvent) {
        advance(to: event.timestamp)
        if appendChangesNothing(event) {
            states.insert(timestamp: event.timestamp, activity: event.activity)
            return
        }
        let span = states.affectedSpan(forEventAt: event.timestamp)
        accumulateTime(in: span, sign: -1)
        states.insert(timestamp: event.timestamp, activity: event.activity)
        accumulateTime(in: span, sign: 1)
    }

    /// Adds a count event to the shift holding its timestamp.
    /// - Throws: ``OEEError/negativeCount(item:value:)`` or ``OEEError/countTooLarge(item:value:)``.
    public mutating func add(_ event: CountEvent) throws(OEEError) {
        try event.validate(item: "count event at \(event.timestamp) ns")
        advance(to: event.timestamp)
        ledger.insert(event)
        addCount(at: event.timestamp, good: event.good, reject: event.reject, sign: 1)
    }

    /// Adds a PLC counter reading (or replaces the one of its kind with the same timestamp).
    /// - Throws: ``OEEError/negativeCount(item:value:)`` for a negative reading,
    ///   ``OEEError/counterOutOfRange(item:value:modulus:)`` for one not below the counter modulus.
    public mutating func add(_ sample: CounterSample) throws(OEEError) {
        try Self.validate(
            sample, item: "counter sample at \(sample.timestamp) ns", modulus: configuration.counterModulus)
        advance(to: sample.timestamp)
        let (position, replaces) = ledger.position(of: sample.kind, at: sample.timestamp)
        if replaces { addCounterParts(of: sample.kind, at: position, sign: -1) }
        addCounterParts(of: sample.kind, at: replaces ? position + 1 : position, sign: -1)
        let index = ledger.insert(sample)
        addCounterParts(of: sample.kind, at: index, sign: 1)
        addCounterParts(of: sample.kind, at: index + 1, sign: 1)
    }

    /// Adds a product change (or replaces the one with the same timestamp) and re-attributes the
    /// time and counts up to the next product change.
    public mutating func add(_ change: ProductChange) {
        advance(to: change.timestamp)
        let span = products.affectedSpan(forChangeAt: change.timestamp)
        accumulateTime(in: span, sign: -1)
        accumulateCounts(in: span, sign: -1)
        products.insert(change)
        accumulateTime(in: span, sign: 1)
        accumulateCounts(in: span, sign: 1)
    }

    /// Whether appending `event` after every known event leaves all contributions as they are: it
    /// continues the last interval, or it ends it at the horizon without changing how it counts.
    /// This keeps in-order streams O(1) per event however long the last interval is.
    private func appendChangesNothing(_ event: StateEvent) -> Bool {
        guard event.timestamp > states.timestamps.last ?? Int64.min else { return false }
        let last = states.interval(containing: event.timestamp)
        if last.activity == event.activity { return true }
        // Past the horizon nothing of the new interval has been counted yet.
        guard event.timestamp == horizon else { return false }
        var closed = last
        closed.end = event.timestamp
        return TimeClass(closed, configuration: configuration) == TimeClass(last, configuration: configuration)
    }

    static func validate(_ sample: CounterSample, item: String, modulus: Int64?) throws(OEEError) {
        guard sample.value >= 0 else { throw .negativeCount(item: item, value: sample.value) }
        if let modulus, sample.value >= modulus {
            throw .counterOutOfRange(item: item, value: sample.value, modulus: modulus)
        }
    }
}
