import Foundation
import Historian
import Logging
import ServiceLifecycle

/// Owns the storage engine's life in the server: runs retention and compaction every interval,
/// and on shutdown (after the HTTP server has finished its requests) makes everything durable and
/// seals the head into partition files.
struct HistorianService: Service {
    let historian: Historian
    let executor: BlockingExecutor
    let settings: MaintenanceSettings
    let logger: Logger

    func run() async throws {
        while true {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: settings.interval) }
            } catch {
                break
            }
            await maintain()
        }
        logger.info("sealing the head and flushing to partition files")
        let historian = historian
        let started = ContinuousClock.now
        try await executor.run { try historian.flush() }
        logger.info("storage closed cleanly", metadata: ["seconds": "\(ContinuousClock.now - started)"])
        try await executor.shutdown()
    }

    /// Drops partitions past retention, then compacts; failures are logged and retried next time.
    func maintain() async {
        let historian = historian
        let settings = settings
        do {
            let outcome = try await executor.run { () throws -> MaintenanceOutcome in
                let now = Self.nowNanoseconds()
                var dropped = 0
                if let retention = settings.retention {
                    dropped += try historian.dropPartitions(endingAtOrBefore: now &- retention).count
                }
                for (measurement, retention) in settings.retentionByMeasurement {
                    dropped += try historian.dropPartitions(endingAtOrBefore: now &- retention, measurement: measurement)
                }
                return MaintenanceOutcome(dropped: dropped, compaction: try historian.compact())
            }
            logger.debug("maintenance done", metadata: ["dropped": "\(outcome.dropped)", "compaction": "\(outcome.compaction)"])
        } catch {
            logger.error("maintenance failed; retrying at the next interval", metadata: ["error": "\(error)"])
        }
    }

    private struct MaintenanceOutcome: Sendable {
        var dropped: Int
        var compaction: CompactionReport
    }

    static func nowNanoseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
