import HTTPTypes
import Historian
import Hummingbird

/// `/health`, `/ready`, `/ping` (InfluxDB clients check it) and `/metrics` (Prometheus text).
struct HealthRoutes {
    let historian: Historian
    let metrics: ServerMetrics
    let readiness: Readiness

    func register(on router: Router<ServerRequestContext>) {
        router.get("/health") { _, _ in
            if let failure = historian.storageFailure {
                return Self.status("fail", .serviceUnavailable, message: "writes cannot be made durable: \(failure)")
            }
            return Self.status("pass", .ok, message: "ready for queries and writes")
        }
        router.get("/ready") { _, _ in
            readiness.isReady ? Self.status("ready", .ok) : Self.status("shutting down", .serviceUnavailable)
        }
        router.get("/ping") { _, _ in
            Response(status: .noContent, headers: [Self.versionHeader: "1.8-histd"])
        }
        router.head("/ping") { _, _ in
            Response(status: .noContent, headers: [Self.versionHeader: "1.8-histd"])
        }
        router.get("/metrics") { _, _ in
            let storage = historian.storageStatistics()
            metrics.walBytes.set(Int64(storage.walBytes))
            metrics.partitionBytes.set(Int64(storage.partitionBytes))
            metrics.headMemoryBytes.set(Int64(storage.headMemoryBytes))
            metrics.summaryCacheBytes.set(Int64(storage.summaryCacheBytes))
            metrics.seriesCount.set(Int64(storage.seriesCount))
            var buffer: [UInt8] = []
            metrics.registry.emit(into: &buffer)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: buffer)))
        }
    }

    private static let versionHeader = HTTPField.Name("X-Influxdb-Version")!

    /// `{"name":"histd","status":...,"message":...}`: the keys of InfluxDB 2's `/health`, whose
    /// clients read `status` (and report `fail` without `name`).
    private static func status(_ text: String, _ status: HTTPResponse.Status, message: String? = nil) -> Response {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("name")
        writer.string("histd")
        writer.key("status")
        writer.string(text)
        if let message {
            writer.key("message")
            writer.string(message)
        }
        writer.endObject()
        return writer.response(status: status)
    }
}
