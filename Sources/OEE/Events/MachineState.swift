/// The state a machine reports. A state holds until the machine's next state event.
public enum MachineState: String, CaseIterable, Hashable, Sendable {
    /// Producing (or able to produce): run time.
    case run = "RUN"
    /// Stopped; the event's reason code says why (BREAKDOWN, MATERIAL, ...).
    case down = "DOWN"
    /// Changeover: an availability loss and ISO 22400-2 setup time. Same as DOWN with reason SETUP.
    case setup = "SETUP"
    /// No signal: the machine's state is unknown (a stale source, docs/oee.md "Staleness"). An
    /// availability loss with reason `NO_DATA`, never a stop, small stop or failure.
    case noData = "NO_DATA"

    /// Parses a state code (exact, upper case: "RUN", "DOWN", "SETUP", "NO_DATA").
    /// - Throws: ``OEEError/unknownState(_:)`` for any other code.
    public init(code: String) throws(OEEError) {
        guard let state = MachineState(rawValue: code) else { throw .unknownState(code) }
        self = state
    }
}
