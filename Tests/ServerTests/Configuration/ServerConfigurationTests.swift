import Foundation
import OEE
import Testing

@testable import Server

@Suite struct ServerConfigurationTests {
    @Test func defaultsAreTheEmbeddedSetup() throws {
        let configuration = ServerConfiguration()
        #expect(configuration.dataDirectory == "histd-data")
        #expect(configuration.httpAddress == "127.0.0.1:8086")
        #expect(configuration.tokens.isEmpty)
        try configuration.validate()
    }

    @Test func environmentVariablesSetEveryScalar() throws {
        var configuration = ServerConfiguration()
        try configuration.applyEnvironment([
            "HISTD_DATA": "/var/lib/histd", "HISTD_HTTP": "[::1]:9000", "HISTD_LOG_LEVEL": "debug",
            "HISTD_DURABILITY": "250ms", "HISTD_LIMITS_MAX_BODY_BYTES": "1_000_000", "HISTD_LIMITS_REQUEST_TIMEOUT": "5s",
            "HISTD_RETENTION_DEFAULT": "90d", "HISTD_HEAD_MEMORY_BYTES": "1000000", "HISTD_SUMMARY_CACHE_BYTES": "0", "PATH": "/bin",
            "HISTD_REORDER_WINDOW_SAMPLES": "1024",
        ])
        #expect(configuration.dataDirectory == "/var/lib/histd")
        #expect(configuration.host == "::1")
        #expect(configuration.port == 9_000)
        #expect(configuration.logLevel == .debug)
        #expect(configuration.durability == .interval(milliseconds: 250))
        #expect(configuration.limits.maxBodyBytes == 1_000_000)
        #expect(configuration.limits.requestTimeout == .seconds(5))
        #expect(configuration.maintenance.retention == Int64(90) * 86_400 * 1_000_000_000)
        #expect(configuration.historianOptions.headMemoryLimit == 1_000_000)
        #expect(configuration.historianOptions.summaryCacheBytes == 0)
        #expect(configuration.historianOptions.reorderWindowSamples == 1_024)
    }

    @Test func badValuesNameTheirSetting() {
        var configuration = ServerConfiguration()
        #expect(throws: ConfigurationError.unknownKey("HISTD_LIMITS_MAX_BODY", source: "environment")) {
            try configuration.applyEnvironment(["HISTD_LIMITS_MAX_BODY": "1"])
        }
        #expect(throws: ConfigurationError.self) { try configuration.set("http", to: .text("localhost"), source: "--http") }
        #expect(throws: ConfigurationError.self) { try configuration.set("http", to: .text("127.0.0.1:99999"), source: "--http") }
        #expect(throws: ConfigurationError.self) { try configuration.set("durability", to: .text("sometimes"), source: "test") }
        #expect(throws: ConfigurationError.self) { try configuration.set("limits.max_query_points", to: .integer(0), source: "test") }
        #expect(throws: ConfigurationError.self) { try configuration.set("reorder_window_samples", to: .integer(5_000), source: "test") }
        #expect(throws: ConfigurationError.self) { try configuration.set("reorder_window_samples", to: .integer(-1), source: "test") }
        do {
            try configuration.set("log_level", to: .text("loud"), source: "test")
            Issue.record("accepted log level 'loud'")
        } catch {
            #expect(error.description.contains("log_level"))
        }
    }

    @Test func listeningBeyondLoopbackNeedsTokensAndTLS() throws {
        var configuration = ServerConfiguration()
        try configuration.set("http", to: .text("0.0.0.0:8086"), source: "--http")
        #expect(throws: ConfigurationError.self) { try configuration.validate() }
        configuration.tokens = [AccessToken(name: "t", secretHash: Array(repeating: 0, count: 32), scopes: [.read])]
        do {
            try configuration.validate()
            Issue.record("listening beyond loopback without TLS was accepted")
        } catch {
            #expect(error.description.contains("tls.certificate") && error.description.contains("tls.allow_plaintext"), "\(error.description)")
        }
        try configuration.set("tls.allow_plaintext", to: .boolean(true), source: "test")
        try configuration.validate()
        configuration.tlsAllowPlaintext = false
        configuration.tlsCertificate = "/etc/histd/cert.pem"
        #expect(throws: ConfigurationError.invalid(key: "tls.key", message: "tls.certificate is set: tls.key (the PEM private key) is needed too")) {
            try configuration.validate()
        }
        configuration.tlsKey = "/etc/histd/key.pem"
        try configuration.validate()
        try configuration.set("http", to: .text(":8086"), source: "--http")
        #expect(configuration.host == "0.0.0.0")
    }
}

@Suite struct ConfigurationFileTests {
    static func write(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "histd-config-\(UUID().uuidString).toml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Applying a file with `text` fails with an error whose message contains `expected`.
    static func expectRefusal(_ text: String, naming expected: String) throws {
        let path = try write(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var configuration = ServerConfiguration()
        do {
            try configuration.applyFile(path)
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }

    @Test func aFileSetsScalarsTablesAndTokens() throws {
        let path = try Self.write(
            """
            data = "/srv/histd"
            http = "0.0.0.0:8086"
            durability = "100ms"

            [limits]
            max_body_bytes = 10_000_000
            request_timeout = "30s"
            max_concurrent_queries = 8

            [retention]
            default = "365d"
            interval = "5m"

            [retention.measurements]
            vibration = "30d"

            [tls]
            allow_plaintext = true

            [[tokens]]
            name = "telegraf"
            scopes = ["write"]
            sha256 = "\(AccessToken.hashHex(of: "s3cret"))"
            """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var configuration = ServerConfiguration()
        try configuration.applyFile(path)
        #expect(configuration.dataDirectory == "/srv/histd")
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.durability == .interval(milliseconds: 100))
        #expect(configuration.limits.maxBodyBytes == 10_000_000)
        #expect(configuration.limits.requestTimeout == .seconds(30))
        #expect(configuration.limits.maxConcurrentQueries == 8)
        #expect(configuration.maintenance.retention == Int64(365) * 86_400_000_000_000)
        #expect(configuration.maintenance.interval == .seconds(300))
        #expect(configuration.maintenance.retentionByMeasurement == ["vibration": Int64(30) * 86_400_000_000_000])
        #expect(configuration.tokens.count == 1)
        #expect(configuration.tokens.first?.scopes == [.write])
        try configuration.validate()
        // The environment overrides the file.
        try configuration.applyEnvironment(["HISTD_LIMITS_MAX_BODY_BYTES": "5"])
        #expect(configuration.limits.maxBodyBytes == 5)
    }

    @Test func mistakesNameTheKeyAndTheFile() throws {
        for (text, expected) in [
            ("[limits]\nmax_bdy_bytes = 1\n", "limits.max_bdy_bytes"),
            ("[limits]\nmax_body_bytes = \"big\"\n", "limits.max_body_bytes"),
            ("data = [1, 2]\n", "data"),
            ("[[tokens]]\nname = \"t\"\nscopes = [\"read\"]\nsha256 = \"abc\"\n", "sha256"),
            ("[[tokens]]\nname = \"t\"\nscopes = [\"root\"]\nsha256 = \"\(AccessToken.hashHex(of: "x"))\"\n", "root"),
            ("http = \"127.0.0.1:8086\nlimits = 3\n", "line 1"),
        ] {
            try Self.expectRefusal(text, naming: expected)
        }
        var configuration = ServerConfiguration()
        #expect(throws: ConfigurationError.self) { try configuration.applyFile("/nonexistent/histd.toml") }
    }
}

@Suite struct MachineConfigurationFileTests {
    @Test func machinesTablesBecomeDefinitions() throws {
        let path = try ConfigurationFileTests.write(
            """
            [[machines]]
            name = "M07"
            line = "L1"
            ideal_cycle_s = 1.5
            micro_stop_threshold_s = 120
            setup_reasons = ["SETUP", "CHANGEOVER"]
            state = { measurement = "machine_state", tags = { machine = "M07" }, field = "state" }
            states = { "1" = "RUN", "7" = "DOWN:JAM", "9" = "SETUP" }

            [machines.counts]
            count_mode = "counter"
            counter_modulus = 65536
            good = { measurement = "parts", tags = { machine = "M07" }, field = "good" }

            [machines.calendar]
            time_zone = "Europe/Berlin"
            non_scheduled_weekdays = [6, 7]
            non_scheduled_dates = ["2026-12-25"]

            [[machines.calendar.shifts]]
            name = "Night"
            start = "22:00"
            end = "06:00"
            breaks = [{ start = "02:00", end = "02:30" }]
            """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var configuration = ServerConfiguration()
        try configuration.applyFile(path)
        try configuration.validate()
        let machine = try #require(configuration.machines.first)
        #expect(machine.name == "M07")
        #expect(machine.line == "L1")
        #expect(machine.idealCycleSeconds == 1.5)
        #expect(machine.microStopThresholdSeconds == 120)
        #expect(machine.setupReasons == ["SETUP", "CHANGEOVER"])
        #expect(machine.stateSeries == SeriesReference(measurement: "machine_state", tags: ["machine": "M07"], field: "state"))
        #expect(machine.stateMapping["7"] == OEEStateMapping(state: .down, reason: "JAM"))
        #expect(machine.stateMapping["9"] == OEEStateMapping(state: .setup))
        #expect(
            machine.counts
                == .counters(good: SeriesReference(measurement: "parts", tags: ["machine": "M07"], field: "good"), reject: nil, modulus: 65_536))
        #expect(machine.calendar.timeZone == "Europe/Berlin")
        #expect(machine.calendar.nonScheduledWeekdays == [6, 7])
        #expect(machine.calendar.shifts.count == 1)
        #expect(machine.calendar.shifts.first?.breaks.count == 1)
    }

    @Test func mistakesInMachinesNameTheKey() throws {
        for (text, expected) in [
            ("[[machines]]\nname = \"A\"\n", "machines[1].ideal_cycle_s"),
            (
                "[[machines]]\nname = \"A\"\nideal_cycle_s = 1\nstate = { measurement = \"s\", field = \"f\" }\ncounts = { good = { measurement = \"p\", field = \"g\" } }\ncalendar = { shifts = [{ name = \"E\", start = \"25:00\", end = \"06:00\" }] }\n",
                "start"
            ),
            (
                "[[machines]]\nname = \"A\"\nideal_cycle_s = 1\nstate = { measurement = \"s\", field = \"f\" }\ncounts = { good = { measurement = \"p\", field = \"g\" } }\ncalendar = { shifts = [] }\nstates = { \"1\" = \"RUNNING\" }\n",
                "machines[1].states.1"
            ),
            ("[[machines]]\nname = \"A\"\ncolour = \"red\"\n", "colour"),
        ] {
            try ConfigurationFileTests.expectRefusal(text, naming: expected)
        }
    }
}
