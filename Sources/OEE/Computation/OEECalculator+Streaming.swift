extension OEECalculator {
    /// Moves the horizon forward to `instant` (no effect if it is not later): the current state
    /// holds until then.
    /// - Returns: indices (into ``ShiftCalendar/shifts``) of the shifts whose report may have changed.
    @discardableResult
    public mutating func advance(to instant: Int64) -> Range<Int> {
        guard instant > horizon else { return 0..<0 }
        let newlyKnown = TimeWindow(start: horizon, end: instant)
        horizon = instant
        accumulateTime(in: newlyKnown, sign: 1)
        return calendar.shiftIndices(overlapping: newlyKnown)
    }

    /// Adds a state event (or replaces the one with the same timestamp) and corrects every shift it affects.
    /// - Returns: indices of the shifts whose report may have changed.
    @discardableResult
    public mutating func add(_ event: StateEvent) -> Range<Int> {
        let extended = advance(to: event.timestamp)
        if appendChangesNothing(event) {
            states.insert(timestamp: event.timestamp, activity: event.activity)
            return extended
        }
        let span = states.affectedSpan(forEventAt: event.timestamp)
        accumulateTime(in: span, sign: -1)
        states.insert(timestamp: event.timestamp, activity: event.activity)
        accumulateTime(in: span, sign: 1)
        return union(extended, knownShifts(overlapping: span))
    }

    /// Adds a count event to the shift holding its timestamp.
    /// - Returns: indices of the shifts whose report may have changed.
    /// - Throws: ``OEEError/negativeCount(item:value:)`` or ``OEEError/countTooLarge(item:value:)``.
    @discardableResult
    public mutating func add(_ event: CountEvent) throws(OEEError) -> Range<Int> {
        try event.validate(item: "count event at \(event.timestamp) ns")
        let extended = advance(to: event.timestamp)
        ledger.insert(event)
        addCount(at: event.timestamp, good: event.good, reject: event.reject, sign: 1)
        return union(extended, knownShifts(overlapping: TimeWindow(start: event.timestamp, end: instant(after: event.timestamp))))
    }

    /// Adds a PLC counter reading (or replaces the one of its kind with the same timestamp).
    /// - Returns: indices of the shifts whose report may have changed.
    /// - Throws: ``OEEError/negativeCount(item:value:)`` for a negative reading,
    ///   ``OEEError/counterOutOfRange(item:value:modulus:)`` for one not below the counter modulus.
    @discardableResult
    public mutating func add(_ sample: CounterSample) throws(OEEError) -> Range<Int> {
        try Self.validate(
            sample, item: "counter sample at \(sample.timestamp) ns", modulus: configuration.counterModulus)
        let extended = advance(to: sample.timestamp)
        let (position, replaces) = ledger.position(of: sample.kind, at: sample.timestamp)
        if replaces { addCounterParts(of: sample.kind, at: position, sign: -1) }
        addCounterParts(of: sample.kind, at: replaces ? position + 1 : position, sign: -1)
        let index = ledger.insert(sample)
        addCounterParts(of: sample.kind, at: index, sign: 1)
        addCounterParts(of: sample.kind, at: index + 1, sign: 1)
        let samples = ledger.samples(of: sample.kind)
        let end = instant(after: index + 1 < samples.count ? samples[index + 1].timestamp : sample.timestamp)
        return union(extended, knownShifts(overlapping: TimeWindow(start: sample.timestamp, end: end)))
    }

    /// Adds a product change (or replaces the one with the same timestamp) and re-attributes the
    /// time and counts up to the next product change.
    /// - Returns: indices of the shifts whose report may have changed.
    @discardableResult
    public mutating func add(_ change: ProductChange) -> Range<Int> {
        let extended = advance(to: change.timestamp)
        let span = products.affectedSpan(forChangeAt: change.timestamp)
        accumulateTime(in: span, sign: -1)
        accumulateCounts(in: span, sign: -1)
        products.insert(change)
        accumulateTime(in: span, sign: 1)
        accumulateCounts(in: span, sign: 1)
        return union(extended, knownShifts(overlapping: span))
    }

    /// Shifts overlapping `span` up to and including the horizon instant (a count at the horizon counts).
    private func knownShifts(overlapping span: TimeWindow) -> Range<Int> {
        let end = instant(after: horizon)
        guard span.start < end else { return 0..<0 }
        return calendar.shiftIndices(overlapping: TimeWindow(start: span.start, end: min(span.end, end)))
    }

    private func instant(after instant: Int64) -> Int64 {
        instant == Int64.max ? instant : instant + 1
    }

    private func union(_ first: Range<Int>, _ second: Range<Int>) -> Range<Int> {
        if first.isEmpty { return second }
        if second.isEmpty { return first }
        return min(first.lowerBound, second.lowerBound)..<max(first.upperBound, second.upperBound)
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
