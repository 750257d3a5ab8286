import Foundation
import Historian
import Live
import Logging
import ServiceLifecycle

/// Owns the storage engine's life in the server: runs retention and compaction every interval,
/// and on shutdown (after the HTTP server has finished its requests) makes everything durable and
/// seals the head into partition files.
struct HistorianService: Service {
    let historian: Historian
    /// Stopped before the head is sealed: no evaluation runs while the storage closes.
    let live: LiveSPC
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
        live.close()
        logger.info("sealing the head and flushing to partition files")
        let historian = historian
        let started = ContinuousClock.now
        try await executor.run { try historian.flush() }
        logger.info("storage closed cleanly", metadata: ["seconds": "\(ContinuousClock.now - started)"])
        try await executor.shutdown()
    }

    /// Drops partitions past retention, then compacts; failures are logged and retried next time.
    func maintain() async {
        do {
            let outcome = try await Self.maintain(historian: historian, settings: settings, executor: executor)
            logger.debug("maintenance done", metadata: ["dropped": "\(outcome.partitionsDropped)", "compaction": "\(outcome.compaction)"])
        } catch {
            logger.error("maintenance failed; retrying at the next interval", metadata: ["error": "\(error)"])
        }
    }

    /// What one maintenance run did.
    struct MaintenanceOutcome: Sendable {
        var partitionsDropped: Int
        var compaction: CompactionReport
    }

    /// Applies retention (global, then per measurement) and compacts, on the executor.
    static func maintain(historian: Historian, settings: MaintenanceSettings, executor: BlockingExecutor) async throws -> MaintenanceOutcome {
        try await executor.run { () throws -> MaintenanceOutcome in
            let now = Self.nowNanoseconds()
            var dropped = 0
            if let retention = settings.retention {
                dropped += try historian.dropPartitions(endingAtOrBefore: now &- retention).count
            }
            for (measurement, retention) in settings.retentionByMeasurement {
                dropped += try historian.dropPartitions(endingAtOrBefore: now &- retention, measurement: measurement)
            }
            return MaintenanceOutcome(partitionsDropped: dropped, compaction: try historian.compact())
        }
    }

    static func nowNanoseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
