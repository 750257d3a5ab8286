import Foundation
import Historian
import Hummingbird
import Live
import SPC

/// `GET /api/v1/spc/chart` and `GET /api/v1/spc/capability`: a control chart or a capability study
/// of one series over a time range, in the JSON of `histd spc` (``SPCJSON``) plus the keys that
/// tie points to time (see docs/http-api.md, "SPC").
struct SPCRoutes {
    let historian: Historian
    let executor: BlockingExecutor
    let limiter: QueryLimiter
    let maximumPoints: Int
    /// The tag whose values are databases, to keep a limited token to its own.
    let databaseTag: String

    /// Parameters every SPC request may carry (`u` and `p` are InfluxDB 1.x credentials).
    static let commonNames: Set<String> = ["series", "measurement", "tag", "field", "from", "to", "quality", "u", "p"]
    /// The default of `max_violations`: the most entries of each per-point list in a chart answer.
    static let defaultMaxViolations = 1_000

    func register(on router: Router<ServerRequestContext>) {
        SPCDesignRoutes(executor: executor).register(on: router)
        SPCMultivariateRoutes(historian: historian, executor: executor, limiter: limiter, maximumPoints: maximumPoints, databaseTag: databaseTag)
            .register(on: router)
        router.get("/api/v1/spc/chart") { request, context in
            let parameters = request.uri.queryParameters
            try parameters.requireKnown(Self.commonNames.union(ChartSettings.names).union(["max_violations", Self.partTagName]))
            let maxViolations = try parameters.positiveInteger("max_violations") ?? Self.defaultMaxViolations
            let chart = try ChartSettings { parameters.get($0) }
            if chart.request.type == .zmr { return try await shortRunChart(parameters, chart: chart, maxViolations: maxViolations, context: context) }
            guard parameters.get(Self.partTagName) == nil else { throw APIError.badRequest("part_tag applies to type zmr only") }
            let selection = try limited(SPCSeriesData.Selection(parameters, now: HistorianService.nowNanoseconds()), context)
            let bytes = try await run(selection) { data in
                let subgroups = chart.subgrouping.subgroups(times: data.times, values: data.values, from: selection.from)
                let starts = subgroups.map(\.start)
                let result: ChartResult
                do throws(SPCError) {
                    result = try chart.request.analyze(chart.input(of: subgroups))
                } catch {
                    throw SPCErrorAnswer.apiError(error, starts: starts)
                }
                var members = JSONWriter()
                Self.writeIntegers("sizes", subgroups.map { Int64($0.values.count) }, into: &members)
                Self.writeIntegers("times", starts, into: &members)
                return try Self.extend(SPCJSON.encode(result, maxViolations: maxViolations), with: members)
            }
            return Self.response(bytes)
        }
        router.get("/api/v1/spc/capability") { request, context in
            let parameters = request.uri.queryParameters
            try parameters.requireKnown(Self.commonNames.union(SPCCapabilityParameters.names))
            let selection = try limited(SPCSeriesData.Selection(parameters, now: HistorianService.nowNanoseconds()), context)
            let capability = try SPCCapabilityParameters(parameters)
            let bytes = try await run(selection) { data in
                let subgroups = capability.subgrouping.subgroups(times: data.times, values: data.values, from: selection.from)
                let specification = try capability.specification(metadata: data.series.metadata)
                let study: ProcessCapability
                do throws(SPCError) {
                    study = try capability.study(subgroups, specification: specification)
                } catch {
                    throw SPCErrorAnswer.apiError(error, starts: subgroups.map(\.start))
                }
                var members = JSONWriter()
                members.key("specification")
                members.beginObject()
                members.key("lsl")
                members.double(specification.lower)
                members.key("usl")
                members.double(specification.upper)
                members.key("target")
                members.double(specification.target)
                members.endObject()
                return try Self.extend(SPCJSON.encode(study), with: members)
            }
            return Self.response(bytes)
        }
    }

    /// `selection` kept to the databases of the request's token.
    func limited(_ selection: SPCSeriesData.Selection, _ context: ServerRequestContext) -> SPCSeriesData.Selection {
        var limited = selection
        limited.selection = context.limited(selection.selection, tag: databaseTag)
        let databaseTag = databaseTag
        limited.visible = { series in context.maySee(series, tag: databaseTag) }
        return limited
    }

    /// Loads the series' samples and runs `body` on them, on the storage threads within a query slot.
    private func run(
        _ request: SPCSeriesData.Selection, _ body: @escaping @Sendable (SPCSeriesData) throws -> [UInt8]
    ) async throws -> [UInt8] {
        let historian = historian
        let maximumPoints = maximumPoints
        let executor = executor
        return try await limiter.withSlot {
            try await executor.run { try body(SPCSeriesData.load(request, from: historian, maximumPoints: maximumPoints)) }
        }
    }

    private static func writeIntegers(_ key: String, _ values: [Int64], into writer: inout JSONWriter) {
        writer.key(key)
        writer.beginArray()
        for value in values { writer.integer(value) }
        writer.endArray()
    }

    /// The JSON object `document` with `members` (`"key":value,...`) added before its closing brace.
    static func extend(_ document: Data, with members: JSONWriter) -> [UInt8] {
        var bytes = Array(document)
        guard bytes.last == UInt8(ascii: "}"), !members.bytes.isEmpty else { return bytes }
        bytes.removeLast()
        if bytes.last != UInt8(ascii: "{") { bytes.append(UInt8(ascii: ",")) }
        bytes += members.bytes
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    static func response(_ bytes: [UInt8]) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
