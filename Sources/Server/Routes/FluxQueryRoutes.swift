import Hummingbird

/// `POST /api/v2/query` (InfluxDB 2's Flux): 501, pointing to InfluxQL on `/query`, which histd answers.
struct FluxQueryRoutes {
    /// The message of the 501.
    static let message =
        "Flux queries (/api/v2/query) are not supported by histd: send InfluxQL to /query (GET or POST, q=SELECT ..., db=...) "
        + "or use /api/v1/query; writes through /api/v2/write work"

    func register(on router: Router<ServerRequestContext>) {
        router.post("/api/v2/query") { _, _ -> Response in
            throw APIError(.notImplemented, Self.message)
        }
        router.get("/api/v2/query") { _, _ -> Response in
            throw APIError(.notImplemented, Self.message)
        }
    }
}
