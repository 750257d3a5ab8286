import Foundation
import OEE

/// A machine whose OEE `/api/v1/oee` reports: where its state and part counts are stored, its
/// ideal cycle time and its shift calendar. The TOML form (`[[machines]]`) is in docs/oee.md.
public struct OEEMachineDefinition: Sendable, Equatable {
    /// Unique machine name, used in `machine=` and in the answers.
    public var name: String
    /// The line the machine belongs to, for `by=line`.
    public var line: String?
    /// The series of state values: strings `RUN`, `DOWN`, `SETUP` or `DOWN:REASON`, or any value
    /// listed in ``stateMapping`` (integer codes, booleans as `true`/`false`).
    public var stateSeries: SeriesReference
    /// Meaning of raw state values, keyed by the value as text (`"3"`, `"true"`, `"JAM"`); values
    /// not listed are read as `RUN`, `DOWN`, `SETUP` or `DOWN:REASON`.
    public var stateMapping: [String: OEEStateMapping]
    /// Where part counts come from.
    public var counts: OEECountSource
    /// Ideal (design) cycle time, seconds per part.
    public var idealCycleSeconds: Double
    /// DOWN intervals shorter than this are small stops (performance loss); 0 disables them.
    public var microStopThresholdSeconds: Double
    /// Reason codes that are setup (changeover).
    public var setupReasons: Set<String>
    /// Shifts, breaks and non-scheduled days.
    public var calendar: OEEShiftCalendarDefinition
    /// Silence (ns) after which the state is unknown (`NO_DATA`, OEE's `Staleness`): no sample of
    /// the state, count or heartbeat series for this long. Nil: off (sources that report states
    /// only on change are never stale).
    public var staleness: Int64?
    /// An optional series whose samples only say that the machine's data source is alive.
    public var heartbeat: SeriesReference?
    /// An optional series of product identifiers (text): each sample is a product change.
    public var product: SeriesReference?
    /// Ideal cycle time per product, seconds per part; products not listed use ``idealCycleSeconds``.
    public var idealCycleSecondsByProduct: [String: Double]
    /// Reason codes that are failures (ISO 22400-2 FE, MTBF, MTTR); nil: every stop that is not setup.
    public var failureReasons: Set<String>?

    public init(
        name: String, line: String? = nil, stateSeries: SeriesReference, stateMapping: [String: OEEStateMapping] = [:],
        counts: OEECountSource, idealCycleSeconds: Double, microStopThresholdSeconds: Double = 0,
        setupReasons: Set<String> = [StateEvent.setupReason], calendar: OEEShiftCalendarDefinition, staleness: Int64? = nil,
        heartbeat: SeriesReference? = nil, product: SeriesReference? = nil, idealCycleSecondsByProduct: [String: Double] = [:],
        failureReasons: Set<String>? = nil
    ) {
        self.name = name
        self.line = line
        self.stateSeries = stateSeries
        self.stateMapping = stateMapping
        self.counts = counts
        self.idealCycleSeconds = idealCycleSeconds
        self.microStopThresholdSeconds = microStopThresholdSeconds
        self.setupReasons = setupReasons
        self.calendar = calendar
        self.staleness = staleness
        self.heartbeat = heartbeat
        self.product = product
        self.idealCycleSecondsByProduct = idealCycleSecondsByProduct
        self.failureReasons = failureReasons
    }

    /// Every series the machine reads, with the key path that names it: `state`, `counts.good`,
    /// `counts.reject`, `heartbeat`, `product`.
    public var seriesReferences: [(key: String, series: SeriesReference)] {
        var references: [(key: String, series: SeriesReference)] = [("state", stateSeries), ("counts.good", counts.good)]
        if let reject = counts.reject { references.append(("counts.reject", reject)) }
        if let heartbeat { references.append(("heartbeat", heartbeat)) }
        if let product { references.append(("product", product)) }
        return references
    }

    /// The OEE calculator's settings for this machine.
    /// - Throws: ``OEEError`` for an invalid ideal cycle time, threshold or counter modulus.
    func machineConfiguration() throws(OEEError) -> MachineConfiguration {
        var modulus: Int64?
        if case .counters(_, _, let value) = counts { modulus = value }
        return try MachineConfiguration(
            idealCycleSeconds: idealCycleSeconds, idealCycleSecondsByProduct: idealCycleSecondsByProduct,
            microStopThresholdSeconds: microStopThresholdSeconds, setupReasons: setupReasons, failureReasons: failureReasons,
            counterModulus: modulus)
    }

    /// Checks what can be checked without data.
    /// - Parameter item: how the configuration names this machine, for example `machines[2]`.
    /// - Throws: ``ConfigurationError/invalid(key:message:)`` naming the key.
    func validate(item: String) throws(ConfigurationError) {
        guard !name.isEmpty else { throw .invalid(key: "\(item).name", message: "must not be empty") }
        do {
            _ = try machineConfiguration()
        } catch {
            throw .invalid(key: "\(item) (\(name))", message: error.description)
        }
        guard !calendar.shifts.isEmpty else { throw .invalid(key: "\(item).shifts", message: "machine \(name) has no shifts") }
        guard TimeZone(identifier: calendar.timeZone) != nil else {
            throw .invalid(key: "\(item).time_zone", message: "unknown time zone '\(calendar.timeZone)'")
        }
        if let day = calendar.nonScheduledWeekdays.first(where: { !(1...7).contains($0) }) {
            throw .invalid(key: "\(item).non_scheduled_weekdays", message: "\(day) is not 1 (Monday) to 7 (Sunday)")
        }
        for (index, shift) in calendar.shifts.enumerated() {
            for time in [shift.start, shift.end] + shift.breaks.flatMap({ [$0.start, $0.end] })
            where !(0...23).contains(time.hour) || !(0...59).contains(time.minute) {
                throw .invalid(key: "\(item).shifts[\(index)]", message: "\(time.hour):\(time.minute) is not a time of day")
            }
        }
    }
}
