import Synchronization

/// Whether the server accepts work: false once shutdown has begun, so load balancers stop sending.
final class Readiness: Sendable {
    private let ready = Atomic<Bool>(true)

    var isReady: Bool { ready.load(ordering: .relaxed) }

    func shutdownBegan() {
        ready.store(false, ordering: .relaxed)
    }
}
