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

    public init(
        name: String, line: String? = nil, stateSeries: SeriesReference, stateMapping: [String: OEEStateMapping] = [:],
        counts: OEECountSource, idealCycleSeconds: Double, microStopThresholdSeconds: Double = 0,
        setupReasons: Set<String> = [StateEvent.setupReason], calendar: OEEShiftCalendarDefinition
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
    }

    /// The OEE calculator's settings for this machine.
    /// - Throws: ``OEEError`` for an invalid ideal cycle time, threshold or counter modulus.
    func machineConfiguration() throws(OEEError) -> MachineConfiguration {
        var modulus: Int64?
        if case .counters(_, _, let value) = counts { modulus = value }
        return try MachineConfiguration(
            idealCycleSeconds: idealCycleSeconds, microStopThresholdSeconds: microStopThresholdSeconds,
            setupReasons: setupReasons, counterModulus: modulus)
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
