import HTTPTypes
import Testing

@testable import Server

@Suite struct QueryLimiterTests {
    /// A gate a test opens when it wants the query holding the slot to finish.
    actor Gate {
        private var waiter: CheckedContinuation<Void, Never>?
        private var isOpen = false
        private(set) var entered = 0

        func pass() async {
            entered += 1
            if isOpen { return }
            await withCheckedContinuation { waiter = $0 }
        }

        func open() {
            isOpen = true
            waiter?.resume()
            waiter = nil
        }
    }

    @Test func aFullServerRefusesWith503AndQueuedQueriesRunInTurn() async throws {
        let metrics = ServerMetrics()
        let limiter = QueryLimiter(maximumRunning: 1, maximumWaiting: 1, metrics: metrics)
        let gate = Gate()
        let first = Task {
            try await limiter.withSlot {
                await gate.pass(); return 1
            }
        }
        while await gate.entered == 0 { await Task.yield() }
        // The slot is taken: the next query waits in the queue...
        let second = Task { try await limiter.withSlot { 2 } }
        try await Task.sleep(for: .milliseconds(50))
        // ...and with the queue full, a third is refused at once.
        do {
            _ = try await limiter.withSlot { 3 }
            Issue.record("a third query ran while one ran and one waited")
        } catch let error as APIError {
            #expect(error.status == .serviceUnavailable)
            #expect(error.headers[.retryAfter] == "1")
        }
        await gate.open()
        #expect(try await first.value == 1)
        #expect(try await second.value == 2)
        // Both slots are free again.
        #expect(try await limiter.withSlot { 4 } == 4)
        var text: [UInt8] = []
        metrics.registry.emit(into: &text)
        #expect(String(decoding: text, as: UTF8.self).contains("histd_queries_refused_total 1"))
    }
}
