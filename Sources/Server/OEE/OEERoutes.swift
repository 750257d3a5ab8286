import Historian
import Hummingbird

/// `GET /api/v1/oee`: OEE of the machines (configured and stored over HTTP) per shift, day,
/// machine, line or reason (see docs/http-api.md, "OEE").
struct OEERoutes {
    let historian: Historian
    let executor: BlockingExecutor
    let limiter: QueryLimiter
    let catalog: OEEMachineCatalog
    let maximumPoints: Int

    func register(on router: Router<ServerRequestContext>) {
        router.get("/api/v1/oee") { request, _ in
            let now = HistorianService.nowNanoseconds()
            let oeeRequest = try OEERequest(request.uri.queryParameters, now: now, configured: catalog.all())
            let historian = historian
            let maximumPoints = maximumPoints
            let executor = executor
            let bytes = try await limiter.withSlot {
                try await executor.run {
                    try OEEEvaluation(historian: historian, request: oeeRequest, maximumPoints: maximumPoints, now: now).run()
                }
            }
            var fields = HTTPFields()
            fields[.contentType] = "application/json; charset=utf-8"
            return Response(status: .ok, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }
}
