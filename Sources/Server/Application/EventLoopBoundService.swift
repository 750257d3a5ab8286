import ServiceLifecycle

/// Runs a service with its tasks, and the child tasks they start, preferring `executor`.
struct EventLoopBoundService: Service {
    private let base: any Service
    private let executor: EventLoopTaskExecutor

    init(_ base: any Service, executor: EventLoopTaskExecutor) {
        self.base = base
        self.executor = executor
    }

    func run() async throws {
        try await withTaskExecutorPreference(executor) {
            try await base.run()
        }
    }
}
