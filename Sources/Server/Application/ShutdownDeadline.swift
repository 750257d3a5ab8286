import Dispatch
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Ends the process when an orderly shutdown takes longer than `limits.shutdown_timeout`, whatever
/// still runs (a request that will not finish, a stuck flush). Exiting then loses nothing that was
/// acknowledged: a write is answered only once it is in the WAL, which the next start replays.
final class ShutdownDeadline: Sendable {
    private let timeout: Duration
    private let logger: Logger
    private let pending = Mutex<DispatchWorkItem?>(nil)

    init(timeout: Duration, logger: Logger) {
        self.timeout = timeout
        self.logger = logger
    }

    /// Starts the clock; a second call does nothing.
    func start() {
        pending.withLock { pending in
            guard pending == nil else { return }
            let logger = logger
            let timeout = timeout
            let work = DispatchWorkItem {
                logger.critical(
                    "shutdown took longer than limits.shutdown_timeout; exiting without sealing the head (acknowledged writes are in the WAL and replayed at the next start)",
                    metadata: ["timeout": "\(timeout)"])
                _exit(1)
            }
            pending = work
            DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(clamping: timeout.nanosecondsClamped)), execute: work)
        }
    }

    /// The shutdown finished in time.
    func cancel() {
        pending.withLock { $0?.cancel() }
    }
}
