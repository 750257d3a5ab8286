/// A state with its reason resolved: consecutive events with equal activity form one interval.
enum Activity: Hashable, Sendable {
    case run
    case stopped(reason: String)
    /// The state is not known (``MachineState/noData``): time counts as `NO_DATA`.
    case unknown
}
