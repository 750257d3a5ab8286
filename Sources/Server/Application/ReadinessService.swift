import Live
import ServiceLifecycle

/// Marks the server not ready as soon as shutdown begins (it is the first service told), and ends
/// the event streams, which would otherwise hold the HTTP server's shutdown open.
struct ReadinessService: Service {
    let readiness: Readiness
    let live: LiveSPC

    func run() async throws {
        try? await gracefulShutdown()
        readiness.shutdownBegan()
        live.endStreams()
    }
}
