import Prometheus

/// The server's Prometheus metrics, served as text on `/metrics`.
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    /// Field values stored by writes.
    let ingestedValues: Counter
    /// Lines stored by writes.
    let ingestedLines: Counter
    /// Request body bytes received by writes, before gzip decoding.
    let ingestedBytes: Counter
    /// Lines or fields rejected by writes.
    let rejectedLines: Counter
    /// Write requests by outcome.
    let writeRequests: Counter
    /// Duration of the WAL part of a write batch, fsync included.
    let writeLatency: DurationHistogram
    /// Duration of query, SPC and OEE requests.
    let queryLatency: DurationHistogram
    /// Duration of each WAL fsync.
    let walSyncLatency: DurationHistogram
    /// Queries refused because too many were running.
    let queriesRefused: Counter
    /// Bytes in write-ahead log segments.
    let walBytes: Gauge
    /// Estimated bytes of memory of the head (open and sealed chunks, not yet in partition files).
    let headMemoryBytes: Gauge
    /// Bytes held by the rollup summary cache.
    let summaryCacheBytes: Gauge
    /// Registered series.
    let seriesCount: Gauge
    /// Bytes of partition files.
    let partitionBytes: Gauge

    init() {
        let latencyBuckets: [Duration] = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2.5), .milliseconds(5),
            .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
        ]
        ingestedValues = registry.makeCounter(name: "histd_ingested_values_total", help: "Field values stored by writes.")
        ingestedLines = registry.makeCounter(name: "histd_ingested_lines_total", help: "Line protocol lines stored by writes.")
        ingestedBytes = registry.makeCounter(name: "histd_ingested_bytes_total", help: "Write request body bytes received (before gzip decoding).")
        rejectedLines = registry.makeCounter(name: "histd_rejected_lines_total", help: "Lines or fields rejected by writes.")
        writeRequests = registry.makeCounter(name: "histd_write_requests_total", help: "Write requests received.")
        writeLatency = registry.makeDurationHistogram(
            name: "histd_write_durable_seconds", buckets: latencyBuckets,
            help: "Time from receiving a write body to its samples being durable (parse, WAL append, fsync).")
        queryLatency = registry.makeDurationHistogram(
            name: "histd_query_duration_seconds", buckets: latencyBuckets, help: "Duration of query, SPC and OEE requests.")
        walSyncLatency = registry.makeDurationHistogram(
            name: "histd_wal_fsync_seconds", buckets: latencyBuckets, help: "Duration of write-ahead log fsyncs.")
        queriesRefused = registry.makeCounter(name: "histd_queries_refused_total", help: "Queries refused because too many were running.")
        walBytes = registry.makeGauge(name: "histd_wal_bytes", help: "Bytes in write-ahead log segments.")
        headMemoryBytes = registry.makeGauge(
            name: "histd_head_memory_bytes", help: "Estimated bytes of memory of chunks not yet in partition files.")
        summaryCacheBytes = registry.makeGauge(name: "histd_summary_cache_bytes", help: "Bytes held by the rollup summary cache.")
        seriesCount = registry.makeGauge(name: "histd_series", help: "Registered series.")
        partitionBytes = registry.makeGauge(name: "histd_partition_bytes", help: "Bytes of partition files.")
    }
}
