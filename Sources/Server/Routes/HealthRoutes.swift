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
                return Self.health("fail", .serviceUnavailable, message: "writes cannot be made durable: \(failure)")
            }
            return Self.health("pass", .ok, message: "ready for queries and writes")
        }
        router.get("/ready") { _, _ in
            readiness.isReady ? Self.status("ready", .ok) : Self.status("shutting down", .serviceUnavailable)
        }
        router.get("/ping") { _, _ in
            Response(status: .noContent)
        }
        router.head("/ping") { _, _ in
            Response(status: .noContent)
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

    /// `{"name":"histd","message":...,"status":...,"version":...,"commit":...}`: the keys of InfluxDB 2's
    /// `/health`, whose clients read `status` (and report `fail` without `name`).
    private static func health(_ text: String, _ status: HTTPResponse.Status, message: String) -> Response {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("name")
        writer.string("histd")
        writer.key("message")
        writer.string(message)
        writer.key("status")
        writer.string(text)
        writer.key("version")
        writer.string(HistdVersion.number)
        writer.key("commit")
        writer.string(HistdVersion.commit)
        writer.endObject()
        return writer.response(status: status)
    }

    /// `{"status":...}` of `/ready`.
    private static func status(_ text: String, _ status: HTTPResponse.Status) -> Response {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("status")
        writer.string(text)
        writer.endObject()
        return writer.response(status: status)
    }
}
