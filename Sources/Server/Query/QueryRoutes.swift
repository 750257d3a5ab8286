import Historian
import Hummingbird

/// `GET /api/v1/query`: raw samples, rollups, interpolation, latest values and M4 plots of the series
/// a measurement, tags and field select, as JSON (see docs/http-api.md).
struct QueryRoutes {
    let historian: Historian
    let executor: BlockingExecutor
    let limiter: QueryLimiter
    /// Holds the answers while clients read them.
    let responseMemory: ResponseMemory
    let metrics: ServerMetrics
    let maximumPoints: Int
    /// The tag whose values are databases, to keep a limited token to its own.
    let databaseTag: String

    func register(on router: Router<ServerRequestContext>) {
        router.get("/api/v1/query") { request, context in
            var request = try QueryRequest(request.uri.queryParameters, now: HistorianService.nowNanoseconds())
            request.selection = context.limited(request.selection, tag: databaseTag)
            let historian = historian
            let maximumPoints = maximumPoints
            let query = request
            let executor = executor
            let visible: @Sendable (Series) -> Bool = { [context, databaseTag] in context.maySee($0, tag: databaseTag) }
            let body = try await responseMemory.answer(in: limiter) {
                try await executor.run {
                    var execution = QueryExecution(historian: historian, query: query, maximumPoints: maximumPoints)
                    execution.visible = visible
                    return try execution.run()
                }
            }
            var fields = HTTPFields()
            fields[.contentType] = "application/json; charset=utf-8"
            return Response(status: .ok, headers: fields, body: body)
        }
    }
}
