import Synchronization

/// The commit hook: batches wait here from the moment they are logged until the WAL is durable
/// through them, then go to every observer, outside the engine's locks. Costs nothing while no
/// observer is registered.
final class CommitDelivery: Sendable {
    private struct Pending {
        let position: UInt64
        let batch: CommittedBatch
    }

    private let observers = Mutex<[Int: @Sendable (CommittedBatch) -> Void]>([:])
    private let nextObserver = Atomic<Int>(0)
    private let observed = Atomic<Bool>(false)
    private let pending = Mutex<[Pending]>([])
    /// Held while delivering, so that one writer's batches reach the observers in log order.
    private let deliveryTurn = Mutex<Void>(())

    var isObserved: Bool { observed.load(ordering: .relaxed) }

    func add(_ observer: @escaping @Sendable (CommittedBatch) -> Void) -> Int {
        let id = nextObserver.wrappingAdd(1, ordering: .relaxed).oldValue
        observers.withLock { $0[id] = observer }
        observed.store(true, ordering: .releasing)
        return id
    }

    func remove(_ id: Int) {
        let remaining = observers.withLock { observers in
            observers[id] = nil
            return observers.count
        }
        if remaining == 0 { observed.store(false, ordering: .releasing) }
    }

    func enqueue(_ samples: [RawSample], position: UInt64, kinds: [ValueKind]) {
        pending.withLock { $0.append(Pending(position: position, batch: CommittedBatch(samples: samples, kinds: kinds))) }
    }

    /// Hands every batch logged at or before `durable` to the observers, in log order.
    func deliver(through durable: UInt64) {
        deliveryTurn.withLock { _ in
            let ready = pending.withLock { pending -> [Pending] in
                let ready = pending.filter { $0.position <= durable }
                pending.removeAll { $0.position <= durable }
                return ready.sorted { $0.position < $1.position }
            }
            guard !ready.isEmpty else { return }
            let current = observers.withLock { Array($0.sorted { $0.key < $1.key }.map(\.value)) }
            for item in ready {
                for observer in current { observer(item.batch) }
            }
        }
    }
}
