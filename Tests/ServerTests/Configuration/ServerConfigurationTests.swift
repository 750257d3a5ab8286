import Foundation
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
            "HISTD_RETENTION_DEFAULT": "90d", "PATH": "/bin",
        ])
        #expect(configuration.dataDirectory == "/var/lib/histd")
        #expect(configuration.host == "::1")
        #expect(configuration.port == 9_000)
        #expect(configuration.logLevel == .debug)
        #expect(configuration.durability == .interval(milliseconds: 250))
        #expect(configuration.limits.maxBodyBytes == 1_000_000)
        #expect(configuration.limits.requestTimeout == .seconds(5))
        #expect(configuration.maintenance.retention == Int64(90) * 86_400 * 1_000_000_000)
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
        do {
            try configuration.set("log_level", to: .text("loud"), source: "test")
            Issue.record("accepted log level 'loud'")
        } catch {
            #expect(error.description.contains("log_level"))
        }
    }

    @Test func listeningBeyondLoopbackNeedsTokens() throws {
        var configuration = ServerConfiguration()
        try configuration.set("http", to: .text("0.0.0.0:8086"), source: "--http")
        #expect(throws: ConfigurationError.self) { try configuration.validate() }
        configuration.tokens = [AccessToken(name: "t", secretHash: Array(repeating: 0, count: 32), scopes: [.read])]
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

    @Test func aFileSetsScalarsTablesAndTokens() throws {
        let path = try Self.write("""
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
            let path = try Self.write(text)
            defer { try? FileManager.default.removeItem(atPath: path) }
            var configuration = ServerConfiguration()
            do {
                try configuration.applyFile(path)
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.description.contains(expected), "\(error.description)")
            }
        }
        var configuration = ServerConfiguration()
        #expect(throws: ConfigurationError.self) { try configuration.applyFile("/nonexistent/histd.toml") }
    }
}
