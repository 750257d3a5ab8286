import OEE
import TOML
import Time

extension OEEMachineDefinition {
    /// Reads one `[[machines]]` table of the configuration file (docs/oee.md shows every key).
    /// - Parameter item: how messages name the table, e.g. `machines[2]`.
    /// - Throws: ``ConfigurationError/invalid(key:message:)`` or a `TOMLError` naming the key.
    init(toml table: TOMLTable, item: String) throws {
        try table.checkKeys([
            "name", "line", "ideal_cycle_s", "micro_stop_threshold_s", "setup_reasons", "state", "states", "counts", "calendar", "staleness",
            "heartbeat", "product", "ideal_cycle_s_by_product", "failure_reasons",
        ])
        guard let name = try table.string("name") else { throw ConfigurationError.invalid(key: "\(item).name", message: "is required") }
        guard let ideal = try table.double("ideal_cycle_s") else {
            throw ConfigurationError.invalid(key: "\(item).ideal_cycle_s", message: "is required")
        }
        guard let state = try table.table("state") else {
            throw ConfigurationError.invalid(key: "\(item).state", message: "is required (the state series)")
        }
        guard let counts = try table.table("counts") else { throw ConfigurationError.invalid(key: "\(item).counts", message: "is required") }
        guard let calendar = try table.table("calendar") else { throw ConfigurationError.invalid(key: "\(item).calendar", message: "is required") }
        var mapping: [String: OEEStateMapping] = [:]
        for (raw, value) in (try table.table("states") ?? TOMLTable()).entries {
            guard case .string(let text) = value, let parsed = Self.stateMapping(text) else {
                throw ConfigurationError.invalid(key: "\(item).states.\(raw)", message: "expected \"RUN\", \"DOWN\", \"SETUP\" or \"DOWN:REASON\"")
            }
            mapping[raw] = parsed
        }
        self.init(
            name: name, line: try table.string("line"), stateSeries: try Self.series(state, item: "\(item).state"), stateMapping: mapping,
            counts: try Self.counts(counts, item: "\(item).counts"), idealCycleSeconds: ideal,
            microStopThresholdSeconds: try table.double("micro_stop_threshold_s") ?? 0,
            setupReasons: Set(try table.strings("setup_reasons") ?? [StateEvent.setupReason]),
            calendar: try Self.calendar(calendar, item: "\(item).calendar"),
            staleness: try Self.staleness(try table.string("staleness"), item: "\(item).staleness"),
            heartbeat: try table.table("heartbeat").map { try Self.series($0, item: "\(item).heartbeat") },
            product: try table.table("product").map { try Self.series($0, item: "\(item).product") },
            idealCycleSecondsByProduct: try Self.cycleTimes(try table.table("ideal_cycle_s_by_product"), item: "\(item).ideal_cycle_s_by_product"),
            failureReasons: try table.strings("failure_reasons").map(Set.init))
    }

    /// A staleness duration (`"5m"`), nil when absent.
    /// - Throws: ``ConfigurationError/invalid(key:message:)`` for text that is not a positive duration.
    static func staleness(_ text: String?, item: String) throws(ConfigurationError) -> Int64? {
        guard let text else { return nil }
        guard let nanoseconds = DurationText.nanoseconds(text) else {
            throw .invalid(key: item, message: "'\(text)' is not a positive duration such as \"5m\" or \"90s\"")
        }
        return nanoseconds
    }

    private static func cycleTimes(_ table: TOMLTable?, item: String) throws -> [String: Double] {
        var times: [String: Double] = [:]
        for (product, value) in table?.entries ?? [] {
            switch value {
            case .float(let seconds): times[product] = seconds
            case .integer(let seconds): times[product] = Double(seconds)
            default: throw ConfigurationError.invalid(key: "\(item).\(product)", message: "expected seconds per part (a number)")
            }
        }
        return times
    }

    static func stateMapping(_ text: String) -> OEEStateMapping? {
        let parts = text.split(separator: ":", maxSplits: 1)
        guard let code = parts.first, let state = MachineState(rawValue: String(code)), parts.count == 1 || state == .down else { return nil }
        return OEEStateMapping(state: state, reason: parts.count == 2 ? String(parts[1]) : nil)
    }

    private static func series(_ table: TOMLTable, item: String) throws -> SeriesReference {
        try table.checkKeys(["measurement", "tags", "field"])
        guard let measurement = try table.string("measurement"), let field = try table.string("field") else {
            throw ConfigurationError.invalid(key: item, message: "needs measurement and field (and optionally tags)")
        }
        var tags: [String: String] = [:]
        for (key, value) in (try table.table("tags") ?? TOMLTable()).entries {
            guard case .string(let text) = value else { throw ConfigurationError.invalid(key: "\(item).tags.\(key)", message: "expected a string") }
            tags[key] = text
        }
        return SeriesReference(measurement: measurement, tags: tags, field: field)
    }

    private static func counts(_ table: TOMLTable, item: String) throws -> OEECountSource {
        try table.checkKeys(["count_mode", "counter_modulus", "good", "reject"])
        guard let good = try table.table("good") else {
            throw ConfigurationError.invalid(key: "\(item).good", message: "is required (the good-parts series)")
        }
        let goodSeries = try series(good, item: "\(item).good")
        let rejectSeries = try table.table("reject").map { try series($0, item: "\(item).reject") }
        switch try table.string("count_mode") ?? "counts" {
        case "counts": return .counts(good: goodSeries, reject: rejectSeries)
        case "counter": return .counters(good: goodSeries, reject: rejectSeries, modulus: try table.integer("counter_modulus"))
        case let other: throw ConfigurationError.invalid(key: "\(item).count_mode", message: "expected \"counts\" or \"counter\", found \"\(other)\"")
        }
    }

    private static func calendar(_ table: TOMLTable, item: String) throws -> OEEShiftCalendarDefinition {
        try table.checkKeys(["time_zone", "non_scheduled_weekdays", "non_scheduled_dates", "shifts"])
        var shifts: [OEEShiftDefinition] = []
        for (index, shift) in (try table.tables("shifts") ?? []).enumerated() {
            let shiftItem = "\(item).shifts[\(index + 1)]"
            try shift.checkKeys(["name", "start", "end", "breaks"])
            guard let name = try shift.string("name"), let start = try shift.string("start"), let end = try shift.string("end") else {
                throw ConfigurationError.invalid(key: shiftItem, message: "needs name, start and end (\"HH:MM\")")
            }
            var breaks: [OEEShiftDefinition.Break] = []
            for (breakIndex, pause) in (try shift.tables("breaks") ?? []).enumerated() {
                let breakItem = "\(shiftItem).breaks[\(breakIndex + 1)]"
                try pause.checkKeys(["start", "end"])
                guard let from = try pause.string("start"), let to = try pause.string("end") else {
                    throw ConfigurationError.invalid(key: breakItem, message: "needs start and end (\"HH:MM\")")
                }
                breaks.append(.init(start: try time(from, item: "\(breakItem).start"), end: try time(to, item: "\(breakItem).end")))
            }
            shifts.append(
                OEEShiftDefinition(
                    name: name, start: try time(start, item: "\(shiftItem).start"), end: try time(end, item: "\(shiftItem).end"), breaks: breaks))
        }
        var dates: Set<LocalDate> = []
        for text in try table.strings("non_scheduled_dates") ?? [] {
            let parts = text.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else {
                throw ConfigurationError.invalid(key: "\(item).non_scheduled_dates", message: "'\(text)' is not a date YYYY-MM-DD")
            }
            dates.insert(LocalDate(year: parts[0], month: parts[1], day: parts[2]))
        }
        var weekdays: Set<Int> = []
        for value in try table.array("non_scheduled_weekdays") ?? [] {
            guard case .integer(let day) = value else {
                throw ConfigurationError.invalid(key: "\(item).non_scheduled_weekdays", message: "expected integers 1 (Monday) to 7 (Sunday)")
            }
            weekdays.insert(Int(day))
        }
        return OEEShiftCalendarDefinition(
            timeZone: try table.string("time_zone") ?? "UTC", shifts: shifts, nonScheduledWeekdays: weekdays, nonScheduledDates: dates)
    }

    private static func time(_ text: String, item: String) throws -> LocalTime {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute) else {
            throw ConfigurationError.invalid(key: item, message: "'\(text)' is not a time of day HH:MM")
        }
        return LocalTime(hour: hour, minute: minute)
    }
}
