/// The state a machine reports. A state holds until the machine's next state event.
public enum MachineState: String, CaseIterable, Hashable, Sendable {
    /// Producing (or able to produce): run time.
    case run = "RUN"
    /// Stopped; the event's reason code says why (BREAKDOWN, MATERIAL, ...).
    case down = "DOWN"
    /// Changeover: an availability loss and ISO 22400-2 setup time. Same as DOWN with reason SETUP.
    case setup = "SETUP"

    /// Parses a state code (exact, upper case: "RUN", "DOWN", "SETUP").
    /// - Throws: ``OEEError/unknownState(_:)`` for any other code.
    public init(code: String) throws(OEEError) {
        guard let state = MachineState(rawValue: code) else { throw .unknownState(code) }
        self = state
    }
}
