/// OEE of one machine over its shift calendar, fed one event at a time (streaming) or built from
/// all events at once (``batch(calendar:configuration:stateEvents:countEvents:counterSamples:productChanges:horizon:)``).
///
/// The calculator keeps integer sums (nanoseconds, parts) per shift and product. An event changes
/// only the state intervals around it; the calculator subtracts what those intervals contributed
/// and adds what they contribute now. Because the sums are integers, the streaming result equals a
/// batch recomputation over the same events exactly, whatever the order of arrival.
///
/// Cost per event: O(log n) to locate it plus the shifts its affected intervals overlap (usually
/// one); an in-order event is appended in O(1) amortized, a late one is inserted into a sorted array.
/// A late product change re-attributes the time and counts up to the next product change.
///
/// Time is known up to ``horizon``: the latest event timestamp or ``advance(to:)``. The last state
/// holds until the horizon, so a shift in progress reports its planned time so far.
public struct OEECalculator: Sendable {
    /// The shifts the calculator reports on.
    public let calendar: ShiftCalendar
    /// Ideal cycle times, micro-stop threshold, setup reasons, counter modulus.
    public let configuration: MachineConfiguration
    /// Instant up to which the machine's state is known, nanoseconds since the Unix epoch.
    public private(set) var horizon: Int64

    var states: StateTimeline
    var products: ProductTimeline
    var ledger: CountLedger
    /// Tallies per shift (indexed like `calendar.shifts`) and product.
    var tallies: [[String?: TimeTally]]

    /// An empty calculator; its horizon starts at the calendar's first shift.
    public init(calendar: ShiftCalendar, configuration: MachineConfiguration) {
        self.calendar = calendar
        self.configuration = configuration
        self.horizon = calendar.start
        self.tallies = Array(repeating: [:], count: calendar.shifts.count)
        self.states = StateTimeline()
        self.products = ProductTimeline()
        self.ledger = CountLedger(counterModulus: configuration.counterModulus)
    }

    /// Computes OEE from all events at once.
    /// - Parameters:
    ///   - horizon: instant up to which states are known; defaults to the end of the last shift.
    ///     Events after it still end the intervals before them.
    /// - Throws: ``OEEError/negativeCount(item:value:)``, ``OEEError/countTooLarge(item:value:)``,
    ///   ``OEEError/counterOutOfRange(item:value:modulus:)`` naming the event or sample by index.
    public static func batch(
        calendar: ShiftCalendar,
        configuration: MachineConfiguration,
        stateEvents: [StateEvent],
        countEvents: [CountEvent] = [],
        counterSamples: [CounterSample] = [],
        productChanges: [ProductChange] = [],
        horizon: Int64? = nil
    ) throws(OEEError) -> OEECalculator {
        for (index, event) in countEvents.enumerated() { try event.validate(item: "count event \(index)") }
        for (index, sample) in counterSamples.enumerated() {
            try validate(sample, item: "counter sample \(index)", modulus: configuration.counterModulus)
        }
        var calculator = OEECalculator(calendar: calendar, configuration: configuration)
        calculator.states = StateTimeline(events: stateEvents)
        calculator.products = ProductTimeline(changes: productChanges)
        calculator.ledger = CountLedger(
            counts: countEvents, counterSamples: counterSamples, counterModulus: configuration.counterModulus)
        calculator.horizon = max(horizon ?? calendar.end, calendar.start)
        let everything = TimeWindow(start: Int64.min, end: Int64.max)
        calculator.accumulateTime(in: everything, sign: 1)
        calculator.accumulateCounts(in: everything, sign: 1)
        return calculator
    }

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
        try Self.validate(sample, item: "counter sample at \(sample.timestamp) ns", modulus: configuration.counterModulus)
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

    private static func validate(_ sample: CounterSample, item: String, modulus: Int64?) throws(OEEError) {
        guard sample.value >= 0 else { throw .negativeCount(item: item, value: sample.value) }
        if let modulus, sample.value >= modulus {
            throw .counterOutOfRange(item: item, value: sample.value, modulus: modulus)
        }
    }
}
