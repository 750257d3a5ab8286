import NIOCore

/// Runs Swift tasks on one NIO event loop. The HTTP server runs under it with a one-thread event
/// loop group, so a connection's handler runs on the thread that does the connection's I/O
/// instead of hopping to the cooperative pool and back for every request (four thread wake-ups per
/// request become none; storage work still goes to the ``BlockingExecutor`` threads).
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { [self] in
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
