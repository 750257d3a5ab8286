import Synchronization

/// Hands stream messages to the clients of `GET /api/v1/events/stream` as they are committed, the
/// messages of one commit together (a client writes them in one piece: one write per message cost
/// tens of milliseconds for a commit of thousands). A client that falls more than ``bufferLimit``
/// commits behind loses the oldest; it resumes with `Last-Event-ID` from the store.
final class EventFeed: Sendable {
    static let bufferLimit = 10_000

    private let subscribers = Mutex<[Int: AsyncStream<[EventMessage]>.Continuation]>([:])
    private let nextID = Atomic<Int>(0)
    /// Set when the daemon stops: new subscriptions end at once.
    private let finished = Atomic<Bool>(false)

    /// A new subscription: its id (for ``unsubscribe(_:)``) and its messages from now on.
    func subscribe() -> (id: Int, messages: AsyncStream<[EventMessage]>) {
        let id = nextID.wrappingAdd(1, ordering: .relaxed).oldValue
        let (stream, continuation) = AsyncStream<[EventMessage]>.makeStream(bufferingPolicy: .bufferingNewest(Self.bufferLimit))
        subscribers.withLock { $0[id] = continuation }
        if finished.load(ordering: .acquiring) { unsubscribe(id) }
        continuation.onTermination = { [weak self] _ in self?.unsubscribe(id) }
        return (id, stream)
    }

    func unsubscribe(_ id: Int) {
        subscribers.withLock { $0.removeValue(forKey: id) }?.finish()
    }

    func publish(_ messages: [EventMessage]) {
        guard !messages.isEmpty else { return }
        for continuation in subscribers.withLock({ Array($0.values) }) { continuation.yield(messages) }
    }

    /// Ends every subscription (the daemon is stopping).
    func finishAll() {
        finished.store(true, ordering: .releasing)
        for continuation in subscribers.withLock({ subscribers in
            defer { subscribers.removeAll() }
            return Array(subscribers.values)
        }) {
            continuation.finish()
        }
    }
}
