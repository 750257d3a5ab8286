/// Lets at most a fixed number of queries run at once and a fixed number wait; the rest are refused.
actor QueryLimiter {
    private let maximumRunning: Int
    private let maximumWaiting: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(maximumRunning: Int, maximumWaiting: Int) {
        self.maximumRunning = maximumRunning
        self.maximumWaiting = maximumWaiting
    }

    /// Runs `body` when a slot is free.
    /// - Throws: a 503 ``APIError`` when every slot is taken and the queue is full; what `body` throws.
    func withSlot<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async throws {
        if running < maximumRunning {
            running += 1
            return
        }
        guard waiting.count < maximumWaiting else {
            throw APIError(.serviceUnavailable, "too many queries at once (\(maximumRunning) running, \(maximumWaiting) waiting); retry later",
                           headers: [.retryAfter: "1"])
        }
        // The releasing query hands its slot over, so `running` stays counted.
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
