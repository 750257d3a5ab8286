import Historian
import Hummingbird

/// `POST /api/v1/admin/flush` seals the head into partition files; `POST /api/v1/admin/maintenance`
/// runs retention and compaction now. Both need the `admin` scope when tokens are configured.
struct AdminRoutes {
    let historian: Historian
    let executor: BlockingExecutor
    let settings: MaintenanceSettings

    func register(on router: Router<ServerRequestContext>) {
        router.post("/api/v1/admin/flush") { _, _ in
            let historian = historian
            let before = historian.storageStatistics()
            try await executor.run { try historian.flush() }
            let after = historian.storageStatistics()
            var writer = JSONWriter()
            writer.beginObject()
            writer.key("partitions_written")
            writer.integer(after.partitionCount - before.partitionCount)
            writer.key("partition_bytes")
            writer.integer(after.partitionBytes)
            writer.endObject()
            return writer.response()
        }
        router.post("/api/v1/admin/maintenance") { _, _ in
            let outcome = try await HistorianService.maintain(historian: historian, settings: settings, executor: executor)
            var writer = JSONWriter()
            writer.beginObject()
            writer.key("partitions_dropped")
            writer.integer(outcome.partitionsDropped)
            writer.key("windows_compacted")
            writer.integer(outcome.compaction.windowsCompacted)
            writer.key("files_removed")
            writer.integer(outcome.compaction.filesRemoved)
            writer.endObject()
            return writer.response()
        }
    }
}
