import Synchronization

/// Lets at most a fixed number of queries run at once and a fixed number wait; the rest are refused.
/// A lock rather than an actor: a query that finds a free slot runs without hopping executors.
final class QueryLimiter: Sendable {
    private struct State {
        var running = 0
        /// Resumed with true when a slot is handed over.
        var waiting: [CheckedContinuation<Bool, Never>] = []
    }

    private let maximumRunning: Int
    private let maximumWaiting: Int
    private let metrics: ServerMetrics
    private let state = Mutex(State())

    init(maximumRunning: Int, maximumWaiting: Int, metrics: ServerMetrics) {
        self.maximumRunning = maximumRunning
        self.maximumWaiting = maximumWaiting
        self.metrics = metrics
    }

    /// Runs `body` when a slot is free.
    /// - Throws: a 503 ``APIError`` when every slot is taken and the queue is full; what `body` throws.
    func withSlot<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await acquire()
        defer { release() }
        return try await body()
    }

    private enum Admission {
        case running
        case mustWait
        case refused
    }

    private func acquire() async throws {
        let admission = state.withLock { state -> Admission in
            if state.running < maximumRunning {
                state.running += 1
                return .running
            }
            return state.waiting.count < maximumWaiting ? .mustWait : .refused
        }
        switch admission {
        case .running:
            return
        case .refused:
            throw refusal()
        case .mustWait:
            // The releasing query hands its slot over, so `running` stays counted. The state may
            // have changed since the check above: a freed slot is taken at once, a full queue refuses.
            let admitted = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let decided = state.withLock { state -> Bool? in
                    if state.running < maximumRunning {
                        state.running += 1
                        return true
                    }
                    guard state.waiting.count < maximumWaiting else { return false }
                    state.waiting.append(continuation)
                    return nil
                }
                if let decided { continuation.resume(returning: decided) }
            }
            if !admitted { throw refusal() }
        }
    }

    private func refusal() -> APIError {
        metrics.queriesRefused.increment()
        return APIError(
            .serviceUnavailable, "too many queries at once (\(maximumRunning) running, \(maximumWaiting) waiting); retry later",
            headers: [.retryAfter: "1"])
    }

    private func release() {
        let next = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            if state.waiting.isEmpty {
                state.running -= 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume(returning: true)
    }
}
