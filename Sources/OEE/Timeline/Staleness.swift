/// Turns silence into `NO_DATA`: many sources report a state only when it changes, so silence
/// alone proves nothing; but when a machine is configured with a staleness timeout, a stretch
/// without any sample of its state, count or heartbeat series is time without a known state.
///
/// From the last sample plus the timeout on, the state is ``MachineState/noData``; at the next
/// sample the state known before the silence resumes (unless a state event at that instant says
/// otherwise). A stop interrupted by silence therefore counts as two stops.
public enum Staleness {
    /// The state events of a machine with stale stretches marked.
    /// - Parameters:
    ///   - states: the machine's state events (any order; of equal timestamps the later wins).
    ///   - samples: timestamps (ns) of every sample of its state, count and heartbeat series (any order).
    ///   - timeout: nanoseconds of silence after which the state is unknown; must be positive.
    ///   - horizon: instant (ns) up to which time is known; silence up to it counts too.
    /// - Returns: `states` plus a `NO_DATA` event at the start of every stale stretch and an event
    ///   resuming the previous state at its end, sorted by time.
    public static func mark(states: [StateEvent], samples: [Int64], timeout: Int64, horizon: Int64) -> [StateEvent] {
        guard timeout > 0 else { return states }
        let ordered = states.enumerated().sorted { ($0.element.timestamp, $0.offset) < ($1.element.timestamp, $1.offset) }.map(\.element)
        var latestByTime: [Int64: StateEvent] = [:]
        for event in ordered { latestByTime[event.timestamp] = event }
        let times = Array(Set(samples).union(latestByTime.keys)).sorted()
        var marked = ordered
        var stateIndex = 0
        var current: StateEvent?
        for (position, time) in times.enumerated() {
            while stateIndex < ordered.count, ordered[stateIndex].timestamp <= time {
                current = ordered[stateIndex]
                stateIndex += 1
            }
            let next = position + 1 < times.count ? times[position + 1] : nil
            let silenceEnd = next ?? horizon
            guard silenceEnd.subtractingReportingOverflow(time).partialValue > timeout else { continue }
            let staleFrom = time + timeout
            marked.append(StateEvent(timestamp: staleFrom, state: .noData))
            if let next, latestByTime[next] == nil, let current {
                marked.append(StateEvent(timestamp: next, state: current.state, reason: current.reason))
            }
        }
        return marked.enumerated().sorted { ($0.element.timestamp, $0.offset) < ($1.element.timestamp, $1.offset) }.map(\.element)
    }
}
