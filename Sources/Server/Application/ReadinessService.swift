import Historian
import Live
import ServiceLifecycle

/// Acts as soon as shutdown begins (it is the first service told): marks the server not ready,
/// cancels the queries in flight (they answer 503), ends the event streams, which would otherwise
/// hold the HTTP server's shutdown open, and starts the shutdown deadline.
struct ReadinessService: Service {
    let readiness: Readiness
    let historian: Historian
    let live: LiveSPC
    let deadline: ShutdownDeadline

    func run() async throws {
        try? await gracefulShutdown()
        readiness.shutdownBegan()
        deadline.start()
        historian.cancelReads()
        live.endStreams()
    }
}
