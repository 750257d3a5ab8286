import Foundation
import Live
import OEE
import Time

extension OEEMachineDefinition {
    /// The keys of a machine document (`POST /api/v1/oee/machines`, docs/oee.md): those of
    /// `[[machines]]` plus `reason` (why this revision; not part of the definition).
    static let documentKeys: Set<String> = [
        "name", "line", "ideal_cycle_s", "micro_stop_threshold_s", "setup_reasons", "state", "states", "counts", "calendar", "staleness",
        "heartbeat", "product", "ideal_cycle_s_by_product", "failure_reasons", "reason",
    ]

    /// Reads a machine document: the `[[machines]]` keys of docs/oee.md as a JSON object.
    /// - Throws: ``LiveError/invalid(key:message:)`` naming the key path at fault (`calendar.shifts[1].start`),
    ///   unknown keys and wrong types included, and for settings ``validate(item:)`` refuses.
    init(json document: JSONValue) throws(LiveError) {
        let root = try JSONObject(document, path: "")
        try root.requireKnown(Self.documentKeys)
        let name = try root.requiredString("name")
        guard !name.isEmpty else { throw .invalid(key: "name", message: "name: must not be empty") }
        var mapping: [String: OEEStateMapping] = [:]
        if let states = try root.optionalObject("states") {
            for (raw, _) in states.members {
                let text = try states.requiredString(raw)
                guard let parsed = Self.stateMapping(text) else {
                    throw .invalid(key: states.path(raw), message: "\(states.path(raw)): expected \"RUN\", \"DOWN\", \"SETUP\" or \"DOWN:REASON\"")
                }
                mapping[raw] = parsed
            }
        }
        var byProduct: [String: Double] = [:]
        if let products = try root.optionalObject("ideal_cycle_s_by_product") {
            for (product, _) in products.members { byProduct[product] = try products.requiredNumber(product) }
        }
        let stalenessText = try root.optionalString("staleness")
        let staleness: Int64?
        do {
            staleness = try Self.staleness(stalenessText, item: "staleness")
        } catch {
            throw .invalid(key: "staleness", message: "staleness: '\(stalenessText ?? "")' is not a positive duration such as \"5m\" or \"90s\"")
        }
        self.init(
            name: name, line: try root.optionalString("line"), stateSeries: try Self.series(try root.requiredObject("state")),
            stateMapping: mapping, counts: try Self.counts(try root.requiredObject("counts")),
            idealCycleSeconds: try root.requiredNumber("ideal_cycle_s"),
            microStopThresholdSeconds: try root.optionalNumber("micro_stop_threshold_s") ?? 0,
            setupReasons: Set(try root.optionalStrings("setup_reasons") ?? [StateEvent.setupReason]),
            calendar: try Self.calendar(try root.requiredObject("calendar")), staleness: staleness,
            heartbeat: try root.optionalObject("heartbeat").map { (object) throws(LiveError) in try Self.series(object) },
            product: try root.optionalObject("product").map { (object) throws(LiveError) in try Self.series(object) },
            idealCycleSecondsByProduct: byProduct, failureReasons: try root.optionalStrings("failure_reasons").map(Set.init))
        do {
            _ = try machineConfiguration()
        } catch {
            let key =
                switch error {
                case .invalidMicroStopThreshold: "micro_stop_threshold_s"
                case .invalidCounterModulus: "counts.counter_modulus"
                case .invalidIdealCycleTime(let item, _) where item.hasPrefix("product "): "ideal_cycle_s_by_product.\(item.dropFirst(8))"
                default: "ideal_cycle_s"
                }
            throw .invalid(key: key, message: "\(key): \(error)")
        }
        guard !calendar.shifts.isEmpty else { throw .invalid(key: "calendar.shifts", message: "calendar.shifts: at least one shift is required") }
        guard TimeZone(identifier: calendar.timeZone) != nil else {
            throw .invalid(key: "calendar.time_zone", message: "calendar.time_zone: unknown time zone '\(calendar.timeZone)'")
        }
    }

    /// The document form, as ``init(json:)`` reads it.
    var json: JSONValue {
        var members: [String: JSONValue] = [
            "name": .string(name), "ideal_cycle_s": .number(idealCycleSeconds), "micro_stop_threshold_s": .number(microStopThresholdSeconds),
            "setup_reasons": .array(setupReasons.sorted().map { .string($0) }), "state": Self.json(stateSeries),
            "states": .object(
                stateMapping.mapValues { .string($0.state == .down && $0.reason != nil ? "DOWN:\($0.reason ?? "")" : $0.state.rawValue) }),
            "calendar": calendarJSON,
        ]
        var countMembers: [String: JSONValue] = ["good": Self.json(counts.good)]
        if let reject = counts.reject { countMembers["reject"] = Self.json(reject) }
        switch counts {
        case .counts: countMembers["count_mode"] = .string("counts")
        case .counters(_, _, let modulus):
            countMembers["count_mode"] = .string("counter")
            if let modulus { countMembers["counter_modulus"] = .integer(modulus) }
        }
        members["counts"] = .object(countMembers)
        if let line { members["line"] = .string(line) }
        if let staleness { members["staleness"] = .string(Self.durationText(staleness)) }
        if let heartbeat { members["heartbeat"] = Self.json(heartbeat) }
        if let product { members["product"] = Self.json(product) }
        if !idealCycleSecondsByProduct.isEmpty { members["ideal_cycle_s_by_product"] = .object(idealCycleSecondsByProduct.mapValues { .number($0) }) }
        if let failureReasons { members["failure_reasons"] = .array(failureReasons.sorted().map { .string($0) }) }
        return .object(members)
    }

    private var calendarJSON: JSONValue {
        func time(_ value: LocalTime) -> JSONValue {
            .string((value.hour < 10 ? "0" : "") + "\(value.hour):" + (value.minute < 10 ? "0" : "") + "\(value.minute)")
        }
        let shifts: [JSONValue] = calendar.shifts.map { shift in
            .object([
                "name": .string(shift.name), "start": time(shift.start), "end": time(shift.end),
                "breaks": .array(shift.breaks.map { .object(["start": time($0.start), "end": time($0.end)]) }),
            ])
        }
        let dates: [JSONValue] = calendar.nonScheduledDates.sorted { ($0.year, $0.month, $0.day) < ($1.year, $1.month, $1.day) }.map { date in
            .string(String(format: "%04d-%02d-%02d", date.year, date.month, date.day))
        }
        return .object([
            "time_zone": .string(calendar.timeZone), "shifts": .array(shifts),
            "non_scheduled_weekdays": .array(calendar.nonScheduledWeekdays.sorted().map { .integer(Int64($0)) }),
            "non_scheduled_dates": .array(dates),
        ])
    }

    /// `nanoseconds` as the largest whole unit of `DurationText` (`5m`, `90s`).
    static func durationText(_ nanoseconds: Int64) -> String {
        for (suffix, unit) in [
            ("d", Int64(86_400_000_000_000)), ("h", 3_600_000_000_000), ("m", 60_000_000_000), ("s", 1_000_000_000), ("ms", 1_000_000),
        ]
        where nanoseconds % unit == 0 {
            return "\(nanoseconds / unit)\(suffix)"
        }
        return "\(nanoseconds)ns"
    }

    private static func json(_ series: SeriesReference) -> JSONValue {
        .object(["measurement": .string(series.measurement), "tags": .object(series.tags.mapValues { .string($0) }), "field": .string(series.field)])
    }

    private static func series(_ object: JSONObject) throws(LiveError) -> SeriesReference {
        try object.requireKnown(["measurement", "tags", "field"])
        var tags: [String: String] = [:]
        if let given = try object.optionalObject("tags") {
            for (key, _) in given.members { tags[key] = try given.requiredString(key) }
        }
        return SeriesReference(measurement: try object.requiredString("measurement"), tags: tags, field: try object.requiredString("field"))
    }

    private static func counts(_ object: JSONObject) throws(LiveError) -> OEECountSource {
        try object.requireKnown(["count_mode", "counter_modulus", "good", "reject"])
        let good = try series(try object.requiredObject("good"))
        let reject = try object.optionalObject("reject").map { (reject) throws(LiveError) in try series(reject) }
        switch try object.optionalString("count_mode") ?? "counts" {
        case "counts": return .counts(good: good, reject: reject)
        case "counter": return .counters(good: good, reject: reject, modulus: try object.optionalInteger("counter_modulus"))
        case let other:
            throw .invalid(
                key: object.path("count_mode"), message: "\(object.path("count_mode")): expected \"counts\" or \"counter\", found \"\(other)\"")
        }
    }

    private static func calendar(_ object: JSONObject) throws(LiveError) -> OEEShiftCalendarDefinition {
        try object.requireKnown(["time_zone", "non_scheduled_weekdays", "non_scheduled_dates", "shifts"])
        var shifts: [OEEShiftDefinition] = []
        for shift in try object.requiredObjects("shifts") {
            try shift.requireKnown(["name", "start", "end", "breaks"])
            var breaks: [OEEShiftDefinition.Break] = []
            for pause in try shift.optionalObjects("breaks") ?? [] {
                try pause.requireKnown(["start", "end"])
                breaks.append(.init(start: try time(pause, "start"), end: try time(pause, "end")))
            }
            shifts.append(
                OEEShiftDefinition(
                    name: try shift.requiredString("name"), start: try time(shift, "start"), end: try time(shift, "end"), breaks: breaks))
        }
        var dates: Set<LocalDate> = []
        for text in try object.optionalStrings("non_scheduled_dates") ?? [] {
            let parts = text.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else {
                throw .invalid(
                    key: object.path("non_scheduled_dates"), message: "\(object.path("non_scheduled_dates")): '\(text)' is not a date YYYY-MM-DD")
            }
            dates.insert(LocalDate(year: parts[0], month: parts[1], day: parts[2]))
        }
        var weekdays: Set<Int> = []
        for day in try object.optionalIntegers("non_scheduled_weekdays") ?? [] {
            guard (1...7).contains(day) else {
                throw .invalid(
                    key: object.path("non_scheduled_weekdays"),
                    message: "\(object.path("non_scheduled_weekdays")): \(day) is not 1 (Monday) to 7 (Sunday)")
            }
            weekdays.insert(Int(day))
        }
        return OEEShiftCalendarDefinition(
            timeZone: try object.optionalString("time_zone") ?? "UTC", shifts: shifts, nonScheduledWeekdays: weekdays, nonScheduledDates: dates)
    }

    private static func time(_ object: JSONObject, _ key: String) throws(LiveError) -> LocalTime {
        let text = try object.requiredString(key)
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute) else {
            throw .invalid(key: object.path(key), message: "\(object.path(key)): '\(text)' is not a time of day HH:MM")
        }
        return LocalTime(hour: hour, minute: minute)
    }
}
