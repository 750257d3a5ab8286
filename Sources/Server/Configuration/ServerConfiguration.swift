import Historian
import Logging
import Time

/// Everything `histd serve` needs to run, with the embedded defaults: data in `./histd-data`,
/// HTTP on 127.0.0.1:8086, no tokens (so loopback only), fsync on every write batch.
///
/// Sources, later ones winning: these defaults, the TOML file (`--config`), `HISTD_*` environment
/// variables, command-line flags. docs/configuration.md lists every key.
public struct ServerConfiguration: Sendable, Equatable {
    /// The data directory (created when missing).
    public var dataDirectory = "histd-data"
    /// The address to listen on (a host name or IP address).
    public var host = "127.0.0.1"
    /// The TCP port to listen on; 0 picks a free port.
    public var port = 8086
    /// The lowest log level written.
    public var logLevel = Logger.Level.info
    /// When a write is durable, and so when `/write` answers.
    public var durability = Durability.everyBatch
    /// Samples per chunk before it seals.
    public var chunkSampleLimit = HistorianOptions().chunkSampleLimit
    /// Bytes the head may hold before it seals chunks into partition files early.
    public var headMemoryLimit = HistorianOptions().headMemoryLimit
    /// Bytes of per-chunk rollup summaries kept in memory (0 turns the cache off).
    public var summaryCacheBytes = HistorianOptions().summaryCacheBytes
    /// The newest samples per series kept unencoded and sorted, so concurrent writers' batches that
    /// arrive out of time order still fill one chunk (0 ... ``HistorianOptions/maximumReorderWindow``).
    public var reorderWindowSamples = HistorianOptions().reorderWindowSamples
    /// Request, body, header and query limits.
    public var limits = ServerLimits()
    /// Retention and compaction.
    public var maintenance = MaintenanceSettings()
    /// Access tokens; empty means no authentication, which is allowed on loopback only.
    public var tokens: [AccessToken] = []
    /// The tag that receives the InfluxDB database (`db`) or bucket name of a write.
    public var databaseTag = "db"
    /// PEM file of the TLS certificate chain (`tls.certificate`); with ``tlsKey``, histd serves HTTPS.
    public var tlsCertificate: String?
    /// PEM file of the TLS private key (`tls.key`).
    public var tlsKey: String?
    /// Allows listening beyond loopback without TLS (`tls.allow_plaintext`): tokens would cross the network in clear.
    public var tlsAllowPlaintext = false
    /// The window written sample times must lie in (`write.earliest_time`, `write.max_time_ahead`).
    public var plausibleTimes = PlausibleTimeWindow()
    /// Whether `/write` refuses lines whose time lies outside ``plausibleTimes`` (`write.check_times`).
    public var checkPlausibleTimes = true
    /// The machines `/api/v1/oee` reports on (set programmatically; the TOML form is in docs/oee.md).
    public var machines: [OEEMachineDefinition] = []
    /// Open a directory whose write-ahead log is damaged or misses segments, replaying what can be
    /// read (`--accept-wal-loss`; see ``HistorianOptions/acceptWALLoss``).
    public var acceptWALLoss = false
    /// Makes the engine's file operations fail on purpose (tests of full and failing disks).
    package var fileFaults: FaultSwitch?

    /// The defaults.
    public init() {}

    /// `host:port`, as the `--http` flag takes it.
    public var httpAddress: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// Whether ``host`` only accepts connections from this machine: an IPv4 address in 127.0.0.0/8
    /// or ::1, or a name every address of which is one (resolved, not read as text: a name such as
    /// `127.0.0.1.example.com` can point anywhere).
    public var isLoopbackOnly: Bool {
        LoopbackAddress.isLoopback(host: host)
    }

    /// The window `/write` checks times against, nil when ``checkPlausibleTimes`` is off.
    public var plausibleTimeWindow: PlausibleTimeWindow? {
        checkPlausibleTimes ? plausibleTimes : nil
    }

    /// The storage engine options these settings imply.
    public var historianOptions: HistorianOptions {
        var options = HistorianOptions()
        options.durability = durability
        options.chunkSampleLimit = chunkSampleLimit
        options.headMemoryLimit = headMemoryLimit
        options.summaryCacheBytes = summaryCacheBytes
        options.reorderWindowSamples = reorderWindowSamples
        options.fileFaults = fileFaults
        options.acceptWALLoss = acceptWALLoss
        options.maximumSeries = limits.maxSeries
        options.maximumSeriesPerMeasurement = limits.maxSeriesPerMeasurement
        return options
    }

    /// Checks the settings that only make sense together.
    /// - Throws: ``ConfigurationError/unsafe(_:)`` when listening beyond loopback without tokens.
    public func validate() throws(ConfigurationError) {
        if !isLoopbackOnly && tokens.isEmpty {
            throw .unsafe(
                "refusing to listen on \(httpAddress) without access tokens: anyone on the network could read and write data. "
                    + "Configure [[tokens]] (see `histd token`) or listen on 127.0.0.1.")
        }
        switch (tlsCertificate, tlsKey) {
        case (nil, nil):
            if !isLoopbackOnly && !tlsAllowPlaintext {
                throw .unsafe(
                    "refusing to listen on \(httpAddress) without TLS: tokens and data would cross the network in clear. "
                        + "Set tls.certificate and tls.key, or tls.allow_plaintext = true behind a TLS proxy.")
            }
        case (.some, nil):
            throw .invalid(key: "tls.key", message: "tls.certificate is set: tls.key (the PEM private key) is needed too")
        case (nil, .some):
            throw .invalid(key: "tls.certificate", message: "tls.key is set: tls.certificate (the PEM certificate chain) is needed too")
        case (.some, .some):
            break
        }
        guard (1...65_535).contains(port) || port == 0 else { throw .invalid(key: "http", message: "port \(port) is not in 0...65535") }
        guard !databaseTag.isEmpty else { throw .invalid(key: "database_tag", message: "must not be empty") }
        var names = Set<String>()
        for (index, machine) in machines.enumerated() {
            try machine.validate(item: "machines[\(index)]")
            guard names.insert(machine.name).inserted else {
                throw .invalid(key: "machines[\(index)].name", message: "machine name '\(machine.name)' is used twice")
            }
        }
    }

    /// One line per setting, for the start-up log; token hashes are not shown.
    public var summary: [(key: String, value: String)] {
        [
            ("data", dataDirectory), ("http", httpAddress), ("log_level", logLevel.rawValue),
            ("durability", Self.describe(durability)), ("chunk_samples", "\(chunkSampleLimit)"),
            ("head_memory_bytes", "\(headMemoryLimit)"), ("summary_cache_bytes", "\(summaryCacheBytes)"),
            ("reorder_window_samples", "\(reorderWindowSamples)"),
            ("limits.max_body_bytes", "\(limits.maxBodyBytes)"), ("limits.max_series", "\(limits.maxSeries)"),
            ("limits.max_series_per_measurement", limits.maxSeriesPerMeasurement == .max ? "none" : "\(limits.maxSeriesPerMeasurement)"),
            ("limits.max_header_bytes", "\(limits.maxHeaderBytes)"),
            ("limits.max_concurrent_queries", "\(limits.maxConcurrentQueries)"),
            ("limits.max_queued_queries", "\(limits.maxQueuedQueries)"),
            ("limits.request_timeout", "\(limits.requestTimeout)"), ("limits.idle_timeout", "\(limits.idleTimeout)"),
            ("limits.header_timeout", "\(limits.headerTimeout)"), ("limits.max_connections_per_client", "\(limits.maxConnectionsPerClient)"),
            ("limits.max_query_points", "\(limits.maxQueryPoints)"), ("limits.max_connections", "\(limits.maxConnections)"),
            ("limits.response_memory_bytes", "\(limits.responseMemoryBytes)"), ("limits.write_stall_timeout", "\(limits.writeStallTimeout)"),
            ("limits.shutdown_timeout", "\(limits.shutdownTimeout)"),
            ("retention", maintenance.retention.map { "\($0 / 1_000_000_000)s" } ?? "none"),
            (
                "retention_by_measurement",
                maintenance.retentionByMeasurement.sorted { $0.key < $1.key }
                    .map { "\($0.key)=\($0.value / 1_000_000_000)s" }.joined(separator: ",")
            ),
            ("maintenance_interval", "\(maintenance.interval)"),
            ("tokens", tokens.map { "\($0.name)(\($0.scopes.map(\.rawValue).sorted().joined(separator: "+")))" }.joined(separator: ",")),
            ("database_tag", databaseTag),
            ("write.check_times", "\(checkPlausibleTimes)"), ("write.earliest_time", RFC3339.format(plausibleTimes.earliest)),
            ("write.max_time_ahead", "\(plausibleTimes.ahead / 1_000_000_000)s"),
            ("tls.certificate", tlsCertificate ?? "none"), ("tls.key", tlsKey ?? "none"), ("tls.allow_plaintext", "\(tlsAllowPlaintext)"),
            ("machines", machines.map(\.name).joined(separator: ",")),
        ]
    }

    private static func describe(_ durability: Durability) -> String {
        switch durability {
        case .everyBatch: "batch"
        case .interval(let milliseconds): "\(milliseconds)ms"
        }
    }
}
