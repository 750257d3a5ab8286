import Historian
import Hummingbird
import Time

/// The parameters of `GET /api/v1/query`, checked.
struct QueryRequest: Sendable {
    enum Mode: String, Sendable, CaseIterable {
        case raw, rollup, interpolate, latest, plot
    }

    enum TimeFormat: String, Sendable {
        case ns, us, ms, s, rfc3339
    }

    var selector: SeriesSelector
    var mode: Mode
    var from: Int64
    var to: Int64
    /// Rollup bucket width or interpolation step, nanoseconds.
    var width: Int64 = 0
    var aggregates: [Aggregate] = []
    var plotPoints = 0
    var qualities: Set<Quality>?
    /// Rollup grouping: nil per series, [] all series together, else the tag keys.
    var groupBy: [String]?
    var timeFormat = TimeFormat.ns

    /// Parses the query string.
    /// - Throws: a 400 ``APIError`` that names the parameter.
    init(_ parameters: Parameters, now: Int64) throws {
        try parameters.requireKnown([
            "measurement", "tag", "field", "mode", "from", "to", "every", "agg", "step", "points", "group_by", "quality", "time_format", "u", "p",
        ])
        guard let measurement = parameters.get("measurement"), !measurement.isEmpty else {
            throw APIError.badRequest("measurement is required")
        }
        var conditions: [(key: String, condition: SeriesSelector.TagCondition)] = []
        for text in parameters.getAll("tag") {
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw APIError.badRequest("tag '\(text)' is not key=value or key=~regex")
            }
            let key = String(text[..<equals])
            let rest = text[text.index(after: equals)...]
            conditions.append(rest.hasPrefix("~") ? (key, .matches(String(rest.dropFirst()))) : (key, .equals(String(rest))))
        }
        let field = parameters.get("field").flatMap { $0.isEmpty ? nil : $0 }
        do {
            selector = try SeriesSelector(measurement: measurement, tags: conditions, field: field)
        } catch {
            throw APIError.badRequest("\(error)")
        }
        if let every = parameters.get("every") {
            guard let width = DurationText.nanoseconds(every) else { throw APIError.badRequest("every '\(every)' is not a duration like 1m") }
            self.width = width
        }
        if let step = parameters.get("step") {
            guard let width = DurationText.nanoseconds(step) else { throw APIError.badRequest("step '\(step)' is not a duration like 10s") }
            self.width = width
        }
        if let points = parameters.get("points") {
            guard let count = Int(points), count > 0 else { throw APIError.badRequest("points '\(points)' is not a positive integer") }
            plotPoints = count
        }
        if let explicit = parameters.get("mode") {
            guard let parsed = Mode(rawValue: explicit) else {
                throw APIError.badRequest("mode '\(explicit)' is not one of \(Mode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            mode = parsed
        } else if parameters.get("every") != nil {
            mode = .rollup
        } else if parameters.get("step") != nil {
            mode = .interpolate
        } else if plotPoints > 0 {
            mode = .plot
        } else {
            mode = .raw
        }
        switch mode {
        case .rollup:
            guard parameters.get("every") != nil else { throw APIError.badRequest("a rollup needs every (bucket width, like 1m)") }
            for name in (parameters.get("agg") ?? "mean").split(separator: ",") {
                guard let aggregate = Aggregate(rawValue: String(name)) else {
                    throw APIError.badRequest("agg '\(name)' is not one of \(Aggregate.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                aggregates.append(aggregate)
            }
        case .interpolate:
            guard parameters.get("step") != nil else { throw APIError.badRequest("interpolation needs step (like 10s)") }
        case .plot:
            guard plotPoints > 0 else { throw APIError.badRequest("a plot needs points (pixel buckets, like 1000)") }
        case .raw, .latest:
            break
        }
        if let group = parameters.get("group_by") {
            guard mode == .rollup else { throw APIError.badRequest("group_by applies to rollups only (give every and agg)") }
            groupBy = group == "all" ? [] : group.split(separator: ",").map(String.init)
        }
        if let quality = parameters.get("quality") {
            var names: Set<Quality> = []
            for name in quality.split(separator: ",") {
                guard let parsed = Quality.allCases.first(where: { "\($0)" == name }) else {
                    throw APIError.badRequest("quality takes good, uncertain and bad, not '\(name)'")
                }
                names.insert(parsed)
            }
            qualities = names
        }
        if let format = parameters.get("time_format") {
            guard let parsed = TimeFormat(rawValue: format) else { throw APIError.badRequest("time_format '\(format)' is not one of ns, us, ms, s, rfc3339") }
            timeFormat = parsed
        }
        if mode == .latest {
            from = .min
            to = .max
        } else {
            guard let fromText = parameters.get("from") else { throw APIError.badRequest("from is required (RFC 3339, epoch or now-1h)") }
            from = try TimeParameter.parse(fromText, name: "from", now: now)
            to = try parameters.get("to").map { try TimeParameter.parse($0, name: "to", now: now) } ?? now
            guard from < to else { throw APIError.badRequest("from must be before to") }
        }
    }
}
