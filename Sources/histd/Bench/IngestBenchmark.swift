import Foundation
import Ingest
import Synchronization

/// Sends line protocol batches to a server's write endpoint from N concurrent keep-alive
/// connections, as the peer benchmark's Python client does: each writer takes the next unsent
/// batch until none is left. Measures wall time from the first send to the last acknowledgement.
struct IngestBenchmark: Sendable {
    /// What one run measured.
    struct Result: Sendable {
        var batches: Int
        var lines: Int
        var values: Int
        var wallSeconds: Double
        /// Seconds from sending a batch to its 204, one per batch, sorted.
        var batchLatencies: [Double]

        var valuesPerSecond: Double { wallSeconds > 0 ? Double(values) / wallSeconds : 0 }

        /// The nearest-rank percentile (`fraction` in 0...1) of the batch latencies, in seconds.
        func latency(percentile fraction: Double) -> Double {
            guard !batchLatencies.isEmpty else { return 0 }
            let rank = Int((fraction * Double(batchLatencies.count)).rounded(.up))
            return batchLatencies[min(max(rank, 1), batchLatencies.count) - 1]
        }
    }

    var host: String
    var port: Int
    /// Request target, e.g. `/write?db=plant&precision=ns`.
    var target: String
    var writers: Int

    /// Sends every batch; stops at the first batch that is not answered 204.
    /// - Throws: ``IngestBenchError/writeRejected(batch:status:message:)`` or
    ///   ``IngestBenchError/writeFailed(batch:reason:)`` for the first failure.
    func run(_ input: LineProtocolBatches) throws(IngestBenchError) -> Result {
        let shared = Shared(batches: input.batches)
        let clock = ContinuousClock()
        let started = clock.now
        let done = DispatchGroup()
        for _ in 0..<writers {
            done.enter()
            let thread = Thread { [self] in
                send(shared, clock: clock)
                done.leave()
            }
            thread.start()
        }
        done.wait()
        let wall = clock.now - started
        let state = shared.state.withLock { $0 }
        if let failure = state.failure { throw failure }
        return Result(
            batches: input.batches.count, lines: input.lines, values: input.values,
            wallSeconds: Self.seconds(wall), batchLatencies: state.latencies.sorted())
    }

    private final class Shared: Sendable {
        struct State {
            var next = 0
            var latencies: [Double] = []
            var failure: IngestBenchError?
        }

        let batches: [LineProtocolBatches.Batch]
        let state = Mutex(State())

        init(batches: [LineProtocolBatches.Batch]) {
            self.batches = batches
        }

        /// The index of the next batch to send, or nil when all are taken or a writer failed.
        func take() -> Int? {
            state.withLock { state in
                guard state.failure == nil, state.next < batches.count else { return nil }
                defer { state.next += 1 }
                return state.next
            }
        }
    }

    private func send(_ shared: Shared, clock: ContinuousClock) {
        let connection: HTTPConnection
        do {
            connection = try HTTPConnection(host: host, port: port)
        } catch {
            shared.state.withLock { $0.failure = $0.failure ?? .writeFailed(batch: 0, reason: error.description) }
            return
        }
        let headers = [("Content-Type", "text/plain; charset=utf-8")]
        while let index = shared.take() {
            let started = clock.now
            do {
                let response = try connection.request("POST", target, body: shared.batches[index].body, headers: headers)
                let seconds = Self.seconds(clock.now - started)
                guard response.status == 204 else {
                    let failure = IngestBenchError.writeRejected(batch: index, status: response.status, message: String(response.text.prefix(300)))
                    shared.state.withLock { $0.failure = $0.failure ?? failure }
                    return
                }
                shared.state.withLock { $0.latencies.append(seconds) }
            } catch {
                shared.state.withLock { $0.failure = $0.failure ?? .writeFailed(batch: index, reason: error.description) }
                return
            }
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
