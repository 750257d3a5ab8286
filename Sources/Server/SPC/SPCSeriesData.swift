import Historian
import Hummingbird

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

        /// - Throws: a 400 ``APIError`` naming the parameter.
        init(_ parameters: Parameters, now: Int64) throws {
            if let text = parameters.get("series") {
                guard let id = SeriesID(text), id > 0 else { throw APIError.badRequest("series '\(text)' is not a series id") }
                seriesID = id
            }
            selection = try SeriesSelection(parameters)
            guard seriesID != nil || selection.measurement != nil else {
                throw APIError.badRequest("name the series: series=ID, or measurement (with tag and field) selecting one series")
            }
            guard let fromText = parameters.get("from") else { throw APIError.badRequest("from is required (RFC 3339, epoch or now-1h)") }
            from = try TimeParameter.parse(fromText, name: "from", now: now)
            to = try parameters.get("to").map { try TimeParameter.parse($0, name: "to", now: now) } ?? now
            guard from < to else { throw APIError.badRequest("from must be before to") }
            qualities = [.good]
            if let quality = parameters.get("quality") {
                qualities = []
                for name in quality.split(separator: ",") {
                    guard let parsed = Quality.allCases.first(where: { "\($0)" == name }) else {
                        throw APIError.badRequest("quality takes good, uncertain and bad, not '\(name)'")
                    }
                    qualities.insert(parsed)
                }
            }
        }
    }

    /// Reads the samples.
    /// - Throws: 404 when no series matches, 400 when several do or the series holds strings, 422
    ///   when the range holds more than `maximumPoints` samples.
    static func load(_ request: Selection, from historian: Historian, maximumPoints: Int) throws -> SPCSeriesData {
        let series: Series
        if let id = request.seriesID {
            guard let found = historian.series(id) else { throw APIError(.notFound, "no series with id \(id)") }
            series = found
        } else {
            let matches = try request.selection.series(in: historian)
            guard let first = matches.first else {
                throw APIError(.notFound, "no series matches measurement '\(request.selection.measurement ?? "")' with these tags and field")
            }
            guard matches.count == 1 else {
                let keys = matches.prefix(3).map(\.key.description).joined(separator: "; ")
                throw APIError.badRequest("the selection matches \(matches.count) series (\(keys)\(matches.count > 3 ? "; ..." : "")): narrow it with tag= and field=, or give series=ID")
            }
            series = first
        }
        guard series.kind != .string else {
            throw APIError.badRequest("series \(series.key) holds strings; SPC needs numbers")
        }
        do {
            let bound = try historian.estimatedSampleCount(series: series.id, from: request.from, to: request.to)
            guard bound <= maximumPoints else {
                throw APIError(.unprocessableContent,
                               "the range holds up to \(bound) samples, more than the server's limit of \(maximumPoints); narrow from/to")
            }
            var data = SPCSeriesData(series: series)
            for sample in try historian.samples(series: series.id, from: request.from, to: request.to)
            where request.qualities.contains(sample.quality) {
                data.times.append(sample.timestamp)
                data.values.append(sample.value.doubleValue)
            }
            return data
        } catch let error as HistorianError {
            throw QueryExecution.apiError(error)
        }
    }
}
