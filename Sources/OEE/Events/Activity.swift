/// A state with its reason resolved: consecutive events with equal activity form one interval.
enum Activity: Hashable, Sendable {
    case run
    case stopped(reason: String)
}
