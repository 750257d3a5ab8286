/// A machine state change: from `timestamp` on, the machine is in `state` until its next state event.
public struct StateEvent: Hashable, Sendable {
    /// Reason recorded for a DOWN event that carries none.
    public static let unspecifiedReason = "UNSPECIFIED"
    /// Reason of SETUP events.
    public static let setupReason = "SETUP"

    /// Nanoseconds since the Unix epoch.
    public var timestamp: Int64
    /// The new state.
    public var state: MachineState
    /// Reason code of a stop (BREAKDOWN, SETUP, MATERIAL, ...); ignored for RUN.
    public var reason: String?

    public init(timestamp: Int64, state: MachineState, reason: String? = nil) {
        self.timestamp = timestamp
        self.state = state
        self.reason = reason
    }

    /// What the machine does from this event on, with the reason resolved.
    var activity: Activity {
        switch state {
        case .run: .run
        case .down: .stopped(reason: reason ?? Self.unspecifiedReason)
        case .setup: .stopped(reason: Self.setupReason)
        case .noData: .unknown
        }
    }
}
