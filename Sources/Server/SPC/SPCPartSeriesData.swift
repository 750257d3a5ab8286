import Historian
import Hummingbird
import Query

/// The samples of a short-run (zmr) chart: one series per part, told apart by the value of the tag
/// `part_tag`, merged in time order.
///
/// The request selects the series with `measurement`, `tag` and `field` as other SPC requests do,
/// but may match several: every match must carry `part_tag`, have the same field, and no two may
/// share a part (narrow the selection with `tag=` when they do).
struct SPCPartSeriesData: Sendable {
    /// Each sample's part (the value of `part_tag`), in time order.
    var parts: [String] = []
    var times: [Int64] = []
    var values: [Double] = []

    /// Reads the series of every part; samples at the same time keep the order of the series ids.
    /// - Throws: 400 for `series=` (one series is one part), a series without `part_tag`, several
    ///   fields, two series of one part or strings; 404 when no series matches; 422 when the range
    ///   holds more than `maximumPoints` samples in all.
    static func load(
        _ request: SPCSeriesData.Selection, partTag: String, from historian: Historian, maximumPoints: Int
    ) throws -> SPCPartSeriesData {
        guard request.seriesID == nil else {
            throw APIError.badRequest("type zmr reads one series per part: select them with measurement (and tag, field) and part_tag, not series")
        }
        let matches = request.selection.series(in: historian)
        guard let first = matches.first else {
            throw APIError(.notFound, "no series matches measurement '\(request.selection.measurement ?? "")' with these tags and field")
        }
        if let other = matches.first(where: { $0.key.field != first.key.field }) {
            throw APIError.badRequest(
                "the selection matches fields \(first.key.field) and \(other.key.field): give field= so that every part's series measures one thing")
        }
        var seriesOfPart: [String: Series] = [:]
        for series in matches {
            guard let part = series.key.tag(partTag) else {
                throw APIError.badRequest("series \(series.key) has no tag \(partTag) (part_tag): narrow the selection with tag=")
            }
            if let earlier = seriesOfPart[part] {
                throw APIError.badRequest(
                    "series \(earlier.key) and \(series.key) are both part \(part): narrow the selection with tag= so that each part is one series")
            }
            seriesOfPart[part] = series
        }
        var budget = PointsBudget(limit: maximumPoints)
        var samples: [(time: Int64, order: Int, part: String, value: Double)] = []
        for (order, series) in matches.enumerated() {
            let part = series.key.tag(partTag) ?? ""
            let (times, values) = try SPCSeriesData.read(series, request, from: historian, budget: &budget)
            for (time, value) in zip(times, values) { samples.append((time, order, part, value)) }
        }
        samples.sort { ($0.time, $0.order) < ($1.time, $1.order) }
        return SPCPartSeriesData(parts: samples.map(\.part), times: samples.map(\.time), values: samples.map(\.value))
    }
}
