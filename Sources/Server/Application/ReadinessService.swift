import ServiceLifecycle

/// Marks the server not ready as soon as shutdown begins (it is the first service told).
struct ReadinessService: Service {
    let readiness: Readiness

    func run() async throws {
        try? await gracefulShutdown()
        readiness.shutdownBegan()
    }
}
