/// State events of one machine sorted by time; a later event with the same timestamp replaces the
/// earlier one. Answers which activity interval holds an instant.
struct StateTimeline: Sendable {
    private(set) var timestamps: [Int64] = []
    private(set) var activities: [Activity] = []
    /// Index of the event that starts the last interval (kept so that appending stays O(1)).
    private var lastIntervalStart = 0

    /// Builds a timeline from events in any order; of two events with one timestamp the later in
    /// `events` wins.
    init(events: [StateEvent] = []) {
        let order = events.indices.sorted {
            (events[$0].timestamp, $0) < (events[$1].timestamp, $1)
        }
        for index in order {
            if timestamps.last == events[index].timestamp {
                activities[activities.count - 1] = events[index].activity
            } else {
                timestamps.append(events[index].timestamp)
                activities.append(events[index].activity)
            }
        }
        updateLastIntervalStart()
    }

    private mutating func updateLastIntervalStart() {
        var first = max(activities.count - 1, 0)
        while first > 0, activities[first - 1] == activities[first] { first -= 1 }
        lastIntervalStart = first
    }

    /// Inserts or replaces the event at `timestamp`. O(log n) search; appending in order is O(1)
    /// amortized, inserting before later events moves them (a memmove).
    mutating func insert(timestamp: Int64, activity: Activity) {
        if let last = timestamps.last, timestamp > last {
            if activities.last != activity { lastIntervalStart = activities.count }
            timestamps.append(timestamp)
            activities.append(activity)
            return
        }
        let index = timestamps.firstIndex(atOrAfter: timestamp) { $0 }
        if index < timestamps.count, timestamps[index] == timestamp {
            activities[index] = activity
        } else {
            timestamps.insert(timestamp, at: index)
            activities.insert(activity, at: index)
        }
        updateLastIntervalStart()
    }

    /// The interval holding `instant`.
    func interval(containing instant: Int64) -> StateInterval {
        let following = timestamps.firstIndex(after: instant) { $0 }
        guard following > 0 else {
            return StateInterval(
                start: Int64.min, end: timestamps.first ?? Int64.max, activity: nil, nextEventIndex: 0)
        }
        if following == timestamps.count { return interval(from: lastIntervalStart) }
        var first = following - 1
        let activity = activities[first]
        while first > 0, activities[first - 1] == activity { first -= 1 }
        return interval(from: first)
    }

    /// The interval that starts at event `index` (which must start an interval).
    func interval(from index: Int) -> StateInterval {
        let activity = activities[index]
        var next = index + 1
        while next < activities.count, activities[next] == activity { next += 1 }
        return StateInterval(
            start: timestamps[index],
            end: next < timestamps.count ? timestamps[next] : Int64.max,
            activity: activity,
            nextEventIndex: next)
    }

    /// The interval after `interval`, which must not be open.
    func interval(after interval: StateInterval) -> StateInterval {
        self.interval(from: interval.nextEventIndex)
    }

    /// The span whose intervals can change when an event at `instant` is inserted or replaced:
    /// from the start of the interval holding the instant just before `instant` to the end of the
    /// interval holding the next later event. Interval boundaries outside it stay as they are.
    func affectedSpan(forEventAt instant: Int64) -> TimeWindow {
        let start = instant == Int64.min ? Int64.min : interval(containing: instant - 1).start
        let next = timestamps.firstIndex(after: instant) { $0 }
        let end = next < timestamps.count ? interval(containing: timestamps[next]).end : Int64.max
        return TimeWindow(start: start, end: end)
    }
}
