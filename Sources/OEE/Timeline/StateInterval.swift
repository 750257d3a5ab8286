/// A maximal span `[start, end)` of one activity: consecutive state events with equal state and
/// reason form one interval. Before the first event the activity is unknown (nil).
struct StateInterval: Sendable {
    /// Start, or `Int64.min` before the first event.
    var start: Int64
    /// End, or `Int64.max` while no later event with another activity is known (open interval).
    var end: Int64
    /// The activity, nil before the first event.
    var activity: Activity?
    /// Index of the first event after this interval in the timeline (`events.count` if none).
    var nextEventIndex: Int

    var isOpen: Bool { end == Int64.max }
}
