/// The input of `histd oee FILE.json`: one machine's shifts, state events and count events.
///
/// Keys: `ideal_cycle_s`, `micro_stop_threshold_s` (optional, default 0: no small stops),
/// `teep_calendar_min` (optional: calendar minutes TEEP of one shift is measured against; default
/// the shift's length), `shifts` (`{name, start, end, breaks: [{start, end}]}`), `state_events`
/// (`{ts, state, reason?}`), `count_events` (`{ts, good, reject}`). Times are RFC 3339 strings.
struct OEEDocument: Decodable {
    struct Window: Decodable {
        var start: String
        var end: String
    }

    struct ShiftEntry: Decodable {
        var name: String
        var start: String
        var end: String
        var breaks: [Window]?
    }

    struct StateEntry: Decodable {
        var ts: String
        var state: String
        var reason: String?
    }

    struct CountEntry: Decodable {
        var ts: String
        var good: Int64?
        var reject: Int64?
    }

    var idealCycleSeconds: Double
    var microStopThresholdSeconds: Double?
    var teepCalendarMinutes: Double?
    var shifts: [ShiftEntry]
    var stateEvents: [StateEntry]?
    var countEvents: [CountEntry]?

    enum CodingKeys: String, CodingKey {
        case idealCycleSeconds = "ideal_cycle_s"
        case microStopThresholdSeconds = "micro_stop_threshold_s"
        case teepCalendarMinutes = "teep_calendar_min"
        case shifts
        case stateEvents = "state_events"
        case countEvents = "count_events"
    }
}
