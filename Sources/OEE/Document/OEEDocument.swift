/// The input of `histd oee FILE.json`: one machine's shifts, state events and count events.
///
/// Keys: `ideal_cycle_s`, `micro_stop_threshold_s` (optional, default 0: no small stops),
/// `teep_calendar_min` (optional: calendar minutes TEEP of one shift is measured against; default
/// the shift's length), `shifts` (`{name, start, end, breaks: [{start, end}]}`), `state_events`
/// (`{ts, state, reason?}`), `count_events` (`{ts, good, reject}`), `product_changes` (`{ts,
/// product}`), `ideal_cycle_s_by_product` (`{product: seconds}`), `setup_reasons` and
/// `failure_reasons` (lists of reason codes). Times are RFC 3339 strings.
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

    struct ProductEntry: Decodable {
        var ts: String
        var product: String
    }

    /// The keys each object of the document may hold, by the path of its kind (`shifts[]` for
    /// every shift): anything else is refused, so a misspelt key is not silently ignored.
    static let knownKeys: [String: Set<String>] = [
        "": [
            "ideal_cycle_s", "ideal_cycle_s_by_product", "micro_stop_threshold_s", "teep_calendar_min", "setup_reasons", "failure_reasons",
            "shifts", "state_events", "count_events", "product_changes",
        ],
        "shifts[]": ["name", "start", "end", "breaks"],
        "shifts[].breaks[]": ["start", "end"],
        "state_events[]": ["ts", "state", "reason"],
        "count_events[]": ["ts", "good", "reject"],
        "product_changes[]": ["ts", "product"],
    ]

    /// The first key of `value` (a document parsed by `JSONSerialization`) that no object of its
    /// kind may hold, as its JSON path (`shifts[1].brakes`), or nil.
    static func unknownKey(in value: Any, path: String = "", kind: String = "") -> String? {
        if let object = value as? [String: Any] {
            let allowed = knownKeys[kind]
            for key in object.keys.sorted() {
                let keyPath = path.isEmpty ? key : "\(path).\(key)"
                let keyKind = kind.isEmpty ? key : "\(kind).\(key)"
                if let allowed, !allowed.contains(key) { return keyPath }
                if let value = object[key], let found = unknownKey(in: value, path: keyPath, kind: keyKind) { return found }
            }
        } else if let array = value as? [Any] {
            for (index, element) in array.enumerated() {
                if let found = unknownKey(in: element, path: "\(path)[\(index)]", kind: kind + "[]") { return found }
            }
        }
        return nil
    }

    var idealCycleSeconds: Double
    var idealCycleSecondsByProduct: [String: Double]?
    var setupReasons: [String]?
    var failureReasons: [String]?
    var microStopThresholdSeconds: Double?
    var teepCalendarMinutes: Double?
    var shifts: [ShiftEntry]
    var stateEvents: [StateEntry]?
    var countEvents: [CountEntry]?
    var productChanges: [ProductEntry]?

    enum CodingKeys: String, CodingKey {
        case idealCycleSeconds = "ideal_cycle_s"
        case idealCycleSecondsByProduct = "ideal_cycle_s_by_product"
        case setupReasons = "setup_reasons"
        case failureReasons = "failure_reasons"
        case microStopThresholdSeconds = "micro_stop_threshold_s"
        case teepCalendarMinutes = "teep_calendar_min"
        case shifts
        case stateEvents = "state_events"
        case countEvents = "count_events"
        case productChanges = "product_changes"
    }
}
