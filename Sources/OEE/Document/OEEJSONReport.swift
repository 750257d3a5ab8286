import Foundation
import Time

/// The JSON contract of `histd oee FILE.json`: reads one machine's document (see the module
/// documentation, docs/oee.md) and writes one JSON object per shift, in time order, with the day
/// the shift starts on (in the offset of its `start` text) and its `start` and `end` (RFC 3339, UTC).
public enum OEEJSONReport {
    /// Evaluates a JSON document.
    /// - Parameter input: the document's bytes (UTF-8 JSON).
    /// - Returns: pretty-printed JSON, an array with one object per shift, keys sorted.
    /// - Throws: ``OEEDocumentError`` naming the offending item by its JSON path: malformed JSON, a
    ///   missing, unknown or mistyped key, a timestamp that is not RFC 3339, an unknown state, a break outside
    ///   its shift, overlapping shifts, a negative count, an invalid ideal cycle time.
    public static func evaluate(_ input: Data) throws(OEEDocumentError) -> Data {
        let document: OEEDocument
        do {
            document = try JSONDecoder().decode(OEEDocument.self, from: input)
        } catch let error as DecodingError {
            throw describe(error)
        } catch {
            throw OEEDocumentError(item: "", message: "not a JSON document: \(error)")
        }
        if let tree = try? JSONSerialization.jsonObject(with: input), let key = OEEDocument.unknownKey(in: tree) {
            throw OEEDocumentError(item: key, message: "unknown key (see docs/oee.md for the keys of the input)")
        }
        let reports = try shiftReports(of: document)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            return try encoder.encode(
                reports.map { report in
                    var summary = OEESummary(report)
                    summary.day = String(document.shifts[report.shiftIndex].start.prefix(10))
                    summary.start = RFC3339.format(report.shift.window.start)
                    summary.end = RFC3339.format(report.shift.window.end)
                    return summary
                })
        } catch {
            throw OEEDocumentError(item: "", message: "cannot encode the result: \(error)")
        }
    }

    static func shiftReports(of document: OEEDocument) throws(OEEDocumentError) -> [ShiftReport] {
        let configuration: MachineConfiguration
        do {
            configuration = try MachineConfiguration(
                idealCycleSeconds: document.idealCycleSeconds, idealCycleSecondsByProduct: document.idealCycleSecondsByProduct ?? [:],
                microStopThresholdSeconds: document.microStopThresholdSeconds ?? 0,
                setupReasons: Set(document.setupReasons ?? [StateEvent.setupReason]), failureReasons: document.failureReasons.map(Set.init))
        } catch {
            let item =
                switch error {
                case .invalidMicroStopThreshold: "micro_stop_threshold_s"
                case .invalidIdealCycleTime(let item, _) where item.hasPrefix("product "): "ideal_cycle_s_by_product.\(item.dropFirst(8))"
                default: "ideal_cycle_s"
                }
            throw OEEDocumentError(item: item, message: error.description)
        }
        var teepCalendarTime: Int64?
        if let calendarMinutes = document.teepCalendarMinutes {
            guard calendarMinutes.isFinite, calendarMinutes > 0, calendarMinutes < 1e8 else {
                throw OEEDocumentError(
                    item: "teep_calendar_min", message: "must be a positive number of minutes below 10^8")
            }
            teepCalendarTime = Int64((calendarMinutes * 60e9).rounded())
        }
        let calendar = try calendar(of: document.shifts)
        var states: [StateEvent] = []
        for (index, entry) in (document.stateEvents ?? []).enumerated() {
            let item = "state_events[\(index)]"
            let state: MachineState
            do {
                state = try MachineState(code: entry.state)
            } catch {
                throw OEEDocumentError(item: "\(item).state", message: error.description)
            }
            states.append(
                StateEvent(timestamp: try timestamp(entry.ts, item: "\(item).ts"), state: state, reason: entry.reason))
        }
        var counts: [CountEvent] = []
        for (index, entry) in (document.countEvents ?? []).enumerated() {
            let item = "count_events[\(index)]"
            let event = CountEvent(
                timestamp: try timestamp(entry.ts, item: "\(item).ts"), good: entry.good ?? 0, reject: entry.reject ?? 0
            )
            for (key, value) in [("good", event.good), ("reject", event.reject)] where value < 0 {
                throw OEEDocumentError(item: "\(item).\(key)", message: "negative count \(value)")
            }
            do {
                try event.validate(item: item)
            } catch {
                throw OEEDocumentError(item: item, message: error.description)
            }
            counts.append(event)
        }
        var products: [ProductChange] = []
        for (index, entry) in (document.productChanges ?? []).enumerated() {
            products.append(ProductChange(timestamp: try timestamp(entry.ts, item: "product_changes[\(index)].ts"), product: entry.product))
        }
        do {
            return try OEECalculator.batch(
                calendar: calendar, configuration: configuration, stateEvents: states, countEvents: counts, productChanges: products
            ).shiftReports(teepCalendarTime: teepCalendarTime)
        } catch {
            throw OEEDocumentError(item: "", message: error.description)
        }
    }

    private static func calendar(of entries: [OEEDocument.ShiftEntry]) throws(OEEDocumentError) -> ShiftCalendar {
        var shifts: [Shift] = []
        var positions: [String: Int] = [:]
        for (index, entry) in entries.enumerated() {
            let item = "shifts[\(index)]"
            let window = TimeWindow(
                start: try timestamp(entry.start, item: "\(item).start"),
                end: try timestamp(entry.end, item: "\(item).end"))
            var breaks: [TimeWindow] = []
            for (breakIndex, plannedBreak) in (entry.breaks ?? []).enumerated() {
                let breakItem = "\(item).breaks[\(breakIndex)]"
                breaks.append(
                    TimeWindow(
                        start: try timestamp(plannedBreak.start, item: "\(breakItem).start"),
                        end: try timestamp(plannedBreak.end, item: "\(breakItem).end")))
            }
            do {
                shifts.append(try Shift(name: entry.name, window: window, breaks: breaks))
            } catch {
                switch error {
                case .breakOutsideShift(_, let breakIndex):
                    throw OEEDocumentError(
                        item: "\(item).breaks[\(breakIndex)]", message: "break lies outside shift \"\(entry.name)\"")
                default:
                    throw OEEDocumentError(item: item, message: error.description)
                }
            }
            positions[entry.name] = positions[entry.name] ?? index
        }
        do {
            return try ShiftCalendar(shifts: shifts)
        } catch {
            if case .shiftsOverlap(let first, let second) = error,
                let firstIndex = positions[first], let secondIndex = positions[second]
            {
                throw OEEDocumentError(
                    item: "shifts[\(max(firstIndex, secondIndex))]",
                    message: "shift \"\(second)\" overlaps shifts[\(min(firstIndex, secondIndex))] \"\(first)\"")
            }
            throw OEEDocumentError(item: "shifts", message: error.description)
        }
    }

    private static func timestamp(_ text: String, item: String) throws(OEEDocumentError) -> Int64 {
        guard let nanoseconds = RFC3339.parse(text, strict: true) else {
            throw OEEDocumentError(item: item, message: "\"\(text)\" is not an RFC 3339 timestamp")
        }
        return nanoseconds
    }

    /// Turns a decoding error into the JSON path of the offending key and what is wrong there.
    private static func describe(_ error: DecodingError) -> OEEDocumentError {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.reduce(into: "") { text, key in
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
                }
            }
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            return OEEDocumentError(item: parent, message: "missing key \"\(key.stringValue)\"")
        case .typeMismatch(let type, let context):
            return OEEDocumentError(item: path(context.codingPath), message: "expected \(type)")
        case .valueNotFound(let type, let context):
            return OEEDocumentError(item: path(context.codingPath), message: "expected \(type), found null")
        case .dataCorrupted(let context):
            return OEEDocumentError(
                item: path(context.codingPath), message: "malformed JSON: \(context.debugDescription)")
        @unknown default:
            return OEEDocumentError(item: "", message: "\(error)")
        }
    }
}
