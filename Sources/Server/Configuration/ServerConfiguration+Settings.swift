import Historian
import Logging
import Time

extension ServerConfiguration {
    /// A scalar setting: its dotted key (as in the TOML file) and how it applies a value.
    struct Setting: Sendable {
        let key: String
        let apply: @Sendable (inout ServerConfiguration, ConfigurationValue) throws(ConfigurationError) -> Void

        /// The environment variable that sets it: `HISTD_` and the key in capitals, dots as `_`.
        var environmentName: String {
            "HISTD_" + key.uppercased().replacingOccurrences(of: ".", with: "_")
        }
    }

    /// One line per setting for `histd serve --help`: the TOML key, its `HISTD_*` variable and the
    /// default (docs/configuration.md says what each does).
    public static var settingsHelp: String {
        var defaults = Dictionary(ServerConfiguration().summary.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        defaults["retention.default"] = defaults["retention"]
        defaults["retention.interval"] = defaults["maintenance_interval"]
        return settings.map { setting in
            let value = defaults[setting.key].map { $0.isEmpty ? "" : ", default \($0)" } ?? ""
            return "  \(setting.key) (\(setting.environmentName)\(value))"
        }.joined(separator: "\n")
    }

    /// Every scalar setting. Tokens and per-measurement retention are tables, set in the file only.
    static let settings: [Setting] = [
        Setting(key: "data") { (configuration, value) throws(ConfigurationError) in
            configuration.dataDirectory = try value.text("data")
        },
        Setting(key: "http") { (configuration, value) throws(ConfigurationError) in
            try configuration.setHTTPAddress(try value.text("http"))
        },
        Setting(key: "log_level") { (configuration, value) throws(ConfigurationError) in
            let text = try value.text("log_level")
            guard let level = Logger.Level(rawValue: text) else {
                throw .invalid(
                    key: "log_level", message: "expected one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), found '\(text)'")
            }
            configuration.logLevel = level
        },
        Setting(key: "durability") { (configuration, value) throws(ConfigurationError) in
            let text = try value.text("durability")
            if text == "batch" {
                configuration.durability = .everyBatch
            } else if let nanoseconds = DurationText.nanoseconds(text), nanoseconds >= 1_000_000, nanoseconds <= 60_000_000_000 {
                configuration.durability = .interval(milliseconds: Int(nanoseconds / 1_000_000))
            } else {
                throw .invalid(
                    key: "durability",
                    message: "expected 'batch' (fsync every write) or an fsync interval from 1ms to 60s like '100ms', found '\(text)'")
            }
        },
        Setting(key: "chunk_samples") { (configuration, value) throws(ConfigurationError) in
            configuration.chunkSampleLimit = try positive(value, "chunk_samples", maximum: HistorianOptions.maximumChunkSamples)
        },
        Setting(key: "head_memory_bytes") { (configuration, value) throws(ConfigurationError) in
            configuration.headMemoryLimit = try positive(value, "head_memory_bytes")
        },
        Setting(key: "summary_cache_bytes") { (configuration, value) throws(ConfigurationError) in
            configuration.summaryCacheBytes = try value.integer("summary_cache_bytes")
            guard configuration.summaryCacheBytes >= 0 else { throw .invalid(key: "summary_cache_bytes", message: "must not be negative") }
        },
        Setting(key: "reorder_window_samples") { (configuration, value) throws(ConfigurationError) in
            let samples = try value.integer("reorder_window_samples")
            guard samples >= 0, samples <= HistorianOptions.maximumReorderWindow else {
                throw .invalid(key: "reorder_window_samples", message: "expected 0 to \(HistorianOptions.maximumReorderWindow), found \(samples)")
            }
            configuration.reorderWindowSamples = samples
        },
        Setting(key: "database_tag") { (configuration, value) throws(ConfigurationError) in
            configuration.databaseTag = try value.text("database_tag")
        },
        Setting(key: "write.check_times") { (configuration, value) throws(ConfigurationError) in
            configuration.checkPlausibleTimes = try value.boolean("write.check_times")
        },
        Setting(key: "write.earliest_time") { (configuration, value) throws(ConfigurationError) in
            let text = try value.text("write.earliest_time")
            guard let earliest = RFC3339.parse(text) else {
                throw .invalid(key: "write.earliest_time", message: "expected an RFC 3339 time like 1990-01-01T00:00:00Z, found '\(text)'")
            }
            configuration.plausibleTimes.earliest = earliest
        },
        Setting(key: "write.max_time_ahead") { (configuration, value) throws(ConfigurationError) in
            configuration.plausibleTimes.ahead = try value.duration("write.max_time_ahead")
        },
        Setting(key: "tls.certificate") { (configuration, value) throws(ConfigurationError) in
            configuration.tlsCertificate = try value.text("tls.certificate")
        },
        Setting(key: "tls.key") { (configuration, value) throws(ConfigurationError) in
            configuration.tlsKey = try value.text("tls.key")
        },
        Setting(key: "tls.allow_plaintext") { (configuration, value) throws(ConfigurationError) in
            configuration.tlsAllowPlaintext = try value.boolean("tls.allow_plaintext")
        },
        Setting(key: "limits.max_body_bytes") { (configuration, value) throws(ConfigurationError) in
            configuration.limits.maxBodyBytes = try positive(value, "limits.max_body_bytes")
        },
        Setting(key: "limits.max_header_bytes") { (configuration, value) throws(ConfigurationError) in
            configuration.limits.maxHeaderBytes = try positive(value, "limits.max_header_bytes")
        },
        Setting(key: "limits.max_concurrent_queries") { (configuration, value) throws(ConfigurationError) in
            configuration.limits.maxConcurrentQueries = try positive(value, "limits.max_concurrent_queries")
        },
        Setting(key: "limits.max_queued_queries") { (configuration, value) throws(ConfigurationError) in
            configuration.limits.maxQueuedQueries = try value.integer("limits.max_queued_queries")
            guard configuration.limits.maxQueuedQueries >= 0 else {
                throw .invalid(key: "limits.max_queued_queries", message: "must not be negative")
            }
        },
        Setting(key: "limits.request_timeout") { (configuration, value) throws(ConfigurationError) in
            configuration.limits.requestTimeout = .nanoseconds(try value.duration("limits.request_timeout"))
        },
        Setting(key: "limits.header_timeout") { (configuration, value) throws(ConfigurationError) in
            configuration.limits.headerTimeout = .nanoseconds(try value.duration("limits.header_timeout"))
        },
        Setting(key: "limits.max_connections_per_client") { (configuration, value) throws(ConfigurationError) in
            configuration.limits.maxConnectionsPerClient = try positive(value, "limits.max_connections_per_client")
        },
        Setting(key: "limits.idle_timeout") { (configuration, value) throws(ConfigurationError) in
            configuration.limits.idleTimeout = .nanoseconds(try value.duration("limits.idle_timeout"))
        },
        Setting(key: "limits.response_memory_bytes") { (configuration, value) throws(ConfigurationError) in
            configuration.limits.responseMemoryBytes = try positive(value, "limits.response_memory_bytes")
        },
        Setting(key: "limits.shutdown_timeout") { (configuration, value) throws(ConfigurationError) in
            configuration.limits.shutdownTimeout = .nanoseconds(try value.duration("limits.shutdown_timeout"))
        },
        Setting(key: "limits.write_stall_timeout") { (configuration, value) throws(ConfigurationError) in
            configuration.limits.writeStallTimeout = .nanoseconds(try value.duration("limits.write_stall_timeout"))
        },
        Setting(key: "limits.max_query_points") { (configuration, value) throws(ConfigurationError) in
            configuration.limits.maxQueryPoints = try positive(value, "limits.max_query_points")
        },
        Setting(key: "limits.max_series_per_measurement") { (configuration, value) throws(ConfigurationError) in
            configuration.limits.maxSeriesPerMeasurement = try positive(value, "limits.max_series_per_measurement")
        },
        Setting(key: "limits.max_series") { (configuration, value) throws(ConfigurationError) in
            configuration.limits.maxSeries = try positive(value, "limits.max_series")
        },
        Setting(key: "limits.max_connections") { (configuration, value) throws(ConfigurationError) in
            configuration.limits.maxConnections = try positive(value, "limits.max_connections")
        },
        Setting(key: "retention.default") { (configuration, value) throws(ConfigurationError) in
            if value == .text("none") || value == .text("") {
                configuration.maintenance.retention = nil
            } else {
                configuration.maintenance.retention = try value.duration("retention.default")
            }
        },
        Setting(key: "retention.interval") { (configuration, value) throws(ConfigurationError) in
            configuration.maintenance.interval = .nanoseconds(try value.duration("retention.interval"))
        },
    ]

    /// Applies one setting by key.
    /// - Throws: ``ConfigurationError/unknownKey(_:source:)`` or the setting's own error.
    public mutating func set(_ key: String, to value: ConfigurationValue, source: String) throws(ConfigurationError) {
        guard let setting = Self.settings.first(where: { $0.key == key }) else { throw .unknownKey(key, source: source) }
        try setting.apply(&self, value)
    }

    /// Applies every `HISTD_*` variable of `environment` that names a setting.
    /// `HISTD_CONFIG` (the file) is read by the caller; any other unknown `HISTD_` variable is an error.
    public mutating func applyEnvironment(_ environment: [String: String]) throws(ConfigurationError) {
        for (name, text) in environment.sorted(by: { $0.key < $1.key }) where name.hasPrefix("HISTD_") && name != "HISTD_CONFIG" {
            guard let setting = Self.settings.first(where: { $0.environmentName == name }) else {
                throw .unknownKey(name, source: "environment")
            }
            try setting.apply(&self, .text(text))
        }
    }

    /// Sets host and port from `host:port`, `[ipv6]:port` or `:port`.
    mutating func setHTTPAddress(_ text: String) throws(ConfigurationError) {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw .invalid(key: "http", message: "expected [address]:port, found '\(text)'") }
            portText = rest.dropFirst()
        } else if let colon = text.lastIndex(of: ":") {
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        } else {
            throw .invalid(key: "http", message: "expected host:port like 127.0.0.1:8086, found '\(text)'")
        }
        guard let port = Int(portText), (0...65_535).contains(port) else {
            throw .invalid(key: "http", message: "'\(portText)' is not a port number (0...65535)")
        }
        self.host = host.isEmpty ? "0.0.0.0" : String(host)
        self.port = port
    }

    private static func positive(_ value: ConfigurationValue, _ key: String, maximum: Int = .max) throws(ConfigurationError) -> Int {
        let number = try value.integer(key)
        guard number > 0, number <= maximum else {
            throw .invalid(key: key, message: "expected a positive integer up to \(maximum), found \(number)")
        }
        return number
    }
}
