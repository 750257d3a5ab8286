import Synchronization

/// Open connections per client address and in all, shared by every connection's ``ConnectionGuard``.
final class ClientConnectionCounter: Sendable {
    /// What a new connection may do.
    enum Admission: Equatable {
        /// Any request.
        case regular
        /// The server holds `maximumConnections` already: only health and metrics requests are
        /// answered, anything else gets 503 at once (so monitoring still reaches a saturated server).
        case healthOnly
        /// The client holds `limit` connections already: closed.
        case refused
    }

    private struct Counts {
        var byAddress: [String: Int] = [:]
        var total = 0
    }

    private let counts = Mutex(Counts())
    /// Connections one client address may hold.
    let limit: Int
    /// Connections served for every request; the listener accepts ``reservedConnections`` more.
    let maximumConnections: Int

    /// Connections beyond `maximumConnections` that the listener still accepts, for health checks and metrics.
    static let reservedConnections = 8

    init(limit: Int, maximumConnections: Int = .max) {
        self.limit = limit
        self.maximumConnections = maximumConnections
    }

    /// Counts a new connection from `address` and says what it may do; a refused one is not counted.
    func open(from address: String) -> Admission {
        counts.withLock { counts in
            let current = counts.byAddress[address, default: 0]
            guard current < limit else { return .refused }
            counts.byAddress[address] = current + 1
            counts.total += 1
            return counts.total > maximumConnections ? .healthOnly : .regular
        }
    }

    /// Forgets a connection that ``open(from:)`` counted.
    func close(from address: String) {
        counts.withLock { counts in
            let remaining = counts.byAddress[address, default: 1] - 1
            counts.byAddress[address] = remaining > 0 ? remaining : nil
            counts.total -= 1
        }
    }
}
