import Hummingbird

/// Records the duration of query, SPC, OEE and InfluxQL requests in the latency histogram.
struct QueryMetricsMiddleware: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: ServerRequestContext, next: (Request, ServerRequestContext) async throws -> Response) async throws
        -> Response
    {
        let path = request.uri.path
        guard path.hasPrefix("/api/v1/") || path == "/query" else { return try await next(request, context) }
        let started = ContinuousClock.now
        defer { metrics.queryLatency.record(ContinuousClock.now - started) }
        return try await next(request, context)
    }
}
