import Hummingbird

/// Records the duration of query, SPC and OEE requests in the latency histogram.
struct QueryMetricsMiddleware: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: ServerRequestContext, next: (Request, ServerRequestContext) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix("/api/v1/") else { return try await next(request, context) }
        let started = ContinuousClock.now
        defer { metrics.queryLatency.record(ContinuousClock.now - started) }
        return try await next(request, context)
    }
}
