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
