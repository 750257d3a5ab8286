import OEE

/// What one raw value of a machine's state series means: a state and, for DOWN, a reason.
public struct OEEStateMapping: Sendable, Equatable {
    /// RUN, DOWN or SETUP.
    public var state: MachineState
    /// The reason code of a stop (for example `JAM`); nil gives `UNSPECIFIED` for DOWN.
    public var reason: String?

    public init(state: MachineState, reason: String? = nil) {
        self.state = state
        self.reason = reason
    }
}
