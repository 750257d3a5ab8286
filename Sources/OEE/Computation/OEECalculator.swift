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
    public internal(set) var horizon: Int64

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
}
