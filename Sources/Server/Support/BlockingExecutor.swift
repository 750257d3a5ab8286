import NIOPosix

/// Runs storage work (locks, file I/O, fsync) on threads of its own, so that it never blocks the
/// few threads that run Swift concurrency and the event loops.
final class BlockingExecutor: Sendable {
    private let pool: NIOThreadPool

    /// Starts `threads` threads.
    init(threads: Int) {
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
    }

    /// Runs `body` on a pool thread and returns its result.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.runIfActive(body)
    }

    /// Waits for running work and stops the threads.
    func shutdown() async throws {
        try await pool.shutdownGracefully()
    }
}
