import Foundation
import Historian
import Hummingbird
import Query
import SPC
import Time

/// `GET /api/v1/spc/multivariate`: a Hotelling T² or PCA chart of several fields of one measurement
/// (and tags), aligned on `every` buckets: each variable is its field's bucket mean, and a bucket
/// missing any field is skipped and counted (`skipped_buckets`). The answer is the JSON of
/// `histd spc multivariate` plus `times` (the start of each used bucket, ns) and `skipped_buckets`.
struct SPCMultivariateRoutes {
    let historian: Historian
    let executor: BlockingExecutor
    let limiter: QueryLimiter
    /// The most buckets one request may roll up.
    let maximumPoints: Int
    let databaseTag: String

    static let names: Set<String> = [
        "measurement", "tag", "fields", "every", "from", "to", "quality", "method", "subgroup_size", "phase1", "alpha", "components",
        "variance", "max_violations", "u", "p",
    ]

    func register(on router: Router<ServerRequestContext>) {
        router.get("/api/v1/spc/multivariate") { request, context in
            let parameters = request.uri.queryParameters
            try parameters.requireKnown(Self.names)
            let request = try SPCMultivariateRequest(parameters, now: HistorianService.nowNanoseconds())
            let databaseTag = databaseTag
            let selections = request.fields.map { field in
                context.limited(
                    SeriesSelection(measurement: request.measurement, predicate: request.predicate, fields: [field]), tag: databaseTag)
            }
            let (historian, maximumPoints) = (historian, maximumPoints)
            let bytes = try await limiter.withSlot {
                try await executor.run { try Self.answer(request, selections: selections, historian: historian, maximumPoints: maximumPoints) }
            }
            var fields = HTTPFields()
            fields[.contentType] = "application/json; charset=utf-8"
            return Response(status: .ok, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }

    /// Reads the buckets, aligns them and computes the chart.
    private static func answer(
        _ request: SPCMultivariateRequest, selections: [SeriesSelection], historian: Historian, maximumPoints: Int
    ) throws -> [UInt8] {
        var series: [Series] = []
        for (field, selection) in zip(request.fields, selections) {
            let matches = selection.series(in: historian).filter { $0.kind != .string }
            guard let first = matches.first else {
                throw APIError(.notFound, "fields: no numeric series of measurement '\(request.measurement)' with these tags has field '\(field)'")
            }
            guard matches.count == 1 else {
                let keys = matches.prefix(3).map(\.key.description).joined(separator: "; ")
                throw APIError.badRequest(
                    "field '\(field)' matches \(matches.count) series (\(keys)\(matches.count > 3 ? "; ..." : "")): narrow it with tag=")
            }
            series.append(first)
        }
        let spans = RollupSpan.starting(from: request.from, to: request.to, every: request.every)
        let bucketCount = spans.reduce(0) { $0 + $1.bucketCount }
        guard bucketCount <= maximumPoints else {
            throw APIError(.unprocessableContent, "the range holds \(bucketCount) buckets of every, more than the server's limit of \(maximumPoints)")
        }
        let buckets: [[RollupBucket]]
        do {
            buckets = try HistorianQuery(historian: historian).rollups(
                of: SeriesGrouping.none.groups(of: series), spans: spans, qualities: request.qualities)
        } catch let error as HistorianError {
            throw QueryExecution.apiError(error)
        }
        var values: [Double] = []
        var times: [Int64] = []
        var skipped = 0
        for index in 0..<bucketCount {
            let means = buckets.compactMap { index < $0.count && $0[index].count > 0 ? $0[index].mean : nil }
            guard means.count == series.count, means.allSatisfy(\.isFinite) else {
                skipped += 1
                continue
            }
            values += means
            times.append(buckets[0][index].start)
        }
        let starts = request.subgroupSize > 1 ? stride(from: 0, to: times.count, by: request.subgroupSize).map { times[$0] } : times
        let chart: any Encodable
        do throws(SPCError) {
            chart = try request.chart(ObservationMatrix(variables: request.fields, values: values))
        } catch {
            throw SPCErrorAnswer.apiError(error, starts: starts)
        }
        var members = JSONWriter()
        members.key("times")
        members.beginArray()
        for time in starts { members.integer(time) }
        members.endArray()
        members.key("skipped_buckets")
        members.integer(Int64(skipped))
        return try SPCRoutes.extend(SPCJSON.encode(chart, maxViolations: request.maxViolations), with: members)
    }
}
