import Historian
import Hummingbird
import Query
import Time

/// The parameters of `GET /api/v1/query`, checked.
struct QueryRequest: Sendable {
    enum Mode: String, Sendable, CaseIterable {
        case raw, rollup, interpolate, latest, plot
    }

    enum TimeFormat: String, Sendable {
        case ns, us, ms, s, rfc3339
    }

    /// A measurement and the tags and field of its series.
    var selection: SeriesSelection
    var mode: Mode
    var from: Int64
    var to: Int64
    /// Rollup bucket width or interpolation step, nanoseconds.
    var width: Int64 = 0
    var aggregates: [Aggregate] = []
    var plotPoints = 0
    var qualities: Set<Quality>?
    /// How rollups of several series combine (`group_by`): per series unless asked.
    var grouping = SeriesGrouping.none
    var timeFormat = TimeFormat.ns

    /// Parses the query string.
    /// - Throws: a 400 ``APIError`` that names the parameter.
    init(_ parameters: Parameters, now: Int64) throws {
        try parameters.requireKnown([
            "measurement", "tag", "field", "mode", "from", "to", "every", "agg", "step", "points", "group_by", "quality", "time_format", "u", "p",
        ])
        selection = try parameters.seriesSelection()
        guard selection.measurement != nil else { throw APIError.badRequest("measurement is required") }
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
            grouping = group == "all" ? .all : .tags(group.split(separator: ",").map(String.init))
        }
        qualities = try parameters.qualities()
        if let format = parameters.get("time_format") {
            guard let parsed = TimeFormat(rawValue: format) else {
                throw APIError.badRequest("time_format '\(format)' is not one of ns, us, ms, s, rfc3339")
            }
            timeFormat = parsed
        }
        if mode == .latest {
            from = .min
            to = .max
        } else {
            (from, to) = try parameters.timeRange(now: now)
        }
    }
}
