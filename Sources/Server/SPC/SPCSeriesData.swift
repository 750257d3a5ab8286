import Historian
import Hummingbird
import Query

/// The numeric samples of the one series an SPC request names, in a time range.
///
/// The series is chosen by `series=ID`, or by `measurement`, `tag` and `field` selecting exactly
/// one series. Only samples of the qualities asked for (`quality=`, default `good`) are used:
/// statistics over bad readings would mislead.
struct SPCSeriesData: Sendable {
    var series: Series
    var times: [Int64] = []
    var values: [Double] = []

    /// What a request asks to read.
    struct Selection: Sendable {
        var seriesID: SeriesID?
        var selection: SeriesSelection
        var from: Int64
        var to: Int64
        var qualities: Set<Quality>
        /// Whether the request may see a series given by id (a limited token sees only its databases).
        var visible: @Sendable (Series) -> Bool = { _ in true }

        /// - Throws: a 400 ``APIError`` naming the parameter.
        init(_ parameters: Parameters, now: Int64) throws {
            if let text = parameters.get("series") {
                guard let id = SeriesID(text), id > 0 else { throw APIError.badRequest("series '\(text)' is not a series id") }
                seriesID = id
            }
            selection = try parameters.seriesSelection()
            guard seriesID != nil || selection.measurement != nil else {
                throw APIError.badRequest("name the series: series=ID, or measurement (with tag and field) selecting one series")
            }
            (from, to) = try parameters.timeRange(now: now)
            qualities = try parameters.qualities() ?? [.good]
        }
    }

    /// Reads the samples.
    /// - Throws: 404 when no series matches, 400 when several do or the series holds strings, 422
    ///   when the range holds more than `maximumPoints` samples.
    static func load(_ request: Selection, from historian: Historian, maximumPoints: Int) throws -> SPCSeriesData {
        let series: Series
        if let id = request.seriesID {
            guard let found = historian.series(id), request.visible(found) else { throw APIError(.notFound, "no series with id \(id)") }
            series = found
        } else {
            let matches = request.selection.series(in: historian)
            guard let first = matches.first else {
                throw APIError(.notFound, "no series matches measurement '\(request.selection.measurement ?? "")' with these tags and field")
            }
            guard matches.count == 1 else {
                let keys = matches.prefix(3).map(\.key.description).joined(separator: "; ")
                throw APIError.badRequest(
                    "the selection matches \(matches.count) series (\(keys)\(matches.count > 3 ? "; ..." : "")): narrow it with tag= and field=, or give series=ID"
                )
            }
            series = first
        }
        var budget = PointsBudget(limit: maximumPoints)
        let (times, values) = try read(series, request, from: historian, budget: &budget)
        return SPCSeriesData(series: series, times: times, values: values)
    }

    /// The samples of `series` in the request's range and qualities, counted against `budget`.
    /// - Throws: 400 when the series holds strings, 422 when the budget is exceeded.
    static func read(
        _ series: Series, _ request: Selection, from historian: Historian, budget: inout PointsBudget
    ) throws -> (times: [Int64], values: [Double]) {
        guard series.kind != .string else {
            throw APIError.badRequest("series \(series.key) holds strings; SPC needs numbers")
        }
        let maximumPoints = budget.limit
        do {
            return try HistorianQuery(historian: historian).numericColumns(
                of: series, from: request.from, to: request.to, qualities: request.qualities, budget: &budget)
        } catch let error as HistorianError {
            throw QueryExecution.apiError(error)
        } catch let exceeded as PointsBudget.Exceeded {
            throw APIError(
                .unprocessableContent,
                "the range holds \(exceeded.points.map { "up to \($0) samples" } ?? "too many samples"), more than the server's limit of \(maximumPoints); narrow from/to"
            )
        }
    }
}
