import Foundation
import Historian
import Hummingbird
import Live
import SPC

/// `GET /api/v1/spc/chart?type=zmr&part_tag=K`: the short-run Z-MR chart of the series of every
/// part, each part a series told apart by its value of tag K (see ``SPCPartSeriesData``). Each
/// sample is a point; the answer adds `times` and `point_parts` (each point's part) to the chart's JSON.
extension SPCRoutes {
    /// The parameter naming the tag whose values are the parts.
    static let partTagName = "part_tag"

    func shortRunChart(
        _ parameters: Parameters, chart: ChartSettings, maxViolations: Int, context: ServerRequestContext
    ) async throws -> Response {
        guard let partTag = parameters.get(Self.partTagName), !partTag.isEmpty else {
            throw APIError.badRequest("type zmr needs part_tag: the tag whose values name the parts (each part's series)")
        }
        let selection = try limited(SPCSeriesData.Selection(parameters, now: HistorianService.nowNanoseconds()), context)
        let historian = historian
        let maximumPoints = maximumPoints
        let executor = executor
        let bytes = try await limiter.withSlot {
            try await executor.run {
                let data = try SPCPartSeriesData.load(selection, partTag: partTag, from: historian, maximumPoints: maximumPoints)
                let result: ChartResult
                do throws(SPCError) {
                    let points = chart.subgrouping.subgroups(times: data.times, values: data.values, from: selection.from)
                    result = try chart.request.analyze(chart.input(of: points, parts: data.parts))
                } catch {
                    throw SPCErrorAnswer.apiError(error, starts: data.times)
                }
                var members = JSONWriter()
                members.key("point_parts")
                members.beginArray()
                for part in data.parts { members.string(part) }
                members.endArray()
                members.key("times")
                members.beginArray()
                for time in data.times { members.integer(time) }
                members.endArray()
                return try Self.extend(SPCJSON.encode(result, maxViolations: maxViolations), with: members)
            }
        }
        return Self.response(bytes)
    }
}
