import Historian
import Query
import SPC
import Time

/// A live control chart as its owners define it (`POST /api/v1/spc/charts`): the series, the chart
/// settings of `/api/v1/spc/chart`, phase I as a time range, a severity per rule, exclusions, and
/// the lists of assignable causes and corrective actions that acknowledgements choose from.
public struct ChartDefinition: Sendable, Equatable, Codable {
    /// A stretch of time left out of phase I and of the live evaluation.
    public struct Exclusion: Sendable, Equatable, Codable {
        /// Start (ns, inclusive).
        public var from: Int64
        /// End (ns, exclusive).
        public var to: Int64
        /// Why it is left out.
        public var reason: String
    }

    /// Unique among the charts.
    public var name: String
    /// The series watched.
    public var series: ChartSeriesReference
    /// Chart settings by their `/api/v1/spc/chart` names, as text (`type`, `rules`, `subgroup_size`...).
    public var settings: [String: String]
    /// Phase I, `[from, to)` in ns: the limits are computed from it and frozen; phase II is what follows.
    public var phaseOneFrom: Int64
    public var phaseOneTo: Int64
    /// Severity per rule key (`WE1`, `N2`, `beyond`, `cusum_upper`...); a rule not named is an alarm.
    public var severities: [String: RuleSeverity]
    /// Time ranges left out.
    public var exclusions: [Exclusion]
    /// The assignable causes an acknowledgement may name (any text when empty).
    public var causes: [String]
    /// The corrective actions an acknowledgement may name (any text when empty).
    public var actions: [String]
    /// Where every stream message of the chart is POSTed as JSON (`http://host:port/path`), at
    /// least once, in order, retried with back-off; nil for none.
    public var webhook: String?

    /// The keys a definition document may hold besides the chart settings.
    static let ownKeys: Set<String> = ["name", "series", "phase1", "severities", "exclusions", "causes", "actions", "webhook", "reason"]

    /// The parsed chart settings.
    /// - Throws: ``LiveError/invalid(key:message:)`` naming the setting, `type` for a chart type
    ///   without a streaming monitor (``ChartSettings/notLiveTypes``).
    func chartSettings() throws(LiveError) -> ChartSettings {
        let parsed: ChartSettings
        do {
            parsed = try ChartSettings { settings[$0] }
        } catch {
            throw LiveError(error)
        }
        guard !ChartSettings.notLiveTypes.contains(parsed.request.type) else {
            throw .invalid(key: "type", message: ChartSettings.notLive(parsed.request.type))
        }
        return parsed
    }

    /// The severity of violations of `rule`.
    func severity(of rule: String) -> RuleSeverity {
        severities[rule] ?? .alarm
    }

    /// Whether `time` lies in an exclusion.
    func isExcluded(_ time: Int64) -> Bool {
        exclusions.contains { $0.from <= time && time < $0.to }
    }

    /// Reads a definition document (the body of `POST` and `PUT /api/v1/spc/charts`); `now` resolves
    /// relative times (`now-7d`). The revision's `reason` is read by the caller.
    /// - Throws: ``LiveError/invalid(key:message:)`` naming the key at fault: unknown keys included,
    ///   so that a misspelt option is not silently ignored.
    public static func parse(_ document: JSONValue, now: Int64) throws(LiveError) -> ChartDefinition {
        guard let members = document.object else { throw .invalid(key: "body", message: "a chart definition is a JSON object") }
        var settings: [String: String] = [:]
        for (key, value) in members where !ownKeys.contains(key) {
            guard ChartSettings.names.contains(key) else {
                let accepted = ownKeys.union(ChartSettings.names).subtracting(["phase1"]).sorted().joined(separator: ", ")
                throw .invalid(key: key, message: "unknown key '\(key)' (accepted: \(accepted), phase1)")
            }
            guard let text = value.settingText else { throw .invalid(key: key, message: "\(key) must be a number, a string or a boolean") }
            settings[key] = text
        }
        guard let name = members["name"]?.string, !name.isEmpty else { throw .invalid(key: "name", message: "name is required (a string)") }
        guard let phaseOne = members["phase1"]?.object else {
            throw .invalid(key: "phase1", message: "phase1 is required: {\"from\": RFC 3339, \"to\": RFC 3339}, the time range the limits come from")
        }
        let from = try time(phaseOne["from"], key: "phase1.from", now: now)
        let to = try time(phaseOne["to"], key: "phase1.to", now: now)
        guard from < to else { throw .invalid(key: "phase1.from", message: "phase1.from must be before phase1.to") }
        var severities: [String: RuleSeverity] = [:]
        if let given = members["severities"] {
            guard let pairs = given.object else {
                throw .invalid(key: "severities", message: "severities is an object of rule to ignore, warning or alarm")
            }
            for (rule, value) in pairs {
                guard let severity = value.string.flatMap(RuleSeverity.init(rawValue:)) else {
                    throw .invalid(key: "severities.\(rule)", message: "severities.\(rule) is not one of ignore, warning, alarm")
                }
                guard RunRule(rawValue: rule) != nil || LiveMonitor.ruleKeys.contains(rule) else {
                    let known = (RunRule.allCases.map(\.rawValue) + LiveMonitor.ruleKeys.sorted()).joined(separator: ", ")
                    throw .invalid(key: "severities.\(rule)", message: "severities: '\(rule)' is not a rule (\(known))")
                }
                severities[rule] = severity
            }
        }
        var exclusions: [Exclusion] = []
        if let given = members["exclusions"] {
            guard case .array(let items) = given else {
                throw .invalid(key: "exclusions", message: "exclusions is a list of {\"from\", \"to\", \"reason\"}")
            }
            for (index, item) in items.enumerated() {
                let key = "exclusions[\(index)]"
                guard let fields = item.object else { throw .invalid(key: key, message: "\(key) is not {\"from\", \"to\", \"reason\"}") }
                let start = try time(fields["from"], key: key + ".from", now: now)
                let end = try time(fields["to"], key: key + ".to", now: now)
                guard start < end else { throw .invalid(key: key + ".from", message: "\(key).from must be before \(key).to") }
                guard let reason = fields["reason"]?.string, !reason.isEmpty else {
                    throw .invalid(key: key + ".reason", message: "\(key).reason is required: why the range is left out")
                }
                exclusions.append(Exclusion(from: start, to: end, reason: reason))
            }
        }
        var webhook: String?
        if let given = members["webhook"] {
            guard let url = given.string, PlainHTTPPost.Target(url) != nil else {
                throw .invalid(
                    key: "webhook", message: "webhook must be an http:// URL like http://mes.local:8080/alarms (https is not supported yet)")
            }
            webhook = url
        }
        let definition = ChartDefinition(
            name: name, series: try ChartSeriesReference.parse(members["series"]), settings: settings, phaseOneFrom: from, phaseOneTo: to,
            severities: severities, exclusions: exclusions, causes: try texts(members["causes"], key: "causes"),
            actions: try texts(members["actions"], key: "actions"), webhook: webhook)
        _ = try definition.chartSettings()
        return definition
    }

    private static func time(_ value: JSONValue?, key: String, now: Int64) throws(LiveError) -> Int64 {
        switch value {
        case .integer(let nanoseconds)?: return nanoseconds
        case .string(let text)?:
            do {
                return try TimeArgument.parse(text, argument: key, now: now)
            } catch {
                throw .invalid(key: key, message: error.description)
            }
        default: throw .invalid(key: key, message: "\(key) is required: RFC 3339 text or epoch nanoseconds")
        }
    }

    private static func texts(_ value: JSONValue?, key: String) throws(LiveError) -> [String] {
        guard let value else { return [] }
        guard case .array(let items) = value else { throw .invalid(key: key, message: "\(key) is a list of strings") }
        var texts: [String] = []
        for item in items {
            guard let text = item.string, !text.isEmpty else { throw .invalid(key: key, message: "\(key) is a list of non-empty strings") }
            texts.append(text)
        }
        return texts
    }

    /// The document form, as ``parse(_:now:)`` reads it (times as RFC 3339).
    public var json: JSONValue {
        var members: [String: JSONValue] = settings.mapValues { .string($0) }
        members["name"] = .string(name)
        members["series"] = series.json
        members["phase1"] = .object(["from": .string(RFC3339.format(phaseOneFrom)), "to": .string(RFC3339.format(phaseOneTo))])
        members["severities"] = .object(severities.mapValues { .string($0.rawValue) })
        members["exclusions"] = .array(
            exclusions.map {
                .object(["from": .string(RFC3339.format($0.from)), "to": .string(RFC3339.format($0.to)), "reason": .string($0.reason)])
            })
        members["causes"] = .array(causes.map { .string($0) })
        members["actions"] = .array(actions.map { .string($0) })
        if let webhook { members["webhook"] = .string(webhook) }
        return .object(members)
    }
}
