import Foundation
import Synchronization

/// Delivers each chart's stream messages to its webhook: POSTs them in order, one at a time, and
/// moves the chart's cursor (in the store) only after a 2xx answer, so every message arrives at
/// least once, also across restarts. A failure is retried after 1 s, doubling up to 5 minutes;
/// the state is visible in the chart's document. Runs on a thread of its own: ingest never waits for it.
final class WebhookSender: Sendable {
    private let store: LiveStore
    /// The webhook of each chart that has one (latest revision, not deleted).
    private let targets: @Sendable () -> [Int64: String]
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    /// How often the sender looks for new messages.
    static let interval: TimeInterval = 0.2
    /// Messages sent per chart per round.
    static let batch = 100

    init(store: LiveStore, targets: @escaping @Sendable () -> [Int64: String]) {
        self.store = store
        self.targets = targets
        Thread { [self] in
            while !stopped.load(ordering: .acquiring) {
                deliver()
                Thread.sleep(forTimeInterval: Self.interval)
            }
            finished.signal()
        }.start()
    }

    /// Stops after the current delivery.
    func stop() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        finished.wait()
    }

    /// The seconds to wait after `attempts` failures: 1, 2, 4 ... 300.
    static func backoff(afterFailures attempts: Int) -> Double {
        min(300, pow(2, Double(max(0, attempts - 1))))
    }

    private func deliver() {
        for (chart, url) in targets().sorted(by: { $0.key < $1.key }) {
            guard let target = PlainHTTPPost.Target(url), var cursor = try? store.webhookCursor(chart: chart) else { continue }
            let now = Int64(Date().timeIntervalSince1970 * 1e9)
            if cursor.attempts > 0, let last = cursor.lastAttempt, Double(now - last) / 1e9 < Self.backoff(afterFailures: cursor.attempts) {
                continue
            }
            guard let messages = try? store.messages(chart: chart, after: cursor.delivered, limit: Self.batch) else { continue }
            for message in messages {
                if stopped.load(ordering: .acquiring) { return }
                let attemptedAt = Int64(Date().timeIntervalSince1970 * 1e9)
                do throws(PlainHTTPPost.Failure) {
                    let status = try PlainHTTPPost.post(message.data, to: target)
                    guard (200..<300).contains(status) else { throw PlainHTTPPost.Failure("\(url) answered \(status)") }
                    cursor = LiveStore.WebhookCursor(delivered: message.sequence, attempts: 0, lastError: nil, lastAttempt: attemptedAt)
                    try? store.setWebhookCursor(cursor, chart: chart)
                } catch {
                    cursor.attempts += 1
                    cursor.lastError = error.description
                    cursor.lastAttempt = attemptedAt
                    try? store.setWebhookCursor(cursor, chart: chart)
                    break
                }
            }
        }
    }
}
